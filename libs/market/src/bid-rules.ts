import type { DomainError } from '@fantamercato/core';
import { availableToBid, type RosterRules } from '@fantamercato/leagues';
import type { Position } from '@fantamercato/players';
import { refusals } from './market-errors.js';

export interface BidContext {
  amount: number;
  bidderId: string;
  auction: { open: boolean; highBid: number | null; highBidderId: string | null; openingPrice: number; minIncrement: number; position: Position };
  bidder: { budget: number; committed: number; ownedCount: number; leadingCount: number; rosterSize: number; minPrice: number };
  /** Players the bidder owns or leads at the auction's position. */
  heldAtPosition: number;
  roster: RosterRules;
}

export function minBidOf(auction: BidContext['auction']): number {
  return auction.highBid === null ? auction.openingPrice : auction.highBid + auction.minIncrement;
}

/**
 * The refusal for a bid, in the contract's order, or null when it is accepted. Pure: the caller
 * holds the row locks that make the numbers it passes in true.
 */
export function refuseBid(c: BidContext): DomainError | null {
  if (!c.auction.open) return refusals.closed();
  if (c.auction.highBidderId === c.bidderId) return refusals.alreadyLeading();
  const minBid = minBidOf(c.auction);
  if (c.amount < minBid) return refusals.tooLow(minBid);
  if (c.bidder.ownedCount + c.bidder.leadingCount >= c.bidder.rosterSize) return refusals.rosterFull();
  if (c.heldAtPosition >= c.roster[c.auction.position][1]) return refusals.positionFull(c.auction.position);
  const available = availableToBid(c.bidder);
  if (c.amount > available) return refusals.insufficientBudget(available);
  return null;
}
