import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, isUuid, NotFoundError, ValidationFailedError } from '@fantamercato/core';
import {
  appendLeagueEvent,
  LeagueAnnouncements,
  LeagueNotFoundError,
  LeaguesRepository,
  NotCommissionerError,
} from '@fantamercato/leagues';
import { AuctionsRepository } from './auctions.repository.js';
import { noChanges } from './bid-outcome.js';
import { DraftTurns } from './draft/draft-turns.js';
import { DraftsRepository } from './draft/drafts.repository.js';

/**
 * The commissioner removes a manager: his players return to the pool, his standing maxima go, he is
 * passed over in the draft (and, if he was on the clock, the turn moves on), and nothing of the league
 * is his any more — not its views, not its bids, not its live room. Refused while he leads an auction
 * (a lead is money the others bid against: remove him once it closes, and his player returns too).
 */
@Injectable()
export class MemberRemoval {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly leagues: LeaguesRepository,
    private readonly auctions: AuctionsRepository,
    private readonly drafts: DraftsRepository,
    private readonly turns: DraftTurns,
    private readonly announcements: LeagueAnnouncements,
  ) {}

  async remove(leagueId: string, by: string, input: { userId: string; reason: string }) {
    if (!isUuid(leagueId) || !(await this.leagues.isMember(this.dataSource.manager, leagueId, by))) throw new LeagueNotFoundError();
    if ((await this.leagues.commissionerOf(this.dataSource.manager, leagueId)) !== by) throw new NotCommissionerError();
    if (input.userId.toLowerCase() === by) {
      throw new ValidationFailedError([
        { field: 'userId', problems: ['the commissioner cannot remove himself: hand the role over first'] },
      ]);
    }
    const changes = noChanges();
    await this.dataSource.transaction(async (manager) => {
      // Lock order: the draft, his roster entries (as an undone sale takes one before the buyer), his
      // membership, the league row last (the events).
      const draft = await this.drafts.lockLive(manager, leagueId);
      if (isUuid(input.userId)) await this.leagues.lockRosterOf(manager, leagueId, input.userId);
      const target = isUuid(input.userId) ? await this.leagues.lockMembershipRow(manager, leagueId, input.userId) : null;
      if (!target) throw new NotFoundError('The manager', 'MEMBER_NOT_FOUND');
      if (target.leadingCount > 0) {
        throw new DomainError(
          409,
          'MEMBER_LEADS_AUCTIONS',
          `${target.displayName} leads ${target.leadingCount} auction${target.leadingCount === 1 ? '' : 's'}: remove him once they close.`,
          { leading: target.leadingCount },
        );
      }
      const playerIds = await this.leagues.removeMember(manager, leagueId, target.userId, by);
      await this.auctions.dropMaxBidsOf(manager, leagueId, target.userId);
      changes.events.push(
        await appendLeagueEvent(manager, leagueId, 'member.removed', {
          userId: target.userId,
          displayName: target.displayName,
          playerIds,
          by,
          reason: input.reason,
        }),
      );
      // On the clock with no lot running: the next manager's turn starts now (a paused draft keeps its
      // pause: the new clock starts on resume).
      if (draft && draft.status !== 'ended' && draft.onClock === target.userId && draft.lotAuctionId === null) {
        await this.turns.next(manager, draft, changes);
      }
      if ((await this.leagues.commissionerOf(manager, leagueId)) !== by) throw new NotCommissionerError();
    });
    this.announcements.publish(changes.events, changes.personal);
    return { event: changes.events[0]! };
  }
}
