import type { Position, SealedWindow } from '@fantamercato/contract';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, isUuid, NotFoundError, ValidationFailedError } from '@fantamercato/core';
import {
  appendLeagueEvent,
  availableOf,
  budgetMessage,
  LeagueAnnouncements,
  LeagueNotFoundError,
  LeaguesRepository,
  NotCommissionerError,
  POSITIONS,
  type StoredLeague,
  type StoredMembership,
} from '@fantamercato/leagues';
import { Alarms } from '../auction-schedule.js';
import { AuctionsRepository } from '../auctions.repository.js';
import { noChanges } from '../bid-outcome.js';
import { DeadlineWorker } from '../deadline-worker.js';
import { refusals } from '../market-errors.js';
import { SealedRepository, type StoredWindow } from './sealed.repository.js';

const MAX_WINDOW_DAYS = 30;
const windowNotFound = () => new NotFoundError('The window', 'WINDOW_NOT_FOUND');
const windowClosed = () => new DomainError(409, 'WINDOW_CLOSED', 'This window has closed; its bids are being settled or are settled.');

/** Alarms at each open window's closing time. */
@Injectable()
export class SealedAlarms extends Alarms {}

/** Why a manager could not take one more player of `position` now (squad size, then the position's quota), or null. */
function noRoom(league: StoredLeague, m: StoredMembership, held: Record<Position, number>, position: Position): DomainError | null {
  const roster = league.rules.roster;
  if (m.ownedCount + m.leadingCount >= m.rosterSize) return refusals.rosterFull();
  const total = POSITIONS.reduce((n, p) => n + held[p], 0);
  const needed = POSITIONS.filter((p) => p !== position).reduce((n, p) => n + Math.max(0, roster[p][0] - held[p]), 0);
  if (held[position] >= roster[position][1] || total + 1 + needed > roster.size) return refusals.positionFull(position);
  return null;
}

/**
 * Sealed-bid windows (busta chiusa, FAAB). The commissioner opens one with a closing time; until then
 * managers place, change and withdraw bids nobody else sees (no event, no view but their own). At the
 * close, once, in one transaction: bids are settled highest first (ties by the league's rule); each
 * player goes to the first bid that its manager can still honour — budget and quotas as they stand after
 * his earlier wins — and every bid is then revealed with its outcome.
 */
@Injectable()
export class SealedWindows {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sealed: SealedRepository,
    private readonly leagues: LeaguesRepository,
    private readonly auctions: AuctionsRepository,
    private readonly announcements: LeagueAnnouncements,
    readonly alarms: SealedAlarms,
  ) {}

  async open(leagueId: string, by: string, input: { closesAt: string; playerIds?: string[] }): Promise<SealedWindow> {
    await this.requireMember(leagueId, by);
    if ((await this.leagues.commissionerOf(this.dataSource.manager, leagueId)) !== by) throw new NotCommissionerError();
    const closes = Date.parse(input.closesAt);
    if (!(closes > Date.now() + 5_000) || closes > Date.now() + MAX_WINDOW_DAYS * 86_400_000) {
      throw new ValidationFailedError([
        { field: 'closesAt', problems: [`closesAt must be between 5 seconds and ${MAX_WINDOW_DAYS} days from now`] },
      ]);
    }
    const playerIds = input.playerIds ? [...new Set(input.playerIds.map((id) => id.toLowerCase()))] : null;
    const changes = noChanges();
    const window = await this.dataSource.transaction(async (manager) => {
      for (const id of playerIds ?? []) {
        if (!(await this.auctions.player(manager, id)))
          throw new ValidationFailedError([{ field: 'playerIds', problems: [`no player ${id}`] }]);
      }
      const window = await this.sealed.insert(manager, { leagueId, closesAt: new Date(closes).toISOString(), playerIds, by });
      if (!window) throw new DomainError(409, 'WINDOW_ALREADY_OPEN', 'A window is already open in this league; it closes first.');
      changes.events.push(
        await appendLeagueEvent(manager, leagueId, 'window.opened', { windowId: window.id, closesAt: window.closesAt, playerIds, by }),
      );
      if ((await this.leagues.commissionerOf(manager, leagueId)) !== by) throw new NotCommissionerError();
      return window;
    });
    this.announcements.publish(changes.events);
    this.alarms.closeAt(window.id, window.closesAt);
    return { ...window, bids: [] };
  }

  /** The open window (else the latest): the caller's bids while it is open, every bid once it closed. */
  async current(leagueId: string, userId: string): Promise<SealedWindow> {
    await this.requireMember(leagueId, userId);
    const window = await this.sealed.latest(this.dataSource.manager, leagueId);
    if (!window) throw windowNotFound();
    return { ...window, bids: await this.sealed.bids(this.dataSource.manager, window.id, window.status === 'open' ? userId : null) };
  }

  /** Places or changes a sealed bid: judged now as a purchase would be (and again at the close). No event: it is sealed. */
  async bid(leagueId: string, userId: string, windowId: string, input: { playerId: string; amount: number }): Promise<SealedWindow> {
    await this.requireMember(leagueId, userId);
    if (!isUuid(windowId)) throw windowNotFound();
    if (!isUuid(input.playerId)) throw new NotFoundError('The player', 'PLAYER_NOT_FOUND');
    const playerId = input.playerId.toLowerCase();
    await this.dataSource.transaction(async (manager) => {
      const window = await this.sealed.lockForBid(manager, leagueId, windowId);
      if (!window) throw windowNotFound();
      if (!(await this.sealed.isOpenNow(manager, window.id))) throw windowClosed();
      if (window.playerIds && !window.playerIds.includes(playerId)) {
        throw new DomainError(409, 'PLAYER_NOT_ON_OFFER', 'That player is not on offer in this window.');
      }
      const player = await this.auctions.player(manager, playerId);
      if (!player) throw new NotFoundError('The player', 'PLAYER_NOT_FOUND');
      if (await this.leagues.ownedOrOnAuction(manager, leagueId, playerId)) throw refusals.unavailable();
      const league = (await this.leagues.findById(manager, leagueId))!;
      if (input.amount < league.rules.auction.minPrice) throw refusals.tooLow(league.rules.auction.minPrice);
      const me = (await this.leagues.findMembership(manager, leagueId, userId))!;
      const full = noRoom(league, me, await this.leagues.heldByPosition(manager, leagueId, userId), player.position);
      if (full) throw full;
      if (input.amount > availableOf(me)) throw refusals.insufficientBudget(availableOf(me));
      await this.sealed.upsertBid(manager, { windowId: window.id, leagueId, userId, playerId, amount: input.amount });
    });
    return this.current(leagueId, userId);
  }

  async withdraw(leagueId: string, userId: string, windowId: string, playerId: string): Promise<void> {
    await this.requireMember(leagueId, userId);
    if (!isUuid(windowId) || !isUuid(playerId)) throw windowNotFound();
    await this.dataSource.transaction(async (manager) => {
      const window = await this.sealed.lockForBid(manager, leagueId, windowId);
      if (!window) throw windowNotFound();
      if (!(await this.sealed.isOpenNow(manager, window.id))) throw windowClosed();
      await this.sealed.deleteBid(manager, window.id, userId, playerId.toLowerCase());
    });
  }

  /** Closes a due window exactly once (SKIP LOCKED, then its status). Returns whether it closed. */
  async closeIfDue(windowId: string): Promise<boolean> {
    const changes = noChanges();
    const closed = await this.dataSource.transaction(async (manager) => {
      const window = await this.sealed.lockIfDue(manager, windowId);
      if (!window) return false;
      await this.settle(manager, window, changes);
      return true;
    });
    if (closed) this.announcements.publish(changes.events, changes.personal);
    return closed;
  }

  dueIds(): Promise<string[]> {
    return this.sealed.dueIds(this.dataSource.manager, 50);
  }

  openDeadlines(): Promise<{ id: string; endsAt: string }[]> {
    return this.sealed.openDeadlines(this.dataSource.manager);
  }

  private async settle(manager: EntityManager, window: StoredWindow, changes: ReturnType<typeof noChanges>): Promise<void> {
    const league = (await this.leagues.findById(manager, window.leagueId))!;
    const bids = await this.sealed.bidsToSettle(manager, window.id, league.rules.market.sealedTieBreak);
    // Lock order: each player's ownership (in id order), the bidders' memberships (in user-id order), the league row last.
    for (const playerId of [...new Set(bids.map((b) => b.playerId))].sort())
      await this.leagues.lockPlayerInLeague(manager, league.id, playerId);
    await this.leagues.lockMemberships(manager, league.id, [...new Set(bids.map((b) => b.userId))]);
    const taken = new Set<string>();
    const winners = new Map<string, StoredMembership>();
    const won: { playerId: string; playerName: string; userId: string; amount: number }[] = [];
    const revealed: { playerId: string; userId: string; amount: number; outcome: 'won' | 'lost' | 'skipped' }[] = [];
    for (const b of bids) {
      let outcome: 'won' | 'lost' | 'skipped';
      if (taken.has(b.playerId) || (await this.leagues.ownedOrOnAuction(manager, league.id, b.playerId))) outcome = 'lost';
      else {
        const m = await this.leagues.findMembership(manager, league.id, b.userId);
        const held = await this.leagues.heldByPosition(manager, league.id, b.userId);
        if (!m || noRoom(league, m, held, b.position) || b.amount > availableOf(m)) outcome = 'skipped';
        else {
          const after = await this.leagues.buyInWindow(manager, {
            leagueId: league.id,
            userId: b.userId,
            playerId: b.playerId,
            position: b.position,
            price: b.amount,
            windowId: window.id,
          });
          winners.set(b.userId, after);
          taken.add(b.playerId);
          won.push({ playerId: b.playerId, playerName: b.playerName, userId: b.userId, amount: b.amount });
          outcome = 'won';
        }
      }
      await this.sealed.setOutcome(manager, window.id, b.userId, b.playerId, outcome);
      revealed.push({ playerId: b.playerId, userId: b.userId, amount: b.amount, outcome });
    }
    await this.sealed.markClosed(manager, window.id);
    const event = await appendLeagueEvent(manager, league.id, 'window.closed', { windowId: window.id, won, bids: revealed });
    changes.events.push(event);
    for (const m of winners.values()) changes.personal.push(budgetMessage(m, event.seq));
  }

  private async requireMember(leagueId: string, userId: string): Promise<void> {
    if (!isUuid(leagueId) || !(await this.leagues.isMember(this.dataSource.manager, leagueId, userId))) throw new LeagueNotFoundError();
  }
}

/** Closes windows at their time in every process (the close itself is exactly-once in the database). */
@Injectable()
export class SealedCloser extends DeadlineWorker {
  protected readonly logger = new Logger('SealedCloser');

  constructor(
    private readonly windows: SealedWindows,
    alarms: SealedAlarms,
  ) {
    super(alarms);
  }

  protected dueIds(): Promise<string[]> {
    return this.windows.dueIds();
  }

  protected deadlines(): Promise<{ id: string; endsAt: string }[]> {
    return this.windows.openDeadlines();
  }

  protected act(windowId: string): Promise<boolean> {
    return this.windows.closeIfDue(windowId);
  }
}
