import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { placeBids, type BidRow, type PlaceBidResult } from './bid-statements.js';

export type { PlaceBidResult } from './bid-statements.js';

/** A bid's offer: an amount, or a ceiling up to which it bids the lowest amount accepted at that moment. */
export type BidOffer = { amount: number; upTo?: undefined } | { upTo: number; amount?: undefined };

interface WaitingBid extends BidRow {
  resolve: (result: PlaceBidResult) => void;
  reject: (error: unknown) => void;
}

/** A bound on how long one batch holds the auction's lock. */
const MAX_BATCH = 64;

/** An error PostgreSQL itself raised: the statement was rolled back, nothing of it was written. */
function raisedByServer(error: unknown): boolean {
  const e = error as { driverError?: { severity?: unknown }; severity?: unknown } | null;
  return typeof (e?.driverError?.severity ?? e?.severity) === 'string';
}

/**
 * One lane per auction: at most one database call per auction is in flight from this process, and
 * the bids that arrive meanwhile go together, in arrival order, as the next call (place_bids).
 *
 * On a hot auction ten managers answering the same high bid used to become ten transactions
 * queueing for one row lock, nine of them to be refused; now they are one round trip and one lock
 * hold, and the database still decides every bid exactly as if they had come one after another.
 * Bids on different auctions never wait for each other. Other processes' bids meet these at the
 * row lock, as before. Callers pass the auction id in one spelling (lower case).
 */
@Injectable()
export class BidLanes {
  /** An entry exists while a call for that auction is in flight; it holds the bids waiting for the next one. */
  private readonly waiting = new Map<string, WaitingBid[]>();

  /** Database calls made and bids they carried, since start (for tests and diagnostics). */
  readonly stats = { calls: 0, bids: 0, largestBatch: 0 };

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  place(auctionId: string, userId: string, offer: BidOffer): Promise<PlaceBidResult> {
    return new Promise((resolve, reject) => {
      const bid: WaitingBid = { userId, amount: offer.amount ?? null, upTo: offer.upTo ?? null, resolve, reject };
      const queue = this.waiting.get(auctionId);
      if (queue) {
        queue.push(bid);
        return;
      }
      this.waiting.set(auctionId, []);
      void this.drain(auctionId, [bid]);
    });
  }

  private async drain(auctionId: string, first: WaitingBid[]): Promise<void> {
    let batch = first;
    try {
      while (batch.length > 0) {
        await this.send(auctionId, batch);
        batch = this.waiting.get(auctionId)!.splice(0, MAX_BATCH);
      }
    } catch (error) {
      // send() answers every bid it takes; anything else must still not leave a request hanging.
      for (const bid of [...batch, ...(this.waiting.get(auctionId) ?? [])]) bid.reject(error);
    } finally {
      this.waiting.delete(auctionId);
    }
  }

  private async send(auctionId: string, batch: WaitingBid[]): Promise<void> {
    let results: PlaceBidResult[];
    try {
      results = await this.call(auctionId, batch);
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
      for (const bid of batch) {
        try {
          bid.resolve((await this.call(auctionId, [bid]))[0]!);
        } catch (single) {
          bid.reject(single);
        }
      }
      return;
    }
    batch.forEach((bid, i) => bid.resolve(results[i]!));
  }

  private async call(auctionId: string, batch: WaitingBid[]): Promise<PlaceBidResult[]> {
    this.stats.calls += 1;
    this.stats.bids += batch.length;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    return placeBids(this.dataSource, auctionId, batch);
  }
}
