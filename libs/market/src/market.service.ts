import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  APP_CONFIG,
  type AppConfig,
  DomainError,
  type RateLimit,
  RateLimitedError,
  RateLimits,
  roundUpTo,
  sqlRows,
  toErrorBody,
} from '@fantamercato/core';
import {
  appendLeagueEvent,
  availableOf,
  isUuid,
  LeagueAnnouncements,
  LeaguesService,
  toLeagueEvent,
  type LeagueEvent,
  type LeagueEventType,
  type MembershipRow,
  type PersonalMessage,
} from '@fantamercato/leagues';
import { DEFAULT_PRICE_EUR, type Position } from '@fantamercato/players';
import { readAuction, readLeagueAuctions } from './auction-view.js';
import { AuctionNotFoundError, refusals } from './market-errors.js';
import type { AuctionDetailDto, AuctionDto } from './market.dto.js';
import { AuctionSchedule } from './auction-schedule.js';
import { placeBids, previewAuction } from './bid-statements.js';
import { BidLanes, type BidOffer, type PlaceBidResult } from './bid-lanes.js';

type Changes = { events: LeagueEvent[]; personal: PersonalMessage[] };
type BidOutcome = ({ ok: true; auction: AuctionDto } | { ok: false; error: DomainError }) & { replayed?: boolean };

function unwrap(outcome: BidOutcome): AuctionDto {
  if (!outcome.ok) throw outcome.error;
  return outcome.auction;
}

/** `seq` is the league event that caused the change, so a client can drop a stale update. */
const budgetMessage = (m: MembershipRow, seq: number): PersonalMessage => ({
  userId: m.user_id,
  event: 'budget.updated',
  payload: { leagueId: m.league_id, budget: Number(m.budget), available: availableOf(m), seq },
});

@Injectable()
export class MarketService {
  private readonly bidLimit: RateLimit;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly leagues: LeaguesService,
    private readonly announcements: LeagueAnnouncements,
    private readonly schedule: AuctionSchedule,
    private readonly lanes: BidLanes,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    limits: RateLimits,
  ) {
    this.bidLimit = limits.create('bids', config.rateLimitBids, 1);
  }

  async openAuction(userId: string, leagueId: string, playerId: string, openingBid?: number): Promise<AuctionDto> {
    await this.leagues.requireMember(leagueId, userId);
    const changes: Changes = { events: [], personal: [] };
    const result = await this.dataSource.transaction(async (manager) => {
      // The opener's membership is locked first: it serialises one manager's openings for the
      // LIMIT_OPEN_AUCTIONS_PER_LEAGUE count, and an opening bid will need it before the league row
      // (the event), which keeps every transaction's order membership → league.
      await manager.query(`SELECT 1 FROM memberships WHERE league_id = $1 AND user_id = $2 FOR NO KEY UPDATE`, [leagueId, userId]);
      await this.requireAuctionAllowance(manager, leagueId, userId);
      const [player] = await manager.query(`SELECT id, name, position, price_eur FROM players WHERE id = $1`, [playerId]);
      if (!player) throw new DomainError(404, 'PLAYER_NOT_FOUND', 'The player was not found.');
      const [league] = await manager.query(`SELECT duration_seconds, min_increment, min_price FROM leagues WHERE id = $1`, [leagueId]);
      const price = player.price_eur === null ? DEFAULT_PRICE_EUR[player.position as Position] : Number(player.price_eur);
      const openingPrice = Math.max(Number(league.min_price), roundUpTo(price, Number(league.min_increment)));
      const inserted = await manager.query(
        `INSERT INTO auctions (league_id, player_id, position, opened_by, opening_price, ends_at)
         VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))
         ON CONFLICT (league_id, player_id) WHERE status = 'open' DO NOTHING
         RETURNING id`,
        [leagueId, playerId, player.position, userId, openingPrice, league.duration_seconds],
      );
      if (inserted.length === 0) throw refusals.unavailable();
      // Checked after the insert: had a closing sold him meanwhile, the insert waited for that commit.
      const owned = await manager.query(`SELECT 1 FROM roster_entries WHERE league_id = $1 AND player_id = $2`, [leagueId, playerId]);
      if (owned.length > 0) throw refusals.unavailable();
      const auctionId: string = inserted[0].id;
      const opened = (await readAuction(manager, auctionId))!;
      changes.events.push(await appendLeagueEvent(manager, leagueId, 'auction.opened', { auction: opened }));
      if (openingBid !== undefined) {
        const bid = await this.applyBid(manager, auctionId, userId, { amount: openingBid }, changes);
        if (!bid.ok) throw bid.error; // nothing is opened when the opener's own bid is refused
        return bid.auction;
      }
      return opened;
    });
    this.announcements.publish(changes.events, changes.personal);
    this.schedule.closeAt(result.id, result.endsAt);
    return result;
  }

  /** LIMIT_OPEN_AUCTIONS_PER_LEAGUE, counted under the opener's membership lock. */
  private async requireAuctionAllowance(manager: EntityManager, leagueId: string, userId: string): Promise<void> {
    const limit = this.config.limitOpenAuctionsPerLeague;
    if (limit === 0) return;
    const [{ count }] = await manager.query(
      `SELECT count(*)::int AS count FROM auctions WHERE league_id = $1 AND status = 'open' AND opened_by = $2`,
      [leagueId, userId],
    );
    if (count >= limit) {
      throw new DomainError(
        409,
        'TOO_MANY_OPEN_AUCTIONS',
        `You already have ${count} auctions open in this league, the most allowed; wait for one to close.`,
        { limit },
      );
    }
  }

  /**
   * One bid. Without an idempotency key it joins its auction's lane (BidLanes): one database call,
   * place_bids, with whatever bids for that auction arrived meanwhile — a lock-free look refuses the
   * hopeless ones, place_bid checks the rules and writes under the locks. With a key it runs in a
   * transaction with the key's row, so a refusal is stored too and a retry gets the same answer.
   */
  async placeBid(userId: string, auctionId: string, offer: BidOffer, idempotencyKey?: string): Promise<AuctionDto> {
    if (!isUuid(auctionId)) throw new AuctionNotFoundError();
    auctionId = auctionId.toLowerCase(); // one lane per auction, however the id was spelled
    const changes: Changes = { events: [], personal: [] };
    let outcome: BidOutcome;
    if (idempotencyKey === undefined) {
      await this.bidLimit.consume(userId).catch(async (error: unknown) => {
        if (!(error instanceof RateLimitedError)) throw error;
        // The contract answers a non-member 404 before anything else; only over the limit is it looked up.
        const preview = await previewAuction(this.dataSource.manager, auctionId, userId);
        throw preview?.is_member ? error : new AuctionNotFoundError();
      });
      outcome = this.outcomeOf(await this.lanes.place(auctionId, userId, offer), auctionId, userId, changes);
    } else {
      // A retry of an answered request gets that answer, whatever the rate limit says now.
      const stored = await this.storedAnswer(this.dataSource.manager, userId, auctionId, idempotencyKey);
      if (stored) return unwrap(stored);
      // Non-members get the 404 before anything is stored under their key.
      const preview = await previewAuction(this.dataSource.manager, auctionId, userId);
      if (!preview?.is_member) throw new AuctionNotFoundError();
      await this.bidLimit.consume(userId);
      outcome = await this.dataSource.transaction(async (manager): Promise<BidOutcome> => {
        // A concurrent request with the same key waits here until the first one commits.
        const fresh = await manager.query(
          `INSERT INTO bid_requests (user_id, auction_id, idempotency_key) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
          [userId, auctionId, idempotencyKey],
        );
        if (fresh.length === 0) return { ...(await this.storedAnswer(manager, userId, auctionId, idempotencyKey))!, replayed: true };
        const outcome = await this.applyBid(manager, auctionId, userId, offer, changes);
        const [status, response] = outcome.ok ? [201, { auction: outcome.auction }] : [outcome.error.status, toErrorBody(outcome.error)];
        await manager.query(
          `UPDATE bid_requests SET status = $4, response = $5::json WHERE user_id = $1 AND auction_id = $2 AND idempotency_key = $3`,
          [userId, auctionId, idempotencyKey, status, JSON.stringify(response)],
        );
        return outcome;
      });
    }
    if (outcome.ok && !outcome.replayed) {
      this.announcements.publish(changes.events, changes.personal);
      this.schedule.closeAt(auctionId, outcome.auction.endsAt);
    }
    return unwrap(outcome);
  }

  private async storedAnswer(manager: EntityManager, userId: string, auctionId: string, key: string): Promise<BidOutcome | null> {
    const [stored] = await manager.query(
      `SELECT status, response FROM bid_requests WHERE user_id = $1 AND auction_id = $2 AND idempotency_key = $3 AND status IS NOT NULL`,
      [userId, auctionId, key],
    );
    if (!stored) return null;
    const { statusCode: _s, code, message, ...details } = stored.response;
    return stored.status === 201
      ? { ok: true, auction: stored.response.auction }
      : { ok: false, error: new DomainError(stored.status, code, message, details) };
  }

  async getAuction(userId: string, auctionId: string): Promise<AuctionDetailDto> {
    await this.leagueOfAuction(auctionId, userId);
    const auction = (await readAuction(this.dataSource.manager, auctionId))!;
    const bids = await this.dataSource.query(
      `SELECT b.amount, b.bidder_id, m.display_name, b.placed_at
         FROM bids b JOIN memberships m ON m.league_id = b.league_id AND m.user_id = b.bidder_id
        WHERE b.auction_id = $1 ORDER BY b.amount DESC LIMIT 200`,
      [auctionId],
    );
    return {
      ...auction,
      bids: bids.map((b: { amount: string; bidder_id: string; display_name: string; placed_at: Date }) => ({
        amount: Number(b.amount),
        bidder: { userId: b.bidder_id, displayName: b.display_name },
        placedAt: b.placed_at.toISOString(),
      })),
    };
  }

  async listAuctions(userId: string, leagueId: string, status: 'open' | 'closed' | undefined, limit: number): Promise<AuctionDto[]> {
    await this.leagues.requireMember(leagueId, userId);
    return readLeagueAuctions(this.dataSource.manager, leagueId, status, limit);
  }

  /**
   * Closes one auction if it is due, exactly once: the row lock with SKIP LOCKED lets one process
   * in, and the status check turns every later attempt into a no-op. Returns whether it closed.
   */
  async closeIfDue(auctionId: string): Promise<boolean> {
    const changes: Changes = { events: [], personal: [] };
    let winnerAfter: MembershipRow | undefined;
    const closed = await this.dataSource.transaction(async (manager) => {
      const [auction] = await manager.query(
        `SELECT * FROM auctions WHERE id = $1 AND status = 'open' AND ends_at <= now() FOR NO KEY UPDATE SKIP LOCKED`,
        [auctionId],
      );
      if (!auction) {
        // Not due (a bid moved the deadline, maybe in another process) or being closed elsewhere.
        const [open] = await manager.query(`SELECT ends_at FROM auctions WHERE id = $1 AND status = 'open'`, [auctionId]);
        if (open) this.schedule.closeAt(auctionId, (open.ends_at as Date).toISOString());
        return false;
      }
      if (auction.high_bidder_id) {
        const [winner] = await sqlRows<MembershipRow>(
          manager,
          `UPDATE memberships SET budget = budget - $3, committed = committed - $3,
                  owned_count = owned_count + 1, leading_count = leading_count - 1
            WHERE league_id = $1 AND user_id = $2 RETURNING *`,
          [auction.league_id, auction.high_bidder_id, auction.high_bid],
        );
        await manager.query(
          `INSERT INTO roster_entries (league_id, user_id, player_id, position, price, auction_id) VALUES ($1, $2, $3, $4, $5, $6)`,
          [auction.league_id, auction.high_bidder_id, auction.player_id, auction.position, auction.high_bid, auction.id],
        );
        winnerAfter = winner!;
      }
      await manager.query(
        `UPDATE auctions SET status = 'closed', closed_at = now(), winner_id = high_bidder_id, price = high_bid WHERE id = $1`,
        [auction.id],
      );
      const data = auction.high_bidder_id
        ? { auctionId: auction.id, winnerId: auction.high_bidder_id, price: Number(auction.high_bid) }
        : { auctionId: auction.id };
      const event = await appendLeagueEvent(manager, auction.league_id, 'auction.closed', data);
      changes.events.push(event);
      if (winnerAfter) changes.personal.push(budgetMessage(winnerAfter, event.seq));
      return true;
    });
    if (closed) this.announcements.publish(changes.events, changes.personal);
    return closed;
  }

  /** Due auctions, oldest deadline first, for the sweeper. */
  async dueAuctionIds(limit: number): Promise<string[]> {
    const rows = await this.dataSource.query(
      `SELECT id FROM auctions WHERE status = 'open' AND ends_at <= now() ORDER BY ends_at LIMIT $1`,
      [limit],
    );
    return rows.map((r: { id: string }) => r.id);
  }

  /** Open auctions and their deadlines, to arm the timers of a process that just started. */
  async openDeadlines(): Promise<{ id: string; endsAt: string }[]> {
    const rows = await this.dataSource.query(`SELECT id, ends_at FROM auctions WHERE status = 'open'`);
    return rows.map((r: { id: string; ends_at: Date }) => ({ id: r.id, endsAt: r.ends_at.toISOString() }));
  }

  /** 404 for an unknown auction and for one in a league the user is not in: the same answer. */
  private async leagueOfAuction(auctionId: string, userId: string): Promise<string> {
    if (!isUuid(auctionId)) throw new AuctionNotFoundError();
    const [row] = await this.dataSource.query(
      `SELECT a.league_id FROM auctions a JOIN memberships m ON m.league_id = a.league_id AND m.user_id = $2 WHERE a.id = $1`,
      [auctionId, userId],
    );
    if (!row) throw new AuctionNotFoundError();
    return row.league_id;
  }

  /** One bid in the caller's transaction: place_bids (see its migration) with a batch of one. */
  private async applyBid(
    manager: EntityManager,
    auctionId: string,
    userId: string,
    offer: BidOffer,
    changes: Changes,
  ): Promise<BidOutcome> {
    const [result] = await placeBids(manager, auctionId, [{ userId, amount: offer.amount ?? null, upTo: offer.upTo ?? null }]);
    return this.outcomeOf(result!, auctionId, userId, changes);
  }

  /** place_bid's answer as the contract's: a refusal, or the auction after the bid plus what to announce. */
  private outcomeOf(result: PlaceBidResult, auctionId: string, userId: string, changes: Changes): BidOutcome {
    if (!result.ok) return { ok: false, error: refusalFrom(result as Parameters<typeof refusalFrom>[0]) };
    const r = result as unknown as AcceptedBid;
    const amount = Number(r.amount); // the offer's amount, or what its ceiling bid
    const event = toLeagueEvent({ ...r.event, seq: String(r.event.seq), at: new Date(r.event.at) });
    changes.events.push(event);
    const bidder = membershipFromJson(r.bidder);
    changes.personal.push(budgetMessage(bidder, event.seq));
    if (r.outbid) {
      const outbid = membershipFromJson(r.outbid);
      changes.personal.push(
        {
          userId: outbid.user_id,
          event: 'outbid',
          payload: { auctionId, amount, by: { userId, displayName: r.bidderName }, seq: event.seq },
        },
        budgetMessage(outbid, event.seq),
      );
    }
    const a = r.auction;
    return {
      ok: true,
      auction: {
        id: a.id,
        leagueId: a.leagueId,
        player: { id: a.playerId, name: a.playerName, position: a.position },
        status: 'open',
        openingPrice: Number(a.openingPrice),
        highBid: amount,
        highBidder: { userId, displayName: r.bidderName },
        minBid: amount + Number(a.minIncrement),
        bidCount: a.bidCount,
        openedAt: new Date(a.openedAt).toISOString(),
        endsAt: new Date(a.endsAt).toISOString(),
        serverTime: new Date(a.serverTime).toISOString(),
      },
    };
  }
}

/** An accepted bid as place_bids returns it. */
interface AcceptedBid {
  amount: number;
  event: { league_id: string; seq: number; type: LeagueEventType; at: string; data: Record<string, unknown> };
  bidder: Record<string, unknown>;
  outbid: Record<string, unknown> | null;
  bidderName: string;
  auction: {
    id: string;
    leagueId: string;
    playerId: string;
    playerName: string;
    position: Position;
    openingPrice: number;
    minIncrement: number;
    bidCount: number;
    openedAt: string;
    endsAt: string;
    serverTime: string;
  };
}

function refusalFrom(result: { code: string; minBid?: number; available?: number; position?: string }): DomainError {
  switch (result.code) {
    case 'AUCTION_CLOSED':
      return refusals.closed();
    case 'ALREADY_LEADING':
      return refusals.alreadyLeading();
    case 'BID_TOO_LOW':
      return refusals.tooLow(Number(result.minBid));
    case 'ROSTER_FULL':
      return refusals.rosterFull();
    case 'POSITION_FULL':
      return refusals.positionFull(String(result.position));
    case 'INSUFFICIENT_BUDGET':
      return refusals.insufficientBudget(Number(result.available));
    default:
      return new AuctionNotFoundError();
  }
}

/** to_jsonb gives bigints as numbers and timestamps as strings; MembershipRow carries strings and Dates. */
function membershipFromJson(r: Record<string, unknown>): MembershipRow {
  return {
    ...(r as unknown as MembershipRow),
    budget: String(r.budget),
    committed: String(r.committed),
    min_price: String(r.min_price),
    joined_at: new Date(String(r.joined_at)),
  };
}
