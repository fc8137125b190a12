import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** What place_bid answers for one bid (see its migration): `ok` with the writes' results, or a refusal `code`. */
export type PlaceBidResult = { ok: boolean; code?: string; [field: string]: unknown };

/** A bid's offer: an amount, or a ceiling up to which it bids the lowest amount accepted at that moment. */
export type BidOffer = { amount: number; upTo?: undefined } | { upTo: number; amount?: undefined };

interface WaitingBid {
  userId: string;
  amount: number | null;
  upTo: number | null;
  resolve: (result: PlaceBidResult) => void;
  reject: (error: unknown) => void;
}

/** A bound on how long one batch holds the auction's lock. */
const MAX_BATCH = 64;
/** Near its deadline an auction's bids always go to the database, which owns the clock. */
const DEADLINE_MARGIN_MS = 2_000;

/**
 * What this lane's own last database answers proved about its auction, kept only while bids keep
 * coming (the lane is busy). `high`/`leader` are from a committed accepted bid: the true high bid
 * can only be higher. `members` answered something other than 404, and memberships are permanent.
 */
interface Known {
  high: number;
  leader: string;
  minIncrement: number;
  /** the deadline and the database clock's lead over ours, both from the accepted bid's answer */
  endsAt: number;
  clockLead: number;
  members: Set<string>;
}

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
  private readonly known = new Map<string, Known>();

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

  /** Database calls made and bids they carried, since start (for tests and diagnostics). */
  readonly stats = { calls: 0, bids: 0, largestBatch: 0, refusedInMemory: 0 };

  /**
   * A bid was accepted outside the lanes (an opening bid, a bid with an idempotency key): a busy
   * lane must not keep judging by the high bid and leader it knew.
   */
  forget(auctionId: string): void {
    this.known.delete(auctionId);
  }

  private async drain(auctionId: string, first: WaitingBid[]): Promise<void> {
    let batch = first;
    while (batch.length > 0) {
      await this.send(auctionId, batch);
      batch = this.nextBatch(auctionId);
    }
    this.waiting.delete(auctionId);
    this.known.delete(auctionId);
  }

  /**
   * The waiting bids that still need the database. One the last accepted bid has already beaten is
   * answered BID_TOO_LOW here: its bidder is a member, is not the leader this lane knows of, the
   * auction is open well before its deadline, and high bids only rise — so the database would say
   * the same, in the contract's order of refusals. (A bid from a manager who took the lead a moment
   * ago through another API process may hear BID_TOO_LOW where the database would have said
   * ALREADY_LEADING: refused either way, nothing changes.)
   */
  private nextBatch(auctionId: string): WaitingBid[] {
    const queue = this.waiting.get(auctionId)!;
    const known = this.known.get(auctionId);
    if (!known) return queue.splice(0, MAX_BATCH);
    const open = Date.now() + known.clockLead < known.endsAt - DEADLINE_MARGIN_MS;
    const minBid = known.high + known.minIncrement;
    const batch: WaitingBid[] = [];
    while (queue.length > 0 && batch.length < MAX_BATCH) {
      const bid = queue.shift()!;
      if (open && (bid.amount ?? bid.upTo!) < minBid && bid.userId !== known.leader && known.members.has(bid.userId)) {
        this.stats.refusedInMemory += 1;
        bid.resolve({ ok: false, code: 'BID_TOO_LOW', minBid });
      } else batch.push(bid);
    }
    return batch;
  }

  /** What the answers prove, for nextBatch. */
  private learn(auctionId: string, batch: WaitingBid[], results: PlaceBidResult[]): void {
    const members = this.known.get(auctionId)?.members ?? new Set<string>();
    let state: Omit<Known, 'members'> | undefined = this.known.get(auctionId);
    batch.forEach((bid, i) => {
      const result = results[i]!;
      if (result.ok) {
        const auction = result.auction as { minIncrement?: number; endsAt?: string; serverTime?: string } | undefined;
        state = {
          high: Number(result.amount),
          leader: bid.userId,
          minIncrement: Number(auction?.minIncrement),
          endsAt: Date.parse(String(auction?.endsAt)),
          clockLead: Date.parse(String(auction?.serverTime)) - Date.now(),
        };
        // Whatever cannot be read proves nothing.
        if (![state.high, state.minIncrement, state.endsAt, state.clockLead].every(Number.isFinite)) state = undefined;
      } else if (state && result.code === 'BID_TOO_LOW' && Number(result.minBid) > state.high + state.minIncrement) {
        state = undefined; // raised elsewhere: who leads is no longer known
      } else if (result.code === 'AUCTION_CLOSED') {
        state = undefined;
      }
      if (result.code !== 'AUCTION_NOT_FOUND') members.add(bid.userId);
    });
    if (state) this.known.set(auctionId, { ...state, members });
    else this.known.delete(auctionId);
  }

  private async send(auctionId: string, batch: WaitingBid[]): Promise<void> {
    let results: PlaceBidResult[];
    try {
      results = await this.call(auctionId, batch);
    } catch (error) {
      this.known.delete(auctionId);
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // A batch is one transaction and nothing of it was written: each bid deserves its own answer.
      for (const bid of batch) {
        try {
          bid.resolve((await this.call(auctionId, [bid]))[0]!);
        } catch (single) {
          bid.reject(single);
        }
      }
      return;
    }
    this.learn(auctionId, batch, results);
    batch.forEach((bid, i) => bid.resolve(results[i]!));
  }

  private async call(auctionId: string, batch: WaitingBid[]): Promise<PlaceBidResult[]> {
    this.stats.calls += 1;
    this.stats.bids += batch.length;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    const [{ results }] = await this.dataSource.query(`SELECT place_bids($1, $2::uuid[], $3::bigint[], $4::bigint[]) AS results`, [
      auctionId,
      batch.map((b) => b.userId),
      batch.map((b) => b.amount),
      batch.map((b) => b.upTo),
    ]);
    return results;
  }
}
