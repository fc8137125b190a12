import type { Position } from '@fantamercato/contract';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, isUuid, NotFoundError, ValidationFailedError } from '@fantamercato/core';
import { appendLeagueEvent, LeagueAnnouncements, type LeagueEvent, type PersonalMessage } from './league-events.js';
import { POSITIONS } from './league-rules.js';
import { availableOf, budgetMessage, LeaguesRepository, type StoredLeague, type StoredMembership } from './leagues.repository.js';
import { LeagueNotFoundError } from './leagues.service.js';

export class NotCommissionerError extends DomainError {
  constructor() {
    super(403, 'NOT_COMMISSIONER', "Only the league's commissioner can do that.");
  }
}

const memberNotFound = () => new NotFoundError('The manager', 'MEMBER_NOT_FOUND');
const MAX_BUDGET = 1_000_000_000_000;

/**
 * The commissioner's tools. Each is one transaction that ends with a league event naming who did
 * it and why, so the log is the audit trail. Who the commissioner is is checked twice: first, so a
 * stranger learns nothing (404) and a member is refused (403) before anything is read; then again
 * once the event has taken the league row's lock, so a hand-over committing meanwhile wins.
 */
@Injectable()
export class CommissionerTools {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly leagues: LeaguesRepository,
    private readonly announcements: LeagueAnnouncements,
  ) {}

  /** The buyer gets the price back and the player returns to the pool. */
  async undoSale(leagueId: string, by: string, input: { playerId: string; reason: string }): Promise<LeagueEvent> {
    return this.act(leagueId, by, async (manager, changes) => {
      // The player's ownership lock first, as a release and a trade take it: the three queue on one lock.
      if (isUuid(input.playerId)) await this.leagues.lockPlayerInLeague(manager, leagueId, input.playerId);
      const entry = isUuid(input.playerId) ? await this.leagues.lockRosterEntry(manager, leagueId, input.playerId) : null;
      if (!entry) throw new DomainError(409, 'PLAYER_NOT_OWNED', 'Nobody in this league owns that player.');
      const buyer = await this.leagues.undoSale(manager, leagueId, input.playerId, entry.userId, entry.price);
      const event = await appendLeagueEvent(manager, leagueId, 'sale.undone', {
        playerId: input.playerId,
        playerName: entry.playerName,
        userId: entry.userId,
        price: entry.price,
        by,
        reason: input.reason,
      });
      changes.personal.push(budgetMessage(buyer, event.seq));
      return event;
    });
  }

  /** A player given to a manager at a price, as if he had won him: his quotas and budget apply. */
  async assign(
    leagueId: string,
    by: string,
    input: { playerId: string; userId: string; price: number; reason: string },
  ): Promise<LeagueEvent> {
    return this.act(leagueId, by, async (manager, changes, league) => {
      if (!isUuid(input.userId)) throw memberNotFound();
      // Lock order: the player's ownership in the league, then the membership, the league row last (the event).
      if (isUuid(input.playerId)) await this.leagues.lockPlayerInLeague(manager, leagueId, input.playerId);
      const target = await this.leagues.lockMembershipRow(manager, leagueId, input.userId);
      if (!target) throw memberNotFound();
      const player = isUuid(input.playerId) ? await this.leagues.player(manager, input.playerId) : null;
      if (!player) throw new NotFoundError('The player', 'PLAYER_NOT_FOUND');
      if (await this.leagues.ownedOrOnAuction(manager, leagueId, player.id)) {
        throw new DomainError(409, 'PLAYER_UNAVAILABLE', 'This player is already owned in this league or on auction there.');
      }
      await this.requireRoom(manager, league, target, player.position);
      const available = availableOf(target);
      if (input.price > available) {
        throw new DomainError(422, 'INSUFFICIENT_BUDGET', `That manager can pay at most €${available.toLocaleString('en')} now.`, {
          available,
        });
      }
      const buyer = await this.leagues.assign(manager, {
        leagueId,
        userId: target.userId,
        playerId: player.id,
        position: player.position,
        price: input.price,
        by,
      });
      const event = await appendLeagueEvent(manager, leagueId, 'player.assigned', {
        playerId: player.id,
        playerName: player.name,
        position: player.position,
        userId: target.userId,
        price: input.price,
        by,
        reason: input.reason,
      });
      changes.personal.push(budgetMessage(buyer, event.seq));
      return event;
    });
  }

  /** Adds to (or takes from) a manager's budget; never below what his leading bids and empty places need. */
  async adjustBudget(leagueId: string, by: string, input: { userId: string; delta: number; reason: string }): Promise<LeagueEvent> {
    return this.act(leagueId, by, async (manager, changes) => {
      const target = isUuid(input.userId) ? await this.leagues.lockMembershipRow(manager, leagueId, input.userId) : null;
      if (!target) throw memberNotFound();
      // The memberships_affordable_check's rule: budget − committed − minPrice × empty places ≥ 0.
      const spare =
        target.budget - target.committed - target.minPrice * Math.max(0, target.rosterSize - target.ownedCount - target.leadingCount);
      if (input.delta < -spare) {
        throw new DomainError(
          422,
          'BUDGET_TOO_LOW',
          `That would leave the manager less than his leading bids and empty places need: at most €${spare.toLocaleString('en')} can be taken.`,
          { least: -spare },
        );
      }
      // A league's budget is at most €1,000,000,000,000 (leagues_budget_check): so is a manager's, whatever is added.
      if (target.budget + input.delta > MAX_BUDGET) {
        throw new ValidationFailedError([{ field: 'delta', problems: [`the budget would pass €${MAX_BUDGET.toLocaleString('en')}`] }]);
      }
      const after = await this.leagues.adjustBudget(manager, leagueId, target.userId, input.delta);
      const event = await appendLeagueEvent(manager, leagueId, 'budget.adjusted', {
        userId: target.userId,
        delta: input.delta,
        budget: after.budget,
        by,
        reason: input.reason,
      });
      changes.personal.push(budgetMessage(after, event.seq));
      return event;
    });
  }

  /** Hands the commissioner's role to another manager of the league. */
  async handOver(leagueId: string, by: string, input: { userId: string; reason: string }): Promise<LeagueEvent> {
    return this.act(leagueId, by, async (manager) => {
      const target = isUuid(input.userId) ? await this.leagues.findMembership(manager, leagueId, input.userId) : null;
      if (!target) throw memberNotFound();
      if (target.userId === by) throw new ValidationFailedError([{ field: 'userId', problems: ['userId is already the commissioner'] }]);
      const event = await appendLeagueEvent(manager, leagueId, 'commissioner.changed', {
        from: by,
        to: target.userId,
        by,
        reason: input.reason,
      });
      // Under the league row's lock now: two hand-overs at once cannot both pass.
      if ((await this.leagues.commissionerOf(manager, leagueId)) !== by) throw new NotCommissionerError();
      await this.leagues.setCommissioner(manager, leagueId, target.userId);
      return event;
    });
  }

  /** The squad rules an assignment must keep: room in the squad and in his position, with the other positions' minimums still reachable. */
  private async requireRoom(manager: EntityManager, league: StoredLeague, m: StoredMembership, position: Position): Promise<void> {
    const roster = league.rules.roster;
    if (m.ownedCount + m.leadingCount >= m.rosterSize) {
      throw new DomainError(422, 'ROSTER_FULL', "That manager's roster is full, counting the auctions he leads.");
    }
    const held = await this.leagues.heldByPosition(manager, league.id, m.userId);
    const total = POSITIONS.reduce((n, p) => n + held[p], 0);
    const needed = POSITIONS.filter((p) => p !== position).reduce((n, p) => n + Math.max(0, roster[p][0] - held[p]), 0);
    if (held[position] >= roster[position][1] || total + 1 + needed > roster.size) {
      throw new DomainError(422, 'POSITION_FULL', `That manager has no room for another ${position}, counting the auctions he leads.`, {
        position,
      });
    }
  }

  private async act(
    leagueId: string,
    by: string,
    work: (manager: EntityManager, changes: { personal: PersonalMessage[] }, league: StoredLeague) => Promise<LeagueEvent>,
  ): Promise<LeagueEvent> {
    if (!isUuid(leagueId) || !(await this.leagues.isMember(this.dataSource.manager, leagueId, by))) throw new LeagueNotFoundError();
    if ((await this.leagues.commissionerOf(this.dataSource.manager, leagueId)) !== by) throw new NotCommissionerError();
    const changes = { personal: [] as PersonalMessage[] };
    const event = await this.dataSource.transaction(async (manager) => {
      const league = (await this.leagues.findById(manager, leagueId))!;
      const event = await work(manager, changes, league);
      // The event's append holds the league row now: the role cannot have moved under us unseen.
      if ((await this.leagues.commissionerOf(manager, leagueId)) !== by && event.type !== 'commissioner.changed')
        throw new NotCommissionerError();
      return event;
    });
    this.announcements.publish([event], changes.personal);
    return event;
  }
}
