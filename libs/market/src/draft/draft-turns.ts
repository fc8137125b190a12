import type { Position } from '@fantamercato/contract';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { appendLeagueEvent, POSITIONS, type StoredLeague } from '@fantamercato/leagues';
import type { Changes } from '../bid-outcome.js';
import { draftRefusals } from './draft-errors.js';
import { DraftsRepository, type StoredDraft } from './drafts.repository.js';

/**
 * The turn rules of a draft, inside the caller's transaction (the caller holds the draft's lock).
 * Used by whoever moves a draft on: its start, a lot's close, a nomination clock running out.
 */
@Injectable()
export class DraftTurns {
  constructor(private readonly drafts: DraftsRepository) {}

  /**
   * In a turns league only the manager on the clock opens an auction, and only when no lot runs.
   * Takes the draft's lock (first, before the player and the opener's membership) and returns it.
   */
  async requireTurn(manager: EntityManager, leagueId: string, userId: string): Promise<StoredDraft> {
    const draft = await this.drafts.lockLive(manager, leagueId);
    if (!draft) throw draftRefusals.notRunning();
    if (draft.status === 'paused') throw draftRefusals.paused();
    if (draft.lotAuctionId !== null || draft.onClock !== userId) throw draftRefusals.notYourTurn(draft.onClock, draft.lotAuctionId);
    return draft;
  }

  /**
   * The turn goes to the next manager in the order (from `from`, the index to try first) whose
   * squad still has room; each pass through the order is a round. When nobody has room the draft
   * ends, complete. Appends draft.turn (or draft.ended) to `changes`.
   */
  async moveOn(
    manager: EntityManager,
    draft: StoredDraft,
    changes: Changes,
    opts: { from: number; skipped?: string },
  ): Promise<StoredDraft> {
    const seats = new Map((await this.drafts.seats(manager, draft.leagueId, draft.order)).map((s) => [s.userId, s.needsPlayers]));
    const n = draft.order.length;
    for (let k = 0; k < n; k += 1) {
      const index = opts.from + k;
      const userId = draft.order[index % n]!;
      if (!seats.get(userId)) continue; // full, or no longer in the league
      const round = draft.round + Math.floor(index / n);
      const next = await this.drafts.putOnClock(manager, draft.id, index % n, round, userId);
      changes.events.push(
        await appendLeagueEvent(manager, draft.leagueId, 'draft.turn', {
          draftId: draft.id,
          userId,
          round,
          clockEndsAt: next.clockEndsAt,
          ...(opts.skipped ? { skipped: opts.skipped } : {}),
        }),
      );
      return next;
    }
    const ended = await this.drafts.end(manager, draft.id, 'complete');
    changes.events.push(await appendLeagueEvent(manager, draft.leagueId, 'draft.ended', { draftId: draft.id, endReason: 'complete' }));
    return ended;
  }

  /** After a lot (or a skipped turn): the manager after the one who was on the clock. */
  next(manager: EntityManager, draft: StoredDraft, changes: Changes, skipped?: string): Promise<StoredDraft> {
    return this.moveOn(manager, draft, changes, { from: draft.turn + 1, ...(skipped ? { skipped } : {}) });
  }

  /** The positions in which a manager holding `held` may add one player, the other minimums still reachable. */
  static fittingPositions(league: StoredLeague, held: Record<Position, number>): Position[] {
    const roster = league.rules.roster;
    const total = POSITIONS.reduce((sum, p) => sum + held[p], 0);
    return POSITIONS.filter((position) => {
      const needed = POSITIONS.filter((p) => p !== position).reduce((sum, p) => sum + Math.max(0, roster[p][0] - held[p]), 0);
      return held[position] < roster[position][1] && total + 1 + needed <= roster.size;
    });
  }
}
