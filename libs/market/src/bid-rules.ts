import type { DomainError } from '@fantamercato/core';
import { availableToBid, type RosterRules } from '@fantamercato/leagues';
import type { Position } from '@fantamercato/players';
import { refusals } from './market-errors.js';

export interface BidContext {
  amount: number;
  bidderId: string;
  auction: { open: boolean; highBid: number | null; highBidderId: string | null; openingPrice: number; minIncrement: number; position: Position };
  bidder: { budget: number; committed: number; ownedCount: number; leadingCount: number; rosterSize: number; minPrice: number };
  /** Players the bidder owns or leads, by position. */
  held: Record<Position, number>;
  roster: RosterRules;
}

const POSITIONS: readonly Position[] = ['GK', 'DEF', 'MID', 'FWD'];

/**
 * Whether one more player at `position` fits: under its maximum, and leaving enough empty slots
 * for the minimums of the other positions (a squad must still be completable: no fourth defender
 * when the last slot is needed for a goalkeeper).
 */
export function roomAtPosition(roster: RosterRules, held: Record<Position, number>, position: Position): boolean {
  if (held[position] >= roster[position][1]) return false;
  const total = POSITIONS.reduce((sum, p) => sum + held[p], 0);
  const stillNeeded = POSITIONS.filter((p) => p !== position).reduce((sum, p) => sum + Math.max(0, roster[p][0] - held[p]), 0);
  return total + 1 + stillNeeded <= roster.size;
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
  if (!roomAtPosition(c.roster, c.held, c.auction.position)) return refusals.positionFull(c.auction.position);
  const available = availableToBid(c.bidder);
  if (c.amount > available) return refusals.insufficientBudget(available);
  return null;
}
