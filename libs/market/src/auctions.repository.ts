import type { Bid, MarketMode, Position } from '@fantamercato/contract';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { auctionOf } from './auction.js';
import type { AuctionDto } from './market.dto.js';

/** One query that renders auctions as the contract shows them, with the database clock. */
const AUCTION_VIEW = `
  SELECT a.*, p.name AS player_name, hb.display_name AS high_bidder_name, w.display_name AS winner_name,
         l.min_increment, now() AS server_time
    FROM auctions a
    JOIN players p ON p.id = a.player_id
    JOIN leagues l ON l.id = a.league_id
    LEFT JOIN memberships hb ON hb.league_id = a.league_id AND hb.user_id = a.high_bidder_id
    LEFT JOIN memberships w ON w.league_id = a.league_id AND w.user_id = a.winner_id`;

interface AuctionViewRow {
  id: string;
  league_id: string;
  player_id: string;
  player_name: string;
  position: Position; // players_position_check and auctions' own check hold it to the four
  status: 'open' | 'closed';
  opening_price: string;
  high_bid: string | null;
  high_bidder_id: string | null;
  high_bidder_name: string | null;
  bid_count: number;
  opened_at: Date;
  ends_at: Date;
  closed_at: Date | null;
  winner_id: string | null;
  winner_name: string | null;
  price: string | null;
  min_increment: string;
  server_time: Date;
}

const num = (value: string | null) => (value === null ? null : Number(value));

function auctionOfRow(row: AuctionViewRow): AuctionDto {
  return auctionOf({
    id: row.id,
    leagueId: row.league_id,
    player: { id: row.player_id, name: row.player_name, position: row.position },
    status: row.status,
    openingPrice: Number(row.opening_price),
    highBid: num(row.high_bid),
    highBidder: row.high_bidder_id ? { userId: row.high_bidder_id, displayName: row.high_bidder_name! } : null,
    minIncrement: Number(row.min_increment),
    bidCount: row.bid_count,
    openedAt: row.opened_at,
    endsAt: row.ends_at,
    serverTime: row.server_time,
    ...(row.status === 'closed'
      ? {
          closed: {
            at: row.closed_at!,
            winner: row.winner_id ? { userId: row.winner_id, displayName: row.winner_name! } : null,
            price: num(row.price),
          },
        }
      : {}),
  });
}

/** The player an auction would be opened on: his position and reported price (null: the default applies). */
export interface AuctionablePlayer {
  id: string;
  position: Position;
  priceEur: number | null;
}

/** An auction the closer holds the lock of: what settling it needs. */
export interface DueAuction {
  id: string;
  leagueId: string;
  playerId: string;
  position: Position;
  highBid: number | null;
  highBidderId: string | null;
}

/** A lock-free look at an auction for one user: whether he is a member (non-members get 404 before anything). */
export interface AuctionPreview {
  isMember: boolean;
}

/** Every statement on auctions and bids (place_bids itself: bid-statements.ts). Each takes the caller's manager. */
@Injectable()
export class AuctionsRepository {
  async read(manager: EntityManager, auctionId: string): Promise<AuctionDto | null> {
    const [row]: AuctionViewRow[] = await manager.query(`${AUCTION_VIEW} WHERE a.id = $1`, [auctionId]);
    return row ? auctionOfRow(row) : null;
  }

  async listForLeague(
    manager: EntityManager,
    leagueId: string,
    status: 'open' | 'closed' | undefined,
    limit: number,
  ): Promise<AuctionDto[]> {
    const rows: AuctionViewRow[] = await manager.query(
      `${AUCTION_VIEW} WHERE a.league_id = $1 AND ($2::text IS NULL OR a.status = $2) ORDER BY a.status = 'open' DESC, a.ends_at, a.id LIMIT $3`,
      [leagueId, status ?? null, limit],
    );
    return rows.map(auctionOfRow);
  }

  /** The highest 200 bids, highest first, with the names the bidders have in the league. */
  async bids(manager: EntityManager, auctionId: string): Promise<Bid[]> {
    const rows: { amount: string; bidder_id: string; display_name: string; placed_at: Date }[] = await manager.query(
      `SELECT b.amount, b.bidder_id, m.display_name, b.placed_at
         FROM bids b JOIN memberships m ON m.league_id = b.league_id AND m.user_id = b.bidder_id
        WHERE b.auction_id = $1 ORDER BY b.amount DESC LIMIT 200`,
      [auctionId],
    );
    return rows.map((b) => ({
      amount: Number(b.amount),
      bidder: { userId: b.bidder_id, displayName: b.display_name },
      placedAt: b.placed_at.toISOString(),
    }));
  }

  /** The auction's league, if the user manages in it (an unknown auction and a foreign one look the same). */
  async leagueIfMember(manager: EntityManager, auctionId: string, userId: string): Promise<string | null> {
    const [row]: { league_id: string }[] = await manager.query(
      `SELECT a.league_id FROM auctions a JOIN memberships m ON m.league_id = a.league_id AND m.user_id = $2 AND m.removed_at IS NULL WHERE a.id = $1`,
      [auctionId, userId],
    );
    return row?.league_id ?? null;
  }

  /** A lock-free look, taken before a keyed bid (or one over the rate limit) touches anything. */
  async preview(manager: EntityManager, auctionId: string, userId: string): Promise<AuctionPreview | null> {
    const [row]: { is_member: boolean }[] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM memberships m WHERE m.league_id = a.league_id AND m.user_id = $2 AND m.removed_at IS NULL) AS is_member
         FROM auctions a WHERE a.id = $1`,
      [auctionId, userId],
    );
    return row ? { isMember: row.is_member } : null;
  }

  async countOpenedBy(manager: EntityManager, leagueId: string, userId: string): Promise<number> {
    const [{ count }] = await manager.query(
      `SELECT count(*)::int AS count FROM auctions WHERE league_id = $1 AND status = 'open' AND opened_by = $2`,
      [leagueId, userId],
    );
    return count;
  }

  async player(manager: EntityManager, playerId: string): Promise<AuctionablePlayer | null> {
    const [row]: { id: string; position: Position; price_eur: string | null }[] = await manager.query(
      `SELECT id, position, price_eur FROM players WHERE id = $1`,
      [playerId],
    );
    return row ? { id: row.id, position: row.position, priceEur: num(row.price_eur) } : null;
  }

  /** The league's auction rules an opening needs. */
  async openingRules(
    manager: EntityManager,
    leagueId: string,
  ): Promise<{ durationSeconds: number; minIncrement: number; minPrice: number; mode: MarketMode }> {
    const [row]: { duration_seconds: number; min_increment: string; min_price: string; market_mode: MarketMode }[] = await manager.query(
      `SELECT duration_seconds, min_increment, min_price, market_mode FROM leagues WHERE id = $1`,
      [leagueId],
    );
    return {
      durationSeconds: row!.duration_seconds,
      minIncrement: Number(row!.min_increment),
      minPrice: Number(row!.min_price),
      mode: row!.market_mode,
    };
  }

  /**
   * A new open auction ending `durationSeconds` from the database's now, or null when the player
   * already has an open auction in the league (the partial unique index decides, races included).
   */
  async insertOpen(
    manager: EntityManager,
    a: { leagueId: string; playerId: string; position: Position; openedBy: string; openingPrice: number; durationSeconds: number },
  ): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO auctions (league_id, player_id, position, opened_by, opening_price, ends_at)
       VALUES ($1, $2, $3, $4, $5, quiet_deadline($1::uuid, now() + make_interval(secs => $6)))
       ON CONFLICT (league_id, player_id) WHERE status = 'open' DO NOTHING
       RETURNING id`,
      [a.leagueId, a.playerId, a.position, a.openedBy, a.openingPrice, a.durationSeconds],
    );
    return rows[0]?.id ?? null;
  }

  /** The auction if it is open and due, locked for closing; SKIP LOCKED: another process closing it is left alone. */
  async lockIfDue(manager: EntityManager, auctionId: string): Promise<DueAuction | null> {
    const [row]: {
      id: string;
      league_id: string;
      player_id: string;
      position: Position;
      high_bid: string | null;
      high_bidder_id: string | null;
    }[] = await manager.query(
      `SELECT * FROM auctions WHERE id = $1 AND status = 'open' AND paused_remaining IS NULL AND ends_at <= now() FOR NO KEY UPDATE SKIP LOCKED`,
      [auctionId],
    );
    return row
      ? {
          id: row.id,
          leagueId: row.league_id,
          playerId: row.player_id,
          position: row.position,
          highBid: num(row.high_bid),
          highBidderId: row.high_bidder_id,
        }
      : null;
  }

  /** When an open auction ends now (null: it is closed, or paused — its resume arms it again). */
  async openEndsAt(manager: EntityManager, auctionId: string): Promise<Date | null> {
    const [row]: { ends_at: Date }[] = await manager.query(
      `SELECT ends_at FROM auctions WHERE id = $1 AND status = 'open' AND paused_remaining IS NULL`,
      [auctionId],
    );
    return row?.ends_at ?? null;
  }

  async markClosed(manager: EntityManager, auctionId: string): Promise<void> {
    await manager.query(`DELETE FROM max_bids WHERE auction_id = $1`, [auctionId]); // standing maxima end with their lot
    await manager.query(
      `UPDATE auctions SET status = 'closed', closed_at = now(), winner_id = high_bidder_id, price = high_bid WHERE id = $1`,
      [auctionId],
    );
  }

  /** A manager's own standing maximum on an auction (only he reads it). */
  async maxBidOf(manager: EntityManager, auctionId: string, userId: string): Promise<{ amount: number; placedAt: string } | null> {
    const [row]: { amount: string; placed_at: Date }[] = await manager.query(
      `SELECT amount, placed_at FROM max_bids WHERE auction_id = $1 AND user_id = $2`,
      [auctionId, userId],
    );
    return row ? { amount: Number(row.amount), placedAt: row.placed_at.toISOString() } : null;
  }

  /** Withdraws a standing maximum, after taking the auction's lock (place_bids reads maxima under it). */
  async cancelMaxBid(manager: EntityManager, auctionId: string, userId: string): Promise<void> {
    await manager.query(`SELECT 1 FROM auctions WHERE id = $1 FOR NO KEY UPDATE`, [auctionId]);
    await manager.query(`DELETE FROM max_bids WHERE auction_id = $1 AND user_id = $2`, [auctionId, userId]);
  }

  /** A removed manager's standing maxima go with him. */
  async dropMaxBidsOf(manager: EntityManager, leagueId: string, userId: string): Promise<void> {
    await manager.query(`DELETE FROM max_bids WHERE league_id = $1 AND user_id = $2`, [leagueId, userId]);
  }

  /** Due auctions, oldest deadline first, for the sweeper. */
  async dueIds(manager: EntityManager, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM auctions WHERE status = 'open' AND paused_remaining IS NULL AND ends_at <= now() ORDER BY ends_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  /** Open auctions and their deadlines, to arm the timers of a process that just started. */
  async openDeadlines(manager: EntityManager): Promise<{ id: string; endsAt: string }[]> {
    const rows: { id: string; ends_at: Date }[] = await manager.query(
      `SELECT id, ends_at FROM auctions WHERE status = 'open' AND paused_remaining IS NULL`,
    );
    return rows.map((r) => ({ id: r.id, endsAt: r.ends_at.toISOString() }));
  }

  /** Every squad of the league for the export: who, which player, what he paid, when, and how (auction or assigned). */
  async rosterExport(manager: EntityManager, leagueId: string): Promise<Record<string, unknown>[]> {
    const rows: {
      display_name: string;
      user_id: string;
      name: string;
      player_id: string;
      position: Position;
      price: string;
      acquired_at: Date;
      auction_id: string | null;
      window_id: string | null;
    }[] = await manager.query(
      `SELECT m.display_name, r.user_id, p.name, r.player_id, r.position, r.price, r.acquired_at, r.auction_id, r.window_id
           FROM roster_entries r JOIN memberships m ON m.league_id = r.league_id AND m.user_id = r.user_id JOIN players p ON p.id = r.player_id
          WHERE r.league_id = $1
          ORDER BY m.joined_at, m.user_id, array_position(ARRAY['GK','DEF','MID','FWD'], r.position), r.acquired_at`,
      [leagueId],
    );
    return rows.map((r) => ({
      manager: r.display_name,
      userId: r.user_id,
      player: r.name,
      playerId: r.player_id,
      position: r.position,
      price: Number(r.price),
      acquiredAt: r.acquired_at.toISOString(),
      source: r.auction_id ? 'auction' : r.window_id ? 'sealed' : 'assigned',
      auctionId: r.auction_id,
    }));
  }

  /** Every bid of the league for the export, in the order they were placed. */
  async bidExport(manager: EntityManager, leagueId: string): Promise<Record<string, unknown>[]> {
    const rows: { auction_id: string; name: string; display_name: string; bidder_id: string; amount: string; placed_at: Date }[] =
      await manager.query(
        `SELECT b.auction_id, p.name, m.display_name, b.bidder_id, b.amount, b.placed_at
         FROM bids b JOIN auctions a ON a.id = b.auction_id JOIN players p ON p.id = a.player_id
         JOIN memberships m ON m.league_id = b.league_id AND m.user_id = b.bidder_id
        WHERE b.league_id = $1 ORDER BY b.placed_at, b.amount`,
        [leagueId],
      );
    return rows.map((b) => ({
      auctionId: b.auction_id,
      player: b.name,
      bidder: b.display_name,
      bidderId: b.bidder_id,
      amount: Number(b.amount),
      placedAt: b.placed_at.toISOString(),
    }));
  }
}
