import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { appendLeagueEvent, budgetMessage, LeagueAnnouncements, LeaguesRepository, type StoredMembership } from '@fantamercato/leagues';
import { AuctionSchedule } from './auction-schedule.js';
import { AuctionsRepository } from './auctions.repository.js';
import { noChanges } from './bid-outcome.js';
import { DraftTurns } from './draft/draft-turns.js';
import { DraftsRepository, type StoredDraft } from './draft/drafts.repository.js';
import { DraftSchedule } from './draft/draft-schedule.js';

/** What only the closer uses: closing a due auction exactly once, and finding what is due. */
@Injectable()
export class AuctionClosing {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auctions: AuctionsRepository,
    private readonly leagues: LeaguesRepository,
    private readonly announcements: LeagueAnnouncements,
    private readonly schedule: AuctionSchedule,
    private readonly drafts: DraftsRepository,
    private readonly turns: DraftTurns,
    private readonly draftSchedule: DraftSchedule,
  ) {}

  /**
   * Closes one auction if it is due, exactly once: the row lock with SKIP LOCKED lets one process
   * in, and the status check turns every later attempt into a no-op. Returns whether it closed.
   */
  async closeIfDue(auctionId: string): Promise<boolean> {
    const changes = noChanges();
    let nextTurn: StoredDraft | undefined;
    const closed = await this.dataSource.transaction(async (manager) => {
      const auction = await this.auctions.lockIfDue(manager, auctionId);
      if (!auction) {
        // Not due (a bid moved the deadline, maybe in another process) or being closed elsewhere.
        const endsAt = await this.auctions.openEndsAt(manager, auctionId);
        if (endsAt) this.schedule.closeAt(auctionId, endsAt.toISOString());
        return false;
      }
      // A draft's lot: its draft is locked now (after the auction, as a pause does), and moves on below.
      const draft = await this.drafts.lockByLot(manager, auction.id);
      let winner: StoredMembership | undefined;
      if (auction.highBidderId && auction.highBid !== null) {
        winner = await this.leagues.settleWin(manager, {
          leagueId: auction.leagueId,
          userId: auction.highBidderId,
          playerId: auction.playerId,
          position: auction.position,
          price: auction.highBid,
          auctionId: auction.id,
        });
      }
      await this.auctions.markClosed(manager, auction.id);
      const data = winner ? { auctionId: auction.id, winnerId: winner.userId, price: auction.highBid! } : { auctionId: auction.id };
      const event = await appendLeagueEvent(manager, auction.leagueId, 'auction.closed', data);
      changes.events.push(event);
      if (winner) changes.personal.push(budgetMessage(winner, event.seq));
      // The next turn in the same transaction: the lot's close and the next manager's clock are one change.
      if (draft) nextTurn = await this.turns.next(manager, draft, changes);
      return true;
    });
    if (closed) this.announcements.publish(changes.events, changes.personal);
    if (nextTurn?.clockEndsAt) this.draftSchedule.closeAt(nextTurn.id, nextTurn.clockEndsAt);
    return closed;
  }

  /** Due auctions, oldest deadline first, for the sweeper. */
  dueAuctionIds(limit: number): Promise<string[]> {
    return this.auctions.dueIds(this.dataSource.manager, limit);
  }

  /** Open auctions and their deadlines, to arm the timers of a process that just started. */
  openDeadlines(): Promise<{ id: string; endsAt: string }[]> {
    return this.auctions.openDeadlines(this.dataSource.manager);
  }
}
