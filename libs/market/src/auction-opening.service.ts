import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig, DomainError, roundUpTo } from '@fantamercato/core';
import {
  appendLeagueEvent,
  availableOf,
  LeagueAnnouncements,
  LeagueNotFoundError,
  LeaguesRepository,
  LeaguesService,
} from '@fantamercato/leagues';
import { DEFAULT_PRICE_EUR } from '@fantamercato/players';
import { AuctionSchedule } from './auction-schedule.js';
import { AuctionsRepository } from './auctions.repository.js';
import { noChanges, outcomeOf, type Changes } from './bid-outcome.js';
import { DraftTurns } from './draft/draft-turns.js';
import { DraftsRepository } from './draft/drafts.repository.js';
import { placeBids } from './bid-statements.js';
import { refusals } from './market-errors.js';
import type { AuctionDto } from './market.dto.js';

/** Opening an auction on a player, with the opener's optional first bid in the same transaction. */
@Injectable()
export class AuctionOpening {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly leagues: LeaguesService,
    private readonly leagueRows: LeaguesRepository,
    private readonly auctions: AuctionsRepository,
    private readonly announcements: LeagueAnnouncements,
    private readonly schedule: AuctionSchedule,
    private readonly turns: DraftTurns,
    private readonly drafts: DraftsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async open(userId: string, leagueId: string, playerId: string, openingBid?: number): Promise<AuctionDto> {
    await this.leagues.requireMember(leagueId, userId);
    const changes = noChanges();
    const result = await this.dataSource.transaction((manager) =>
      this.openIn(manager, changes, { userId, leagueId, playerId, openingBid }),
    );
    this.announcements.publish(changes.events, changes.personal);
    this.schedule.closeAt(result.id, result.endsAt);
    return result;
  }

  /**
   * The opening inside the caller's transaction (the draft's clock calls it for an idle manager,
   * `auto`: then he bids the opening price himself if he can afford it). The caller publishes
   * `changes` after the commit and arms the closer.
   */
  async openIn(
    manager: EntityManager,
    changes: Changes,
    o: { userId: string; leagueId: string; playerId: string; openingBid?: number; auto?: boolean },
  ): Promise<AuctionDto> {
    const { userId, leagueId, playerId } = o;
    const rules = await this.auctions.openingRules(manager, leagueId); // rules never change: read before any lock
    // Lock order: the draft (a turns league: only the manager on the clock calls, one lot at a time),
    // the player's ownership in the league (an assignment takes it too), the opener's membership
    // (it serialises one manager's openings, for the open-auctions count), the league row last (the event).
    const draft = rules.mode === 'turns' ? await this.turns.requireTurn(manager, leagueId, userId) : null;
    await this.leagueRows.lockPlayerInLeague(manager, leagueId, playerId);
    // Still in the league under the lock (a removal may have committed since the check before it).
    if (!(await this.leagueRows.lockMembershipRow(manager, leagueId, userId))) throw new LeagueNotFoundError();
    if (!draft) await this.requireAllowance(manager, leagueId, userId);
    const player = await this.auctions.player(manager, playerId);
    if (!player) throw new DomainError(404, 'PLAYER_NOT_FOUND', 'The player was not found.');
    const price = player.priceEur ?? DEFAULT_PRICE_EUR[player.position];
    const openingPrice = Math.max(rules.minPrice, roundUpTo(price, rules.minIncrement));
    const auctionId = await this.auctions.insertOpen(manager, {
      leagueId,
      playerId,
      position: player.position,
      openedBy: userId,
      openingPrice,
      durationSeconds: rules.durationSeconds,
    });
    if (auctionId === null) throw refusals.unavailable();
    // Checked after the insert: had a closing sold him meanwhile, the insert waited for that commit.
    if (await this.leagueRows.isOwned(manager, leagueId, playerId)) throw refusals.unavailable();
    if (draft) await this.drafts.startLot(manager, draft.id, auctionId);
    const opened = (await this.auctions.read(manager, auctionId))!;
    changes.events.push(
      await appendLeagueEvent(manager, leagueId, 'auction.opened', { auction: opened, ...(o.auto ? { auto: true as const } : {}) }),
    );
    let openingBid = o.openingBid;
    if (o.auto) {
      const opener = await this.leagueRows.findMembership(manager, leagueId, userId);
      if (opener && availableOf(opener) >= openingPrice) openingBid = openingPrice;
    }
    if (openingBid === undefined) return opened;
    const [answer] = await placeBids(manager, auctionId, [{ userId, amount: openingBid, upTo: null }]);
    const bid = outcomeOf(answer!, userId, changes);
    if (!bid.ok) throw bid.error; // nothing is opened when the opener's own bid is refused
    return bid.auction;
  }

  /** LIMIT_OPEN_AUCTIONS_PER_LEAGUE, counted under the opener's membership lock. */
  private async requireAllowance(manager: EntityManager, leagueId: string, userId: string): Promise<void> {
    const limit = this.config.limitOpenAuctionsPerLeague;
    if (limit === 0) return;
    const count = await this.auctions.countOpenedBy(manager, leagueId, userId);
    if (count >= limit) {
      throw new DomainError(
        409,
        'TOO_MANY_OPEN_AUCTIONS',
        `You already have ${count} auctions open in this league, the most allowed; wait for one to close.`,
        {
          limit,
        },
      );
    }
  }
}
