import type { EntityManager } from 'typeorm';

/**
 * The lock-free look a bid takes before it calls place_bid (migrations/…-PlaceBidFunction.ts),
 * the database function that checks the rules and writes the bid in one round trip.
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
