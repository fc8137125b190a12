import type { EntityManager } from 'typeorm';
import { sqlRows } from '@fantamercato/core';
import { toLeagueEvent, type LeagueEvent, type MembershipRow, type QuotaColumns } from '@fantamercato/leagues';
import type { Position } from '@fantamercato/players';

/**
 * The SQL of the bid path, written out because it is the hottest code in the game: every round
 * trip here is time the auction row stays locked. A bid makes five: lock the auction, lock the
 * people, one statement for all the writes, and BEGIN/COMMIT.
 */

export interface LockedAuction extends QuotaColumns {
  id: string;
  league_id: string;
  player_id: string;
  player_name: string;
  position: Position;
  opening_price: string;
  high_bid: string | null;
  high_bidder_id: string | null;
  bid_count: number;
  opened_at: Date;
  is_open: boolean;
  is_member: boolean;
  server_time: Date;
  min_increment: string;
  extend_seconds: number;
}

export type LockedMember = MembershipRow & { display_name: string };

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

/** Locks the auction (and only it); `is_open` is judged by the database clock. */
export async function lockAuction(manager: EntityManager, auctionId: string, userId: string): Promise<LockedAuction | undefined> {
  const [row] = await manager.query(
    `SELECT a.*, p.name AS player_name, clock_timestamp() AS server_time,
            (a.status = 'open' AND a.ends_at > clock_timestamp()) AS is_open,
            EXISTS (SELECT 1 FROM memberships m WHERE m.league_id = a.league_id AND m.user_id = $2) AS is_member,
            l.min_increment, l.extend_seconds, l.roster_size,
            l.gk_min, l.gk_max, l.def_min, l.def_max, l.mid_min, l.mid_max, l.fwd_min, l.fwd_max
       FROM auctions a JOIN leagues l ON l.id = a.league_id JOIN players p ON p.id = a.player_id
      WHERE a.id = $1
        FOR NO KEY UPDATE OF a`,
    [auctionId, userId],
  );
  return row;
}

/**
 * Locks the bidder and the leader about to be outbid, in user-id order so two bids never wait on
 * each other. NO KEY UPDATE: foreign keys pointing at these rows (a new bid's) only need KEY SHARE,
 * which it does not block, so a bid's own inserts cannot deadlock with another bid's locks.
 */
export async function lockMembers(manager: EntityManager, auction: LockedAuction, bidderId: string): Promise<LockedMember[]> {
  const people = [...new Set([bidderId, auction.high_bidder_id].filter((id): id is string => id !== null))].sort();
  return manager.query(
    `SELECT m.*, u.display_name FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.league_id = $1 AND m.user_id = ANY($2::uuid[])
      ORDER BY m.user_id
        FOR NO KEY UPDATE OF m`,
    [auction.league_id, people],
  );
}

/** Players a manager holds by position: owned, plus the open auctions they lead. */
export async function countHeld(manager: EntityManager, leagueId: string, userId: string): Promise<Record<Position, number>> {
  const rows: { position: Position; held: string }[] = await manager.query(
    `SELECT position, count(*) AS held FROM (
       SELECT position FROM roster_entries WHERE league_id = $1 AND user_id = $2
       UNION ALL
       SELECT position FROM auctions WHERE league_id = $1 AND high_bidder_id = $2 AND status = 'open'
     ) held GROUP BY position`,
    [leagueId, userId],
  );
  const held: Record<Position, number> = { GK: 0, DEF: 0, MID: 0, FWD: 0 };
  for (const row of rows) held[row.position] = Number(row.held);
  return held;
}

export interface WrittenBid {
  endsAt: Date;
  bidder: MembershipRow;
  outbid: MembershipRow | null;
  event: LeagueEvent;
}

/**
 * Every write of an accepted bid in one statement: the auction (soft close), the bid, both
 * managers' committed money, and the league's next event — the league row, taken last.
 */
export async function writeAcceptedBid(manager: EntityManager, auction: LockedAuction, bidderId: string, amount: number): Promise<WrittenBid> {
  const [row] = await sqlRows<{ ends_at: Date; bidder: MembershipRow; outbid: MembershipRow | null; event: Parameters<typeof toLeagueEvent>[0] }>(
    manager,
    `WITH bid AS (
       UPDATE auctions SET high_bid = $2, high_bidder_id = $3, bid_count = bid_count + 1,
              ends_at = greatest(ends_at, clock_timestamp() + make_interval(secs => $5))
        WHERE id = $1 RETURNING id, ends_at
     ), stored AS (
       INSERT INTO bids (auction_id, league_id, bidder_id, amount) VALUES ($1, $4, $3, $2) RETURNING id
     ), bidder AS (
       UPDATE memberships SET committed = committed + $2, leading_count = leading_count + 1
        WHERE league_id = $4 AND user_id = $3 RETURNING *
     ), outbid AS (
       UPDATE memberships SET committed = committed - $7, leading_count = leading_count - 1
        WHERE league_id = $4 AND user_id = $6 RETURNING *
     ), next AS (
       UPDATE leagues SET last_seq = last_seq + 1 WHERE id = $4 RETURNING last_seq
     ), event AS (
       INSERT INTO league_events (league_id, seq, type, data)
       SELECT $4, next.last_seq, 'bid.accepted',
              jsonb_build_object('auctionId', bid.id, 'amount', $2::bigint, 'bidderId', $3::uuid,
                                 'endsAt', to_char(bid.ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
         FROM next, bid
       RETURNING league_id, seq, type, at, data
     )
     SELECT (SELECT ends_at FROM bid) AS ends_at,
            (SELECT to_jsonb(b) FROM bidder b) AS bidder,
            (SELECT to_jsonb(o) FROM outbid o) AS outbid,
            (SELECT to_jsonb(e) FROM event e) AS event,
            (SELECT count(*) FROM stored) AS stored`,
    [auction.id, amount, bidderId, auction.league_id, auction.extend_seconds, auction.high_bidder_id, auction.high_bid ?? 0],
  );
  const event = row!.event as unknown as { league_id: string; seq: number; type: LeagueEvent['type']; at: string; data: Record<string, unknown> };
  return {
    endsAt: row!.ends_at,
    bidder: fromJson(row!.bidder),
    outbid: row!.outbid ? fromJson(row!.outbid) : null,
    event: toLeagueEvent({ ...event, seq: String(event.seq), at: new Date(event.at) }),
  };
}

/** to_jsonb turns bigint into JSON numbers and timestamps into strings; rows elsewhere carry strings and Dates. */
function fromJson(row: Record<string, unknown> | MembershipRow): MembershipRow {
  const r = row as Record<string, unknown>;
  return { ...(r as unknown as MembershipRow), budget: String(r.budget), committed: String(r.committed), min_price: String(r.min_price), joined_at: new Date(String(r.joined_at)) };
}
