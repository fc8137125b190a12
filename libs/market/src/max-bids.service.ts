import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig, isUuid, type RateLimit, RateLimits } from '@fantamercato/core';
import { LeagueAnnouncements } from '@fantamercato/leagues';
import { AuctionSchedule } from './auction-schedule.js';
import { AuctionsRepository } from './auctions.repository.js';
import { announce, noChanges, refusalFrom } from './bid-outcome.js';
import type { PlaceBidAccepted, PlaceBidRefused } from './bid-statements.js';
import { AuctionNotFoundError } from './market-errors.js';
import type { AuctionDto } from './market.dto.js';

export interface MaxBid {
  amount: number;
  placedAt: string;
}

/**
 * Standing max bids: a manager's private maximum on a lot, which the game bids up to for him the
 * moment anyone else bids (set_max_bid and place_bids, in the database). Only its holder reads it;
 * setting one answers like a bid (its rules, its refusals) and may place the game's first bid for
 * him at once. Rate-limited with the bids.
 */
@Injectable()
export class MaxBids {
  private readonly limit: RateLimit;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auctions: AuctionsRepository,
    private readonly announcements: LeagueAnnouncements,
    private readonly schedule: AuctionSchedule,
    @Inject(APP_CONFIG) config: AppConfig,
    limits: RateLimits,
  ) {
    this.limit = limits.create('bids', config.rateLimitBids, 1);
  }

  async set(userId: string, auctionId: string, amount: number): Promise<{ maxBid: MaxBid; auction: AuctionDto }> {
    await this.requireMember(userId, auctionId);
    await this.limit.consume(userId); // after the membership check: a stranger learns nothing, over the limit or not
    const changes = noChanges();
    const { maxBid, auction } = await this.dataSource.transaction(async (manager) => {
      const [{ answer }]: { answer: { ok: true; proxies: PlaceBidAccepted[] } | PlaceBidRefused }[] = await manager.query(
        `SELECT set_max_bid($1, $2, $3) AS answer`,
        [auctionId, userId, amount],
      );
      if (!answer.ok) throw refusalFrom(answer);
      for (const proxy of answer.proxies) announce(proxy, changes);
      return {
        maxBid: (await this.auctions.maxBidOf(manager, auctionId, userId))!,
        auction: (await this.auctions.read(manager, auctionId))!,
      };
    });
    this.announcements.publish(changes.events, changes.personal);
    if (changes.events.length > 0) this.schedule.closeAt(auction.id, auction.endsAt);
    return { maxBid, auction };
  }

  async get(userId: string, auctionId: string): Promise<{ maxBid: MaxBid | null }> {
    await this.requireMember(userId, auctionId);
    return { maxBid: await this.auctions.maxBidOf(this.dataSource.manager, auctionId, userId) };
  }

  /** Cancels it under the auction's lock, so a bid being judged now sees it or does not, never half. */
  async cancel(userId: string, auctionId: string): Promise<void> {
    await this.requireMember(userId, auctionId);
    await this.dataSource.transaction((manager) => this.auctions.cancelMaxBid(manager, auctionId, userId));
  }

  private async requireMember(userId: string, auctionId: string): Promise<void> {
    if (!isUuid(auctionId) || !(await this.auctions.leagueIfMember(this.dataSource.manager, auctionId, userId))) {
      throw new AuctionNotFoundError();
    }
  }
}
