import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';
import { type RateLimit, RateLimits } from '@fantamercato/core';
import { LeaguesService, readLeagueEvents } from '@fantamercato/leagues';
import { AuctionsRepository } from './auctions.repository.js';
import type { ExportFormat, ExportKind } from './league-export.js';

/** A file to send: its body, type and name. */
export interface ExportFile {
  contentType: string;
  filename: string;
  body: string;
}

const EVENTS_PAGE = 1_000;
const EXPORTS_PER_MINUTE = 20;

/**
 * What leagues settle disputes with: every squad (who paid what, by auction or assigned), every
 * bid, and the whole log (the commissioner's actions with their reasons among it), as JSON or CSV.
 */
@Injectable()
export class LeagueExport {
  /** An export reads a whole league: a few a minute per manager is what settling a dispute takes. */
  private readonly limit: RateLimit;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly leagues: LeaguesService,
    private readonly auctions: AuctionsRepository,
    limits: RateLimits,
  ) {
    this.limit = limits.create('exports', EXPORTS_PER_MINUTE, 60);
  }

  async export(userId: string, leagueId: string, what: ExportKind, format: ExportFormat): Promise<ExportFile> {
    await this.leagues.requireMember(leagueId, userId);
    await this.limit.consume(userId);
    const rows = await this.rows(leagueId, what);
    const filename = `league-${leagueId.slice(0, 8)}-${what}.${format}`;
    if (format === 'json') return { contentType: 'application/json; charset=utf-8', filename, body: JSON.stringify({ items: rows }) };
    const flat = rows.map((row) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v !== null && typeof v === 'object' ? JSON.stringify(v) : v])),
    );
    const columns = COLUMNS[what];
    // Names are typed by managers: a cell starting with = + - @ is escaped so a spreadsheet never runs it.
    return {
      contentType: 'text/csv; charset=utf-8',
      filename,
      body: stringify(flat, { header: true, columns: [...columns], escape_formulas: true }),
    };
  }

  private async rows(leagueId: string, what: ExportKind): Promise<Record<string, unknown>[]> {
    const manager = this.dataSource.manager;
    switch (what) {
      case 'rosters':
        return this.auctions.rosterExport(manager, leagueId);
      case 'bids':
        return this.auctions.bidExport(manager, leagueId);
      case 'events': {
        const all: Record<string, unknown>[] = [];
        for (let after = 0; ;) {
          const page = await readLeagueEvents(manager, leagueId, after, EVENTS_PAGE);
          all.push(...page.map((e) => ({ seq: e.seq, type: e.type, at: e.at, data: e.data })));
          if (page.length < EVENTS_PAGE) return all;
          after = page.at(-1)!.seq;
        }
      }
    }
  }
}

const COLUMNS: Record<ExportKind, readonly string[]> = {
  rosters: ['manager', 'userId', 'player', 'playerId', 'position', 'price', 'acquiredAt', 'source', 'auctionId'],
  bids: ['auctionId', 'player', 'bidder', 'bidderId', 'amount', 'placedAt'],
  events: ['seq', 'type', 'at', 'data'],
};
