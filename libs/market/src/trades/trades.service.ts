import type { LeagueEventData, LeagueEventType, Position, Trade, TradeTerms } from '@fantamercato/contract';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, isUuid, NotFoundError, ValidationFailedError } from '@fantamercato/core';
import {
  appendLeagueEvent,
  budgetMessage,
  LeagueAnnouncements,
  LeagueNotFoundError,
  LeaguesRepository,
  NotCommissionerError,
  type LeagueEvent,
  type StoredLeague,
  type StoredMembership,
} from '@fantamercato/leagues';
import { Alarms } from '../auction-schedule.js';
import { noChanges, type Changes } from '../bid-outcome.js';
import { DeadlineWorker } from '../deadline-worker.js';
import { affordsTrade, squadProblem } from './trade-rules.js';
import { TradesRepository, type StoredTrade } from './trades.repository.js';

/** How long a proposal waits for its receiver by default, and at most. */
export const TRADE_EXPIRY_DEFAULT_HOURS = 48;
const TRADE_EXPIRY_MAX_DAYS = 7;
/** Open proposals one manager may have waiting in a league (a cap on spam, not on trading). */
export const MAX_OPEN_PROPOSALS = 10;

const tradeNotFound = () => new NotFoundError('The trade', 'TRADE_NOT_FOUND');
const notOpen = (t: StoredTrade) =>
  new DomainError(409, 'TRADE_NOT_OPEN', `This trade is ${t.status === 'proposed' ? 'expired' : t.status}: it takes no more answers.`, {
    status: t.status,
  });
const notParty = (who: 'receiver' | 'proposer') =>
  new DomainError(
    403,
    'NOT_TRADE_PARTY',
    who === 'receiver' ? 'Only the manager the trade was proposed to answers it.' : 'Only the manager who proposed the trade withdraws it.',
  );

/** Alarms at each open trade's deadline: its expiry, or the end of its review. */
@Injectable()
export class TradeAlarms extends Alarms {}

type Verdict = { ok: true } | { ok: false; error: DomainError; fatal: boolean };

/**
 * Trades between two managers: players each way and money either way. The receiver accepts or
 * rejects, the proposer may withdraw, a proposal expires. On acceptance (or at the end of the
 * commissioner's review, where the league has one) everything moves in one transaction under the
 * locks, or nothing does.
 *
 * Lock order, for every path that moves players: each player's ownership in the league (advisory, in
 * id order), the trade row, the players' roster entries (in player order), the two memberships (in
 * user-id order), the league row (its event) last — the order a release and an undone sale take, so
 * a trade racing them, or another trade for the same player, waits rather than deadlocks. The paths
 * that only change a trade's status (reject, withdraw, expire, veto) take the trade row, then the league row.
 */
@Injectable()
export class Trades {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trades: TradesRepository,
    private readonly leagues: LeaguesRepository,
    private readonly announcements: LeagueAnnouncements,
    readonly alarms: TradeAlarms,
  ) {}

  async propose(
    leagueId: string,
    by: string,
    input: { to: string; give: string[]; take: string[]; money?: number; expiresAt?: string; note?: string },
  ): Promise<Trade> {
    await this.requireMember(leagueId, by);
    const to = input.to.toLowerCase();
    const give = input.give.map((id) => id.toLowerCase());
    const take = input.take.map((id) => id.toLowerCase());
    const money = input.money ?? 0;
    const problems: { field: string; problems: string[] }[] = [];
    if (to === by) problems.push({ field: 'to', problems: ['a trade is between two managers: propose it to another'] });
    if (give.length + take.length === 0) problems.push({ field: 'give', problems: ['a trade moves at least one player'] });
    if (new Set([...give, ...take]).size !== give.length + take.length) {
      problems.push({ field: 'give', problems: ['each player may appear once in a trade'] });
    }
    if (input.expiresAt !== undefined && !/(?:Z|[+-]\d{2}:?\d{2})$/i.test(input.expiresAt)) {
      problems.push({ field: 'expiresAt', problems: ['expiresAt must say its time zone (Z or an offset such as +01:00)'] });
    }
    const expires = input.expiresAt === undefined ? Date.now() + TRADE_EXPIRY_DEFAULT_HOURS * 3_600_000 : Date.parse(input.expiresAt);
    if (!(expires > Date.now() + 5_000) || expires > Date.now() + TRADE_EXPIRY_MAX_DAYS * 86_400_000) {
      problems.push({ field: 'expiresAt', problems: [`expiresAt must be between 5 seconds and ${TRADE_EXPIRY_MAX_DAYS} days from now`] });
    }
    if (problems.length > 0) throw new ValidationFailedError(problems);

    const changes = noChanges();
    const trade = await this.dataSource.transaction(async (manager) => {
      await this.lockPlayers(manager, leagueId, [...give, ...take]);
      const owners = await this.leagues.lockRosterEntries(manager, leagueId, [...give, ...take]);
      await this.leagues.lockMemberships(manager, leagueId, [by, to]);
      const receiver = await this.leagues.findMembership(manager, leagueId, to);
      if (!receiver) throw new NotFoundError('The manager', 'MEMBER_NOT_FOUND');
      const proposer = await this.leagues.findMembership(manager, leagueId, by);
      if (!proposer) throw new LeagueNotFoundError(); // removed from the league since the request began
      if ((await this.trades.countOpenBy(manager, leagueId, by)) >= MAX_OPEN_PROPOSALS) {
        throw new DomainError(
          409,
          'TOO_MANY_TRADES',
          `You have ${MAX_OPEN_PROPOSALS} proposals waiting: withdraw one or wait for an answer.`,
          {
            limit: MAX_OPEN_PROPOSALS,
          },
        );
      }
      const league = (await this.leagues.findById(manager, leagueId))!;
      const terms = { proposerId: by, receiverId: to, giveIds: give, takeIds: take, money };
      const verdict = await this.judge(manager, league, terms, owners, proposer, receiver);
      if (!verdict.ok) throw verdict.error;
      const id = await this.trades.insert(manager, {
        leagueId,
        ...terms,
        note: input.note?.trim() || null,
        expiresAt: new Date(expires).toISOString(),
      });
      const stored = (await this.trades.find(manager, leagueId, id))!;
      await this.step(manager, stored, changes, 'trade.proposed', {
        tradeId: id,
        ...termsOf(stored),
        expiresAt: stored.expiresAt,
      });
      return stored;
    });
    this.announcements.publish(changes.events, changes.personal);
    this.alarms.closeAt(trade.id, trade.expiresAt);
    return viewOf((await this.trades.find(this.dataSource.manager, leagueId, trade.id))!);
  }

  async list(leagueId: string, userId: string): Promise<Trade[]> {
    await this.requireMember(leagueId, userId);
    return (await this.trades.list(this.dataSource.manager, leagueId, 200)).map((t) => viewFor(t, userId));
  }

  async get(leagueId: string, userId: string, tradeId: string): Promise<Trade> {
    await this.requireMember(leagueId, userId);
    if (!isUuid(tradeId)) throw tradeNotFound();
    const trade = await this.trades.find(this.dataSource.manager, leagueId, tradeId);
    if (!trade) throw tradeNotFound();
    return viewFor(trade, userId);
  }

  /**
   * The receiver accepts: it executes now, or enters the commissioner's review. A trade that can no
   * longer happen (a player changed hands, a manager left) fails — recorded, both told — and the
   * answer is 409 TRADE_NO_LONGER_VALID; one that a squad or budget cannot take as they stand is
   * refused (422) and stays proposed, so he may make room and accept again.
   */
  async accept(leagueId: string, userId: string, tradeId: string): Promise<Trade> {
    const before = await this.party(leagueId, userId, tradeId, 'receiver');
    const changes = noChanges();
    const outcome = await this.dataSource.transaction(async (manager) => {
      await this.lockPlayers(manager, leagueId, [...before.giveIds, ...before.takeIds]);
      const trade = (await this.trades.lock(manager, leagueId, tradeId))!;
      if (trade.status !== 'proposed' || !(await this.trades.isOpen(manager, trade.id))) throw notOpen(trade);
      const league = (await this.leagues.findById(manager, leagueId))!;
      const reviewSeconds = league.rules.market.tradeReviewSeconds;
      if (reviewSeconds > 0) {
        const verdict = await this.judgeLocked(manager, league, trade);
        if (!verdict.ok) return this.failOrRefuse(manager, trade, verdict, changes);
        await this.trades.setStatus(manager, trade.id, 'accepted', { reviewSeconds });
        const accepted = (await this.trades.find(manager, leagueId, trade.id))!;
        await this.step(manager, accepted, changes, 'trade.accepted', { tradeId: trade.id, executesAt: accepted.executesAt });
        return { ok: true as const, trade: accepted };
      }
      const verdict = await this.judgeLocked(manager, league, trade);
      if (!verdict.ok) return this.failOrRefuse(manager, trade, verdict, changes);
      await this.trades.setStatus(manager, trade.id, 'accepted', { reviewSeconds: 0 });
      changes.events.push(await appendLeagueEvent(manager, leagueId, 'trade.accepted', { tradeId: trade.id, executesAt: null }));
      return { ok: true as const, trade: await this.execute(manager, trade, changes) };
    });
    this.announcements.publish(changes.events, changes.personal);
    if (!outcome.ok) throw outcome.error;
    if (outcome.trade.status === 'accepted') this.alarms.closeAt(outcome.trade.id, outcome.trade.executesAt!);
    return viewOf(outcome.trade);
  }

  async reject(leagueId: string, userId: string, tradeId: string): Promise<Trade> {
    await this.party(leagueId, userId, tradeId, 'receiver');
    return this.end(leagueId, tradeId, 'rejected', userId);
  }

  async withdraw(leagueId: string, userId: string, tradeId: string): Promise<Trade> {
    await this.party(leagueId, userId, tradeId, 'proposer');
    return this.end(leagueId, tradeId, 'withdrawn', userId);
  }

  /** The commissioner stops an accepted trade during its review. */
  async veto(leagueId: string, by: string, tradeId: string, reason: string): Promise<Trade> {
    await this.requireMember(leagueId, by);
    if (!isUuid(tradeId)) throw tradeNotFound();
    const changes = noChanges();
    const trade = await this.dataSource.transaction(async (manager) => {
      const trade = await this.trades.lock(manager, leagueId, tradeId);
      if (!trade) throw tradeNotFound();
      if ((await this.leagues.commissionerOf(manager, leagueId)) !== by) throw new NotCommissionerError();
      if (trade.status !== 'accepted' || (await this.trades.isDue(manager, trade.id))) {
        throw new DomainError(409, 'TRADE_NOT_IN_REVIEW', 'Only an accepted trade in its review can be vetoed.', { status: trade.status });
      }
      await this.trades.setStatus(manager, trade.id, 'vetoed', { reason });
      const vetoed = (await this.trades.find(manager, leagueId, trade.id))!;
      await this.step(manager, vetoed, changes, 'trade.vetoed', { tradeId: trade.id, by, reason });
      return vetoed;
    });
    this.announcements.publish(changes.events, changes.personal);
    return viewOf(trade);
  }

  /** At a trade's deadline: a proposal expires; a reviewed trade executes (or fails). Exactly once (SKIP LOCKED, then its status). */
  async settleIfDue(tradeId: string): Promise<boolean> {
    const before = await this.trades.findAnywhere(this.dataSource.manager, tradeId);
    if (!before) return false;
    const leagueId = before.leagueId;
    const changes = noChanges();
    const done = await this.dataSource.transaction(async (manager) => {
      if (before.status === 'accepted') await this.lockPlayers(manager, leagueId, [...before.giveIds, ...before.takeIds]);
      const trade = await this.trades.lockIfDue(manager, tradeId);
      if (!trade) return false;
      if (trade.status === 'proposed') {
        await this.trades.setStatus(manager, trade.id, 'expired');
        await this.step(manager, (await this.trades.find(manager, leagueId, trade.id))!, changes, 'trade.expired', { tradeId: trade.id });
        return true;
      }
      if (before.status !== 'accepted') return false; // accepted since the peek without the players' locks: the next sweep
      const league = (await this.leagues.findById(manager, leagueId))!;
      const verdict = await this.judgeLocked(manager, league, trade);
      if (!verdict.ok) await this.fail(manager, trade, verdict.error.message, changes);
      else await this.execute(manager, trade, changes);
      return true;
    });
    if (done) this.announcements.publish(changes.events, changes.personal);
    return done;
  }

  dueIds(limit: number): Promise<string[]> {
    return this.trades.dueIds(this.dataSource.manager, limit);
  }

  openDeadlines(): Promise<{ id: string; endsAt: string }[]> {
    return this.trades.openDeadlines(this.dataSource.manager);
  }

  private async end(leagueId: string, tradeId: string, status: 'rejected' | 'withdrawn', by: string): Promise<Trade> {
    const changes = noChanges();
    const trade = await this.dataSource.transaction(async (manager) => {
      const trade = (await this.trades.lock(manager, leagueId, tradeId))!;
      if (trade.status !== 'proposed' || !(await this.trades.isOpen(manager, trade.id))) throw notOpen(trade);
      await this.trades.setStatus(manager, trade.id, status);
      const ended = (await this.trades.find(manager, leagueId, trade.id))!;
      if (status === 'rejected') await this.step(manager, ended, changes, 'trade.rejected', { tradeId: trade.id, by });
      else await this.step(manager, ended, changes, 'trade.withdrawn', { tradeId: trade.id, by });
      return ended;
    });
    this.announcements.publish(changes.events, changes.personal);
    return viewOf(trade);
  }

  /** Everything moves at once (the caller holds the locks and has judged it): players each way, the money, the squads' counts. */
  private async execute(manager: EntityManager, trade: StoredTrade, changes: Changes): Promise<StoredTrade> {
    const { leagueId, proposerId, receiverId, giveIds, takeIds, money } = trade;
    await this.leagues.passInTrade(manager, leagueId, trade.id, giveIds, receiverId);
    await this.leagues.passInTrade(manager, leagueId, trade.id, takeIds, proposerId);
    // Memberships in user-id order, as they were locked.
    const sides = [
      { userId: proposerId, budget: -money, owned: takeIds.length - giveIds.length },
      { userId: receiverId, budget: money, owned: giveIds.length - takeIds.length },
    ].sort((a, b) => a.userId.localeCompare(b.userId));
    const after: StoredMembership[] = [];
    for (const s of sides) after.push(await this.leagues.tradeSide(manager, leagueId, s.userId, s.budget, s.owned));
    await this.trades.setStatus(manager, trade.id, 'executed');
    const executed = (await this.trades.find(manager, leagueId, trade.id))!;
    const event = await this.step(manager, executed, changes, 'trade.executed', { tradeId: trade.id, ...termsOf(executed) });
    for (const m of after) changes.personal.push(budgetMessage(m, event.seq));
    return executed;
  }

  private async fail(manager: EntityManager, trade: StoredTrade, reason: string, changes: Changes): Promise<void> {
    await this.trades.setStatus(manager, trade.id, 'failed', { reason });
    await this.step(manager, (await this.trades.find(manager, trade.leagueId, trade.id))!, changes, 'trade.failed', {
      tradeId: trade.id,
      reason,
    });
  }

  /** An acceptance that found the trade impossible: recorded as failed (and committed) when it can never happen, else just refused. */
  private async failOrRefuse(manager: EntityManager, trade: StoredTrade, verdict: Verdict & { ok: false }, changes: Changes) {
    if (!verdict.fatal) throw verdict.error;
    await this.fail(manager, trade, verdict.error.message, changes);
    return { ok: false as const, error: verdict.error };
  }

  /** The step's league event and the two managers' `trade.updated`. */
  private async step<T extends LeagueEventType>(
    manager: EntityManager,
    trade: StoredTrade,
    changes: Changes,
    type: T,
    data: LeagueEventData[T],
  ): Promise<LeagueEvent> {
    const event = await appendLeagueEvent(manager, trade.leagueId, type, data);
    changes.events.push(event);
    for (const userId of [trade.proposerId, trade.receiverId]) {
      changes.personal.push({
        userId,
        event: 'trade.updated',
        payload: { leagueId: trade.leagueId, trade: viewOf(trade), seq: event.seq },
      });
    }
    return event;
  }

  /** The locks of an execution after the players' and the trade row's: the entries, then both memberships; then the judgement. */
  private async judgeLocked(manager: EntityManager, league: StoredLeague, trade: StoredTrade): Promise<Verdict> {
    const owners = await this.leagues.lockRosterEntries(manager, league.id, [...trade.giveIds, ...trade.takeIds]);
    await this.leagues.lockMemberships(manager, league.id, [trade.proposerId, trade.receiverId]);
    const proposer = await this.leagues.findMembership(manager, league.id, trade.proposerId);
    const receiver = await this.leagues.findMembership(manager, league.id, trade.receiverId);
    if (!proposer || !receiver) {
      return { ok: false, fatal: true, error: noLongerValid(`${proposer ? 'The other manager' : 'The proposer'} has left the league.`) };
    }
    return this.judge(manager, league, trade, owners, proposer, receiver);
  }

  /**
   * Whether the trade can happen now: each player still with his side (else fatal: it can never
   * happen as proposed), then both squads' quotas and both budgets after the swap (not fatal: a
   * squad or a budget can change back).
   */
  private async judge(
    manager: EntityManager,
    league: StoredLeague,
    t: { proposerId: string; receiverId: string; giveIds: string[]; takeIds: string[]; money: number; status?: string },
    owners: Map<string, { userId: string; position: Position; leftTheLeague: boolean }>,
    proposer: StoredMembership,
    receiver: StoredMembership,
  ): Promise<Verdict> {
    const proposing = t.status === undefined;
    const names = new Map(
      (
        (await manager.query(`SELECT id, name FROM players WHERE id = ANY ($1::uuid[])`, [[...t.giveIds, ...t.takeIds]])) as {
          id: string;
          name: string;
        }[]
      ).map((r) => [r.id, r.name]),
    );
    for (const [ids, side] of [
      [t.giveIds, proposer],
      [t.takeIds, receiver],
    ] as const) {
      for (const id of ids) {
        if (!names.has(id)) return { ok: false, fatal: true, error: new NotFoundError('The player', 'PLAYER_NOT_FOUND') };
        if (owners.get(id)?.userId !== side.userId) {
          const message = `${names.get(id)} is not in ${side.displayName}'s squad${proposing ? '' : ' any more'}.`;
          const error = proposing
            ? new DomainError(409, 'PLAYER_NOT_OWNED', message, { playerId: id })
            : noLongerValid(message, { playerId: id });
          return { ok: false, fatal: true, error };
        }
        if (owners.get(id)!.leftTheLeague) {
          // His owner is owed the transfer refund on release; a trade would hand that claim to another manager.
          const message = `${names.get(id)} has left the league's competitions: his owner releases him (refund by the transfer rule) instead.`;
          const error = proposing
            ? new DomainError(409, 'PLAYER_LEFT_LEAGUE', message, { playerId: id })
            : noLongerValid(message, { playerId: id });
          return { ok: false, fatal: true, error };
        }
      }
    }
    const positions = (ids: string[]) => ids.map((id) => owners.get(id)!.position);
    for (const [m, out, inn, delta] of [
      [proposer, t.giveIds, t.takeIds, -t.money],
      [receiver, t.takeIds, t.giveIds, t.money],
    ] as const) {
      const held = await this.leagues.heldByPosition(manager, league.id, m.userId);
      const problem = squadProblem(league.rules.roster, m.rosterSize, { held, out: positions(out), in: positions(inn) });
      if (problem) {
        const what =
          problem === 'size' ? 'more players than places, or quotas it could not complete' : `more ${problem}s than its quota allows`;
        return {
          ok: false,
          fatal: false,
          error: new DomainError(422, 'TRADE_BREAKS_SQUAD', `The trade would leave ${m.displayName}'s squad with ${what}.`, {
            userId: m.userId,
            ...(problem === 'size' ? {} : { position: problem }),
          }),
        };
      }
      if (!affordsTrade({ ...m, delta }, inn.length - out.length)) {
        return {
          ok: false,
          fatal: false,
          error: new DomainError(
            422,
            'TRADE_UNAFFORDABLE',
            `${m.displayName} could not pay that and still fill the squad at the minimum price (counting the bids he leads).`,
            { userId: m.userId },
          ),
        };
      }
    }
    return { ok: true };
  }

  /** Each player's ownership lock, in id order (the first locks of every path that moves players). */
  private async lockPlayers(manager: EntityManager, leagueId: string, playerIds: string[]): Promise<void> {
    for (const id of [...new Set(playerIds)].sort()) await this.leagues.lockPlayerInLeague(manager, leagueId, id);
  }

  /** The trade, for a step only one of its two managers may take. */
  private async party(leagueId: string, userId: string, tradeId: string, who: 'receiver' | 'proposer'): Promise<StoredTrade> {
    await this.requireMember(leagueId, userId);
    if (!isUuid(tradeId)) throw tradeNotFound();
    const trade = await this.trades.find(this.dataSource.manager, leagueId, tradeId);
    if (!trade) throw tradeNotFound();
    if ((who === 'receiver' ? trade.receiverId : trade.proposerId) !== userId) throw notParty(who);
    return trade;
  }

  private async requireMember(leagueId: string, userId: string): Promise<void> {
    if (!isUuid(leagueId) || !(await this.leagues.isMember(this.dataSource.manager, leagueId, userId))) throw new LeagueNotFoundError();
  }
}

function noLongerValid(message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError(409, 'TRADE_NO_LONGER_VALID', `${message} The trade cannot happen: it has failed.`, details);
}

function termsOf(t: StoredTrade): TradeTerms {
  return { proposerId: t.proposerId, receiverId: t.receiverId, give: t.give, take: t.take, money: t.money };
}

/** The contract's trade (without the stored id lists). */
function viewOf(t: StoredTrade): Trade {
  const { giveIds: _give, takeIds: _take, ...view } = t;
  return view;
}

/** The note is a word between the two managers: the rest of the league sees the terms, not the note. */
function viewFor(t: StoredTrade, userId: string): Trade {
  const view = viewOf(t);
  return userId === t.proposerId || userId === t.receiverId ? view : { ...view, note: null };
}

/** Settles trades at their deadlines in every process (the work itself is exactly-once in the database). */
@Injectable()
export class TradeClock extends DeadlineWorker {
  protected readonly logger = new Logger('TradeClock');

  constructor(
    private readonly trades: Trades,
    alarms: TradeAlarms,
  ) {
    super(alarms);
  }

  protected dueIds(limit: number): Promise<string[]> {
    return this.trades.dueIds(limit);
  }

  protected deadlines(): Promise<{ id: string; endsAt: string }[]> {
    return this.trades.openDeadlines();
  }

  protected act(tradeId: string): Promise<boolean> {
    return this.trades.settleIfDue(tradeId);
  }
}
