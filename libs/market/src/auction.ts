import type { Person, Position } from '@fantamercato/contract';
import type { AuctionDto } from './market.dto.js';

/** What an auction is made of, number-typed, from a row of the auction view or from place_bids' answer. */
export interface AuctionFields {
  id: string;
  leagueId: string;
  player: { id: string; name: string; position: Position };
  status: 'open' | 'closed';
  openingPrice: number;
  highBid: number | null;
  highBidder: Person | null;
  minIncrement: number;
  bidCount: number;
  openedAt: Date;
  endsAt: Date;
  serverTime: Date;
  closed?: { at: Date; winner: Person | null; price: number | null };
}

/** The one place an Auction of the contract is built, and its `minBid` worked out: the opening price, or the high bid + the raise. */
export function auctionOf(f: AuctionFields): AuctionDto {
  const auction: AuctionDto = {
    id: f.id,
    leagueId: f.leagueId,
    player: f.player,
    status: f.status,
    openingPrice: f.openingPrice,
    highBid: f.highBid,
    highBidder: f.highBidder,
    minBid: f.highBid === null ? f.openingPrice : f.highBid + f.minIncrement,
    bidCount: f.bidCount,
    openedAt: f.openedAt.toISOString(),
    endsAt: f.endsAt.toISOString(),
    serverTime: f.serverTime.toISOString(),
  };
  if (f.closed) {
    auction.closedAt = f.closed.at.toISOString();
    auction.winner = f.closed.winner;
    auction.price = f.closed.price;
  }
  return auction;
}
