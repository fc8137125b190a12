import type { ReleaseRefund } from '@fantamercato/contract';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, isUuid } from '@fantamercato/core';
import {
  appendLeagueEvent,
  budgetMessage,
  LeagueAnnouncements,
  LeagueNotFoundError,
  LeaguesRepository,
  type LeagueEvent,
} from '@fantamercato/leagues';
import { DEFAULT_PRICE_EUR } from '@fantamercato/players';
import { AuctionsRepository } from './auctions.repository.js';

/** What the league's rule gives back for a player bought at `paid` and priced `current` today (whole euros). */
export function releaseRefund(rule: ReleaseRefund, paid: number, current: number): number {
  switch (rule) {
    case 'none':
      return 0;
    case 'half':
      return Math.floor(paid / 2);
    case 'full':
      return paid;
    case 'price':
      return Math.min(current, paid);
  }
}

/**
 * Releases (svincoli): a manager lets one of his players go back to the pool and gets back what the
 * league's `market.releaseRefund` says. One transaction, in the lock order of an undone sale: the
 * player's ownership in the league, his roster entry, the manager's membership, the league row (event).
 */
@Injectable()
export class Releases {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly leagues: LeaguesRepository,
    private readonly auctions: AuctionsRepository,
    private readonly announcements: LeagueAnnouncements,
  ) {}

  async release(leagueId: string, userId: string, playerId: string): Promise<{ event: LeagueEvent; refund: number }> {
    if (!isUuid(leagueId) || !(await this.leagues.isMember(this.dataSource.manager, leagueId, userId))) throw new LeagueNotFoundError();
    const notYours = () => new DomainError(409, 'PLAYER_NOT_OWNED', 'That player is not in your squad.');
    if (!isUuid(playerId)) throw notYours();
    const { event, message, refund } = await this.dataSource.transaction(async (manager) => {
      await this.leagues.lockPlayerInLeague(manager, leagueId, playerId);
      const entry = await this.leagues.lockRosterEntry(manager, leagueId, playerId);
      if (!entry || entry.userId !== userId) throw notYours();
      const league = (await this.leagues.findById(manager, leagueId))!;
      const player = (await this.auctions.player(manager, playerId))!;
      // A player who left the league's competitions goes back under its "left the league" rule.
      const rule = entry.leftTheLeague ? league.rules.market.transferRefund : league.rules.market.releaseRefund;
      const refund = releaseRefund(rule, entry.price, player.priceEur ?? DEFAULT_PRICE_EUR[player.position]);
      const after = await this.leagues.undoSale(manager, leagueId, playerId, userId, refund);
      const event = await appendLeagueEvent(manager, leagueId, 'player.released', {
        playerId,
        playerName: entry.playerName,
        position: entry.position,
        userId,
        paid: entry.price,
        refund,
        rule,
        ...(entry.leftTheLeague ? { leftTheLeague: true as const } : {}),
      });
      return { event, message: budgetMessage(after, event.seq), refund };
    });
    this.announcements.publish([event], [message]);
    return { event, refund };
  }
}
