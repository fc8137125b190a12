import type { EntityManager } from 'typeorm';

/**
 * The two statements of the bid path. place_bids (migrations/…-PlaceBidsInBatches.ts) is the one
 * implementation of the bid rules; previewAuction is the lock-free look a keyed bid (and a bid over
 * the rate limit) takes first, to answer non-members 404 before anything else.
 */

export interface Preview {
  status: string;
  is_open: boolean;
  high_bid: string | null;
  high_bidder_id: string | null;
  opening_price: string;
  min_increment: string;
  is_member: boolean;
}

/** A lock-free look: whether the caller is a member, and what a bid can be refused on without a lock. */
export async function previewAuction(manager: EntityManager, auctionId: string, userId: string): Promise<Preview | undefined> {
  const [row] = await manager.query(
    `SELECT a.status, (a.status = 'open' AND a.ends_at > now()) AS is_open, a.high_bid, a.high_bidder_id, a.opening_price, l.min_increment,
            EXISTS (SELECT 1 FROM memberships m WHERE m.league_id = a.league_id AND m.user_id = $2) AS is_member
       FROM auctions a JOIN leagues l ON l.id = a.league_id WHERE a.id = $1`,
    [auctionId, userId],
  );
  return row;
}

/** One bid of a place_bids call: an amount, or a ceiling (`upTo`); the other is null. */
export interface BidRow {
  userId: string;
  amount: number | null;
  upTo: number | null;
}

/** What place_bids answers for one bid: `ok` with the writes' results, or a refusal `code`. */
export type PlaceBidResult = { ok: boolean; code?: string; [field: string]: unknown };

/** Bids on one auction, judged in this order in one statement: one answer per bid, same order. */
export async function placeBids(
  runner: { query(sql: string, parameters?: unknown[]): Promise<any> },
  auctionId: string,
  bids: BidRow[],
): Promise<PlaceBidResult[]> {
  const [{ results }] = await runner.query(`SELECT place_bids($1, $2::uuid[], $3::bigint[], $4::bigint[]) AS results`, [
    auctionId,
    bids.map((b) => b.userId),
    bids.map((b) => b.amount),
    bids.map((b) => b.upTo),
  ]);
  return results;
}
