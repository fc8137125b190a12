import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@fantamercato/core';
import { LeagueAnnouncements, LeaguesRepository } from '@fantamercato/leagues';
import { DEFAULT_PRICE_EUR } from '@fantamercato/players';
import { AuctionOpening } from '../auction-opening.service.js';
import { AuctionSchedule } from '../auction-schedule.js';
import { noChanges } from '../bid-outcome.js';
import { DeadlineWorker } from '../deadline-worker.js';
import { DraftSchedule } from './draft-schedule.js';
import { DraftTurns } from './draft-turns.js';
import { DraftsRepository, type StoredDraft } from './drafts.repository.js';

/**
 * The nomination clock, in every API process, the way AuctionCloser closes auctions: a timer per
 * running draft for punctuality, a sweeper for whatever a timer could not know about. When the
 * manager on the clock lets it run out, his turn passes (`skip`) or the game calls for him (`auto`)
 * the cheapest available player that fits his squad, bidding its opening price for him if he can
 * afford it. Exactly once: the draft row is taken with SKIP LOCKED and must still be due.
 */
@Injectable()
export class DraftClock extends DeadlineWorker {
  protected readonly logger = new Logger('DraftClock');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly drafts: DraftsRepository,
    private readonly leagues: LeaguesRepository,
    private readonly turns: DraftTurns,
    private readonly opening: AuctionOpening,
    schedule: DraftSchedule,
    private readonly closer: AuctionSchedule,
    private readonly announcements: LeagueAnnouncements,
  ) {
    super(schedule);
  }

  override async onApplicationBootstrap(): Promise<void> {
    // A turn that started in this process (a lot closed here, say) is armed here at once.
    this.keep(
      this.announcements.events.subscribe((event) => {
        if (event.type === 'draft.turn' && event.data.clockEndsAt) this.alarms.closeAt(event.data.draftId, event.data.clockEndsAt);
        if (event.type === 'draft.resumed' && event.data.clockEndsAt) this.alarms.closeAt(event.data.draftId, event.data.clockEndsAt);
      }),
    );
    await super.onApplicationBootstrap();
  }

  protected dueIds(limit: number): Promise<string[]> {
    return this.drafts.clockDueIds(this.dataSource.manager, limit);
  }

  protected deadlines(): Promise<{ id: string; endsAt: string }[]> {
    return this.drafts.clockDeadlines(this.dataSource.manager);
  }

  protected act(draftId: string): Promise<boolean> {
    return this.expire(draftId);
  }

  /** The clock ran out for the manager on it: skip him, or call for him. Returns whether it acted. */
  async expire(draftId: string): Promise<boolean> {
    const draft = await this.drafts.lockIfClockDue(this.dataSource.manager, draftId);
    if (!draft) return false; // cheap look first: not due (yet), or taken by another process
    if (draft.whenIdle === 'auto' && (await this.callFor(draftId))) return true;
    return this.skip(draftId);
  }

  private async skip(draftId: string): Promise<boolean> {
    const changes = noChanges();
    const moved = await this.dataSource.transaction(async (manager) => {
      const draft = await this.drafts.lockIfClockDue(manager, draftId);
      if (!draft) return false;
      await this.turns.next(manager, draft, changes, draft.onClock!);
      return true;
    });
    this.announcements.publish(changes.events, changes.personal);
    return moved;
  }

  /** `auto`: the cheapest player that fits his squad, called in his name. False when none could be called. */
  private async callFor(draftId: string): Promise<boolean> {
    const changes = noChanges();
    try {
      const lot = await this.dataSource.transaction(async (manager) => {
        const draft: StoredDraft | null = await this.drafts.lockIfClockDue(manager, draftId);
        if (!draft) return null;
        const league = (await this.leagues.findById(manager, draft.leagueId))!;
        const held = await this.leagues.heldByPosition(manager, draft.leagueId, draft.onClock!);
        const player = await this.drafts.cheapestFitting(
          manager,
          draft.leagueId,
          DraftTurns.fittingPositions(league, held),
          DEFAULT_PRICE_EUR,
        );
        if (!player) return null;
        return this.opening.openIn(manager, changes, { userId: draft.onClock!, leagueId: draft.leagueId, playerId: player.id, auto: true });
      });
      if (!lot) return false;
      this.announcements.publish(changes.events, changes.personal);
      this.closer.closeAt(lot.id, lot.endsAt);
      return true;
    } catch (error) {
      if (error instanceof DomainError) return false; // he cannot be called for (no room, no budget): his turn passes
      throw error;
    }
  }
}
