import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  APP_CONFIG,
  type AppConfig,
  DomainError,
  isUuid,
  type RateLimit,
  RateLimitedError,
  RateLimits,
  toErrorBody,
} from '@fantamercato/core';
import { LeagueAnnouncements } from '@fantamercato/leagues';
import { AuctionSchedule } from './auction-schedule.js';
import { AuctionsRepository } from './auctions.repository.js';
import { BidLanes, type BidOffer } from './bid-lanes.js';
import { noChanges, outcomeOf, unwrap, type BidOutcome, type Changes } from './bid-outcome.js';
import { BidRequestsRepository, type StoredAnswer } from './bid-requests.repository.js';
import { placeBids } from './bid-statements.js';
import { AuctionNotFoundError } from './market-errors.js';
import type { AuctionDto } from './market.dto.js';

/**
 * Bids. Without an idempotency key a bid takes the **queued path**: it joins its auction's lane
 * (BidLanes), one place_bids call with whatever bids for that auction arrived meanwhile. With a key
 * it takes the **keyed path**: its own transaction with the key's row, so a refusal is stored too
 * and a retry gets the same answer.
 */
@Injectable()
export class Bidding {
  private readonly bidLimit: RateLimit;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auctions: AuctionsRepository,
    private readonly requests: BidRequestsRepository,
    private readonly announcements: LeagueAnnouncements,
    private readonly schedule: AuctionSchedule,
    private readonly lanes: BidLanes,
    @Inject(APP_CONFIG) config: AppConfig,
    limits: RateLimits,
  ) {
    this.bidLimit = limits.create('bids', config.rateLimitBids, 1);
  }

  async place(userId: string, auctionId: string, offer: BidOffer, idempotencyKey?: string): Promise<AuctionDto> {
    if (!isUuid(auctionId)) throw new AuctionNotFoundError();
    auctionId = auctionId.toLowerCase(); // one lane per auction, however the id was spelled
    const changes = noChanges();
    const outcome =
      idempotencyKey === undefined
        ? await this.placeQueued(userId, auctionId, offer, changes)
        : await this.placeKeyed(userId, auctionId, offer, idempotencyKey, changes);
    if (outcome.ok && !outcome.replayed) {
      this.announcements.publish(changes.events, changes.personal);
      this.schedule.closeAt(auctionId, outcome.auction.endsAt);
    }
    return unwrap(outcome);
  }

  private async placeQueued(userId: string, auctionId: string, offer: BidOffer, changes: Changes): Promise<BidOutcome> {
    await this.bidLimit.consume(userId).catch(async (error: unknown) => {
      if (!(error instanceof RateLimitedError)) throw error;
      // The contract answers a non-member 404 before anything else; only over the limit is it looked up.
      const preview = await this.auctions.preview(this.dataSource.manager, auctionId, userId);
      throw preview?.isMember ? error : new AuctionNotFoundError();
    });
    return outcomeOf(await this.lanes.place(auctionId, userId, offer), userId, changes);
  }

  private async placeKeyed(
    userId: string,
    auctionId: string,
    offer: BidOffer,
    idempotencyKey: string,
    changes: Changes,
  ): Promise<BidOutcome> {
    const key = { userId, auctionId, idempotencyKey };
    // A retry of an answered request gets that answer, whatever the rate limit says now.
    const stored = await this.requests.answer(this.dataSource.manager, key);
    if (stored) return { ...outcomeOfStored(stored), replayed: true }; // nothing new to announce or schedule
    // Non-members get the 404 before anything is stored under their key.
    const preview = await this.auctions.preview(this.dataSource.manager, auctionId, userId);
    if (!preview?.isMember) throw new AuctionNotFoundError();
    await this.bidLimit.consume(userId);
    return this.dataSource.transaction(async (manager): Promise<BidOutcome> => {
      // A concurrent request with the same key waits here until the first one commits.
      if (!(await this.requests.claim(manager, key)))
        return { ...outcomeOfStored((await this.requests.answer(manager, key))!), replayed: true };
      const [answer] = await placeBids(manager, auctionId, [{ userId, amount: offer.amount ?? null, upTo: offer.upTo ?? null }]);
      const outcome = outcomeOf(answer!, userId, changes);
      await this.requests.record(
        manager,
        key,
        outcome.ok
          ? { status: 201, response: { auction: outcome.auction } }
          : { status: outcome.error.status, response: toErrorBody(outcome.error)! },
      );
      return outcome;
    });
  }
}

function outcomeOfStored(stored: StoredAnswer): BidOutcome {
  if (isAccepted(stored)) return { ok: true, auction: stored.response.auction };
  const { statusCode: _status, code, message, ...details } = stored.response;
  return { ok: false, error: new DomainError(stored.status, code, message, details) };
}

function isAccepted(stored: StoredAnswer): stored is Extract<StoredAnswer, { status: 201 }> {
  return stored.status === 201;
}
