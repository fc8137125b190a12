import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@fantamercato/core';
import { DataSource } from 'typeorm';
import { placeBidsAcross, type BidRow, type BidStatementRunner, type PlaceBidResult } from './bid-statements.js';

export type { PlaceBidResult } from './bid-statements.js';

/** A bid's offer: an amount, or a ceiling up to which it bids the lowest amount accepted at that moment. */
export type BidOffer = { amount: number; upTo?: undefined } | { upTo: number; amount?: undefined };

interface WaitingBid extends BidRow {
  auctionId: string;
  resolve: (result: PlaceBidResult) => void;
  reject: (error: unknown) => void;
}

/** A bound on how many bids one call carries (and so on how long it holds its locks). */
const MAX_BATCH = 64;

/** An error PostgreSQL itself raised: the statement was rolled back, nothing of it was written. */
function raisedByServer(error: unknown): boolean {
  const e = error as { driverError?: { severity?: unknown }; severity?: unknown } | null;
  return typeof (e?.driverError?.severity ?? e?.severity) === 'string';
}

/** The pg pool under TypeORM's PostgreSQL driver (set once the data source is initialised): named, prepared statements go through it. */
function poolOf(dataSource: DataSource): BidStatementRunner {
  const pool = (dataSource.driver as unknown as { master?: BidStatementRunner }).master;
  if (!pool || typeof pool.query !== 'function') throw new Error('BidLanes: the data source has no pg pool yet');
  return pool;
}

/**
 * Bids go to PostgreSQL in shared calls. At most `BID_CALLS_IN_FLIGHT` calls are in flight from this
 * process, and at most one per auction; the bids that arrive meanwhile wait, in arrival order, and the
 * next free call takes all of them whose auctions are not in flight (place_bids_across): one
 * transaction, one round trip and one commit for bids on many auctions.
 *
 * On a hot auction ten managers answering the same high bid become one call and one lock hold
 * instead of ten transactions queueing for a row lock; over many auctions, a commit is shared by all
 * the bids that came together. Either way the database judges every bid exactly as if they had come
 * one after another, in the order they arrived. A bid that finds a call free goes at once: under
 * light load nothing waits. Other processes' bids meet these at the row locks, in the same global
 * lock order. Callers pass the auction id in one spelling (lower case).
 */
@Injectable()
export class BidLanes {
  /** Bids not yet sent, in arrival order. */
  private readonly waiting: WaitingBid[] = [];
  /** Auctions with a call in flight: their later bids wait for it, so an auction's bids keep their order. */
  private readonly busy = new Set<string>();
  private inFlight = 0;
  private readonly callsInFlight: number;

  /** Database calls made and bids they carried, since start (for tests and diagnostics). */
  readonly stats = { calls: 0, bids: 0, largestBatch: 0, auctionsInOneCall: 0, retriedAlone: 0 };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'bidCallsInFlight'>,
  ) {
    this.callsInFlight = config.bidCallsInFlight;
  }

  place(auctionId: string, userId: string, offer: BidOffer): Promise<PlaceBidResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ auctionId, userId, amount: offer.amount ?? null, upTo: offer.upTo ?? null, resolve, reject });
      this.pump();
    });
  }

  /** Starts calls while there is room, each with every waiting bid whose auction is free (up to MAX_BATCH). */
  private pump(): void {
    while (this.inFlight < this.callsInFlight && this.waiting.length > 0) {
      const batch = this.takeBatch();
      if (batch.length === 0) return;
      this.inFlight += 1;
      const auctions = new Set(batch.map((b) => b.auctionId));
      for (const id of auctions) this.busy.add(id);
      void this.send(batch).finally(() => {
        for (const id of auctions) this.busy.delete(id);
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private takeBatch(): WaitingBid[] {
    const batch: WaitingBid[] = [];
    let kept = 0;
    for (let i = 0; i < this.waiting.length; i += 1) {
      const bid = this.waiting[i]!;
      if (batch.length < MAX_BATCH && !this.busy.has(bid.auctionId)) batch.push(bid);
      else this.waiting[kept++] = bid;
    }
    this.waiting.length = kept;
    return batch;
  }

  private async send(batch: WaitingBid[]): Promise<void> {
    let results: PlaceBidResult[];
    try {
      results = await this.call(batch);
      if (!Array.isArray(results) || results.length !== batch.length) {
        throw new Error(`place_bids answered ${Array.isArray(results) ? results.length : typeof results} results for ${batch.length} bids`);
      }
    } catch (error) {
      // Only an error PostgreSQL raised proves the batch was rolled back; then each bid deserves
      // its own answer. A lost connection may have committed it: those bids fail, never run twice.
      if (batch.length === 1 || !raisedByServer(error)) {
        for (const bid of batch) bid.reject(error);
        return;
      }
      this.stats.retriedAlone += 1;
      for (const bid of batch) {
        try {
          bid.resolve((await this.call([bid]))[0]!);
        } catch (single) {
          bid.reject(single);
        }
      }
      return;
    }
    batch.forEach((bid, i) => bid.resolve(results[i]!));
  }

  private async call(batch: WaitingBid[]): Promise<PlaceBidResult[]> {
    this.stats.calls += 1;
    this.stats.bids += batch.length;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    this.stats.auctionsInOneCall = Math.max(this.stats.auctionsInOneCall, new Set(batch.map((b) => b.auctionId)).size);
    return placeBidsAcross(poolOf(this.dataSource), batch);
  }
}
