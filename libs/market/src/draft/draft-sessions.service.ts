import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Draft, WhenIdle } from '@fantamercato/contract';
import { isUuid, ValidationFailedError } from '@fantamercato/core';
import {
  appendLeagueEvent,
  LeagueAnnouncements,
  LeagueNotFoundError,
  LeaguesRepository,
  NotCommissionerError,
} from '@fantamercato/leagues';
import { AuctionSchedule } from '../auction-schedule.js';
import { noChanges, type Changes } from '../bid-outcome.js';
import { draftRefusals } from './draft-errors.js';
import { DraftSchedule } from './draft-schedule.js';
import { DraftTurns } from './draft-turns.js';
import { DraftsRepository, type StoredDraft } from './drafts.repository.js';

export interface DraftStart {
  order: 'random' | 'joined' | string[];
  nominationSeconds: number;
  whenIdle: WhenIdle;
}

/** A lot started between the unlocked look and the draft's lock: the transaction starts over. */
class LotMoved extends Error {}

/** What the draft routes answer: the contract's Draft (the turn index stays inside). */
function publicDraft(draft: StoredDraft): Draft {
  const { turn: _turn, ...rest } = draft;
  return rest;
}

/** A uniformly random order (Fisher–Yates over crypto-strength randomness: nobody can game the first pick). */
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  const random = new Uint32Array(out.length);
  crypto.getRandomValues(random);
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = random[i]! % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * A league's draft session: started, paused, resumed and ended by the commissioner, each an event
 * naming who and why. Turns move on inside the transactions that cause them (DraftTurns): a lot's
 * close (AuctionClosing), a call (AuctionOpening), a clock running out (DraftClock).
 */
@Injectable()
export class DraftSessions {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly drafts: DraftsRepository,
    private readonly leagues: LeaguesRepository,
    private readonly turns: DraftTurns,
    private readonly announcements: LeagueAnnouncements,
    private readonly clock: DraftSchedule,
    private readonly closer: AuctionSchedule,
  ) {}

  async get(leagueId: string, userId: string): Promise<Draft> {
    await this.requireMember(leagueId, userId);
    const draft = await this.drafts.latest(this.dataSource.manager, leagueId);
    if (!draft) throw draftRefusals.notFound();
    return publicDraft(draft);
  }

  async start(leagueId: string, by: string, input: DraftStart): Promise<Draft> {
    return this.act(leagueId, by, async (manager, changes) => {
      const league = (await this.leagues.findById(manager, leagueId))!;
      if (league.rules.market.mode !== 'turns') throw draftRefusals.notTurns();
      const members = await this.leagues.listMemberships(manager, leagueId); // in joining order
      const joined = members.map((m) => m.userId);
      let order: string[];
      if (input.order === 'joined') order = joined;
      else if (input.order === 'random') order = shuffled(joined);
      else {
        const listed = input.order.map((id) => id.toLowerCase());
        const problems: string[] = [];
        if (new Set(listed).size !== listed.length) problems.push('order must name each manager once');
        if (listed.some((id) => !joined.includes(id))) problems.push('order must name only managers of this league');
        if (joined.some((id) => !listed.includes(id))) problems.push('order must name every manager of this league');
        if (problems.length) throw new ValidationFailedError([{ field: 'order', problems }]);
        order = listed;
      }
      const id = await this.drafts.insert(manager, {
        leagueId,
        order,
        nominationSeconds: input.nominationSeconds,
        whenIdle: input.whenIdle,
        startedBy: by,
      });
      if (!id) throw draftRefusals.alreadyRunning();
      const draft = await this.drafts.read(manager, id);
      changes.events.push(await appendLeagueEvent(manager, leagueId, 'draft.started', { draft: publicDraft(draft), by }));
      return this.turns.moveOn(manager, draft, changes, { from: 0 });
    });
  }

  async pause(leagueId: string, by: string, reason: string): Promise<Draft> {
    return this.act(leagueId, by, async (manager, changes) => {
      const draft = await this.lockLiveWithLot(manager, leagueId);
      if (draft.status === 'paused') throw draftRefusals.paused();
      const paused = await this.drafts.pause(manager, draft);
      changes.events.push(
        await appendLeagueEvent(manager, leagueId, 'draft.paused', {
          draftId: draft.id,
          lotAuctionId: paused.lotAuctionId,
          remainingSeconds: paused.remainingSeconds ?? 0,
          by,
          reason,
        }),
      );
      return paused;
    });
  }

  async resume(leagueId: string, by: string, reason: string): Promise<Draft> {
    const lot: { running?: { id: string; endsAt: string } } = {};
    const resumed = await this.act(leagueId, by, async (manager, changes) => {
      const draft = await this.lockLiveWithLot(manager, leagueId);
      if (draft.status !== 'paused') throw draftRefusals.notPaused();
      const { draft: after, lotEndsAt } = await this.drafts.resume(manager, draft);
      if (after.lotAuctionId && lotEndsAt) lot.running = { id: after.lotAuctionId, endsAt: lotEndsAt };
      changes.events.push(
        await appendLeagueEvent(manager, leagueId, 'draft.resumed', {
          draftId: draft.id,
          lotAuctionId: after.lotAuctionId,
          endsAt: lotEndsAt,
          clockEndsAt: after.clockEndsAt,
          by,
          reason,
        }),
      );
      return after;
    });
    if (lot.running) this.closer.closeAt(lot.running.id, lot.running.endsAt);
    return resumed;
  }

  /** The commissioner ends the draft: a lot still running is auctioned to its end (resumed, if paused), and no next turn comes. */
  async end(leagueId: string, by: string, reason: string): Promise<Draft> {
    const lot: { running?: { id: string; endsAt: string } } = {};
    const ended = await this.act(leagueId, by, async (manager, changes) => {
      const draft = await this.lockLiveWithLot(manager, leagueId);
      if (draft.lotAuctionId && draft.status === 'paused') {
        const { lotEndsAt } = await this.drafts.resume(manager, draft);
        lot.running = { id: draft.lotAuctionId, endsAt: lotEndsAt! };
        changes.events.push(
          await appendLeagueEvent(manager, leagueId, 'draft.resumed', {
            draftId: draft.id,
            lotAuctionId: draft.lotAuctionId,
            endsAt: lotEndsAt,
            clockEndsAt: null,
            by,
            reason,
          }),
        );
      }
      const ended = await this.drafts.end(manager, draft.id, 'ended');
      changes.events.push(await appendLeagueEvent(manager, leagueId, 'draft.ended', { draftId: draft.id, endReason: 'ended', by, reason }));
      return ended;
    });
    if (lot.running) this.closer.closeAt(lot.running.id, lot.running.endsAt);
    return ended;
  }

  /**
   * The live draft, locked after its lot's auction row (the closer's order: auction, then draft).
   * Should another lot have started between the look and the lock, the transaction starts over
   * (LotMoved): locking that auction now, under the draft's lock, would reverse the order.
   */
  private async lockLiveWithLot(manager: EntityManager, leagueId: string): Promise<StoredDraft> {
    const lot = await this.drafts.liveLot(manager, leagueId);
    if (lot) await this.drafts.lockAuction(manager, lot);
    const draft = await this.drafts.lockLive(manager, leagueId);
    if (!draft) throw draftRefusals.notRunning();
    if (draft.lotAuctionId !== null && draft.lotAuctionId !== lot) throw new LotMoved();
    return draft;
  }

  private async requireMember(leagueId: string, userId: string): Promise<void> {
    if (!isUuid(leagueId) || !(await this.leagues.isMember(this.dataSource.manager, leagueId, userId))) throw new LeagueNotFoundError();
  }

  /** Commissioner only (checked before, and again under the league row's lock once the event is written). */
  private async act(
    leagueId: string,
    by: string,
    work: (manager: EntityManager, changes: Changes) => Promise<StoredDraft>,
  ): Promise<Draft> {
    await this.requireMember(leagueId, by);
    if ((await this.leagues.commissionerOf(this.dataSource.manager, leagueId)) !== by) throw new NotCommissionerError();
    let changes = noChanges();
    let draft: StoredDraft | undefined;
    for (let attempt = 0; !draft; attempt += 1) {
      changes = noChanges();
      try {
        draft = await this.dataSource.transaction(async (manager) => {
          const draft = await work(manager, changes);
          if ((await this.leagues.commissionerOf(manager, leagueId)) !== by) throw new NotCommissionerError();
          return draft;
        });
      } catch (error) {
        if (!(error instanceof LotMoved) || attempt >= 5) throw error;
      }
    }
    this.announcements.publish(changes.events, changes.personal);
    if (draft.status === 'running' && draft.clockEndsAt) this.clock.closeAt(draft.id, draft.clockEndsAt);
    return publicDraft(draft);
  }
}
