import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { LeaguesRepository, readLeagueEvents, type LeagueEvent } from '@fantamercato/leagues';

/** Reads the league log for replays and gap repair. */
@Injectable()
export class LeagueEventLog {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly leagues: LeaguesRepository,
  ) {}

  async latestSeq(leagueId: string): Promise<number> {
    return this.leagues.latestSeq(this.dataSource.manager, leagueId);
  }

  /** Events with afterSeq < seq ≤ upToSeq, in order, at most `limit`. */
  async range(leagueId: string, afterSeq: number, upToSeq: number, limit: number): Promise<LeagueEvent[]> {
    if (upToSeq <= afterSeq) return [];
    const events = await readLeagueEvents(this.dataSource.manager, leagueId, afterSeq, Math.min(limit, upToSeq - afterSeq));
    return events.filter((e) => e.seq <= upToSeq);
  }
}
