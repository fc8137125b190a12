import type { Position } from '@fantamercato/contract';
import type { EntityManager } from 'typeorm';
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
  position: string;
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

export function toAuctionDto(row: AuctionViewRow): AuctionDto {
  const highBid = num(row.high_bid);
  const dto: AuctionDto = {
    id: row.id,
    leagueId: row.league_id,
    player: { id: row.player_id, name: row.player_name, position: row.position as Position }, // players_position_check holds it to the four
    status: row.status,
    openingPrice: Number(row.opening_price),
    highBid,
    highBidder: row.high_bidder_id ? { userId: row.high_bidder_id, displayName: row.high_bidder_name! } : null,
    minBid: highBid === null ? Number(row.opening_price) : highBid + Number(row.min_increment),
    bidCount: row.bid_count,
    openedAt: row.opened_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    serverTime: row.server_time.toISOString(),
  };
  if (row.status === 'closed') {
    dto.closedAt = row.closed_at!.toISOString();
    dto.winner = row.winner_id ? { userId: row.winner_id, displayName: row.winner_name! } : null;
    dto.price = num(row.price);
  }
  return dto;
}

export async function readAuction(manager: EntityManager, auctionId: string): Promise<AuctionDto | null> {
  const [row] = await manager.query(`${AUCTION_VIEW} WHERE a.id = $1`, [auctionId]);
  return row ? toAuctionDto(row) : null;
}

export async function readLeagueAuctions(
  manager: EntityManager,
  leagueId: string,
  status: 'open' | 'closed' | undefined,
  limit: number,
): Promise<AuctionDto[]> {
  const rows = await manager.query(
    `${AUCTION_VIEW} WHERE a.league_id = $1 AND ($2::text IS NULL OR a.status = $2) ORDER BY a.status = 'open' DESC, a.ends_at, a.id LIMIT $3`,
    [leagueId, status ?? null, limit],
  );
  return rows.map(toAuctionDto);
}
