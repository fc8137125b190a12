import type { Position } from './players.js';

export interface Person {
  userId: string;
  displayName: string;
}

export interface Bid {
  amount: number;
  bidder: Person;
  placedAt: string;
}

export interface Auction {
  id: string;
  leagueId: string;
  player: { id: string; name: string; position: Position };
  status: 'open' | 'closed';
  openingPrice: number;
  highBid: number | null;
  highBidder: Person | null;
  /** The lowest bid that would be accepted now. */
  minBid: number;
  bidCount: number;
  openedAt: string;
  endsAt: string;
  closedAt?: string;
  winner?: Person | null;
  price?: number | null;
  /** The server's clock when this was read, for an exact countdown. */
  serverTime: string;
}

export interface AuctionDetail extends Auction {
  /** Newest first. */
  bids: Bid[];
}

/** A bid: exactly `amount`, or "+1 up to" `upTo` (the lowest accepted amount at that moment, if at most upTo). */
export type BidOffer = { amount: number; upTo?: undefined } | { upTo: number; amount?: undefined };
