import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** What place_bid answers for one bid (see its migration): `ok` with the writes' results, or a refusal `code`. */
export type PlaceBidResult = { ok: boolean; code?: string; [field: string]: unknown };

interface WaitingBid {
  userId: string;
  amount: number;
  resolve: (result: PlaceBidResult) => void;
  reject: (error: unknown) => void;
}

/** A bound on how long one batch holds the auction's lock. */
const MAX_BATCH = 64;

/**
 * One lane per auction: at most one database call per auction is in flight from this process, and
 * the bids that arrive meanwhile go together, in arrival order, as the next call (place_bids).
 *
 * On a hot auction ten managers answering the same high bid used to become ten transactions
 * queueing for one row lock, nine of them to be refused; now they are one round trip and one lock
 * hold, and the database still decides every bid exactly as if they had come one after another.
 * Bids on different auctions never wait for each other. Other processes' bids meet these at the
 * row lock, as before.
 */
@Injectable()
export class BidLanes {
  /** An entry exists while a call for that auction is in flight; it holds the bids waiting for the next one. */
  private readonly waiting = new Map<string, WaitingBid[]>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  place(auctionId: string, userId: string, amount: number): Promise<PlaceBidResult> {
    return new Promise((resolve, reject) => {
      const bid: WaitingBid = { userId, amount, resolve, reject };
      const queue = this.waiting.get(auctionId);
      if (queue) {
        queue.push(bid);
        return;
      }
      this.waiting.set(auctionId, []);
      void this.drain(auctionId, [bid]);
    });
  }

  /** Database calls made and bids they carried, since start (for tests and diagnostics). */
  readonly stats = { calls: 0, bids: 0, largestBatch: 0 };

  private async drain(auctionId: string, first: WaitingBid[]): Promise<void> {
    let batch = first;
    while (batch.length > 0) {
      await this.send(auctionId, batch);
      batch = this.waiting.get(auctionId)!.splice(0, MAX_BATCH);
    }
    this.waiting.delete(auctionId);
  }

  private async send(auctionId: string, batch: WaitingBid[]): Promise<void> {
    try {
      const results = await this.call(auctionId, batch);
      batch.forEach((bid, i) => bid.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // A batch is one transaction: whatever failed it, each bid deserves its own answer.
      for (const bid of batch) {
        try {
          bid.resolve((await this.call(auctionId, [bid]))[0]!);
        } catch (single) {
          bid.reject(single);
        }
      }
    }
  }

  private async call(auctionId: string, batch: WaitingBid[]): Promise<PlaceBidResult[]> {
    this.stats.calls += 1;
    this.stats.bids += batch.length;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    const [{ results }] = await this.dataSource.query(`SELECT place_bids($1, $2::uuid[], $3::bigint[]) AS results`, [
      auctionId,
      batch.map((b) => b.userId),
      batch.map((b) => b.amount),
    ]);
    return results;
  }
}
