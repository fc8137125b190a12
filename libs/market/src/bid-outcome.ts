import { type DomainError } from '@fantamercato/core';
import { budgetMessage, membershipOf, toLeagueEvent, type LeagueEvent, type PersonalMessage } from '@fantamercato/leagues';
import { auctionOf } from './auction.js';
import type { PlaceBidAccepted, PlaceBidRefused, PlaceBidResult } from './bid-statements.js';
import { AuctionNotFoundError, refusals } from './market-errors.js';
import type { AuctionDto } from './market.dto.js';

/** What a committed transaction announces: the league's events and the personal messages. */
export interface Changes {
  events: LeagueEvent[];
  personal: PersonalMessage[];
}
export const noChanges = (): Changes => ({ events: [], personal: [] });

export type BidOutcome = ({ ok: true; auction: AuctionDto } | { ok: false; error: DomainError }) & { replayed?: boolean };

export function unwrap(outcome: BidOutcome): AuctionDto {
  if (!outcome.ok) throw outcome.error;
  return outcome.auction;
}

/** place_bids' refusal as the contract's error. */
export function refusalFrom(result: PlaceBidRefused): DomainError {
  switch (result.code) {
    case 'AUCTION_CLOSED':
      return refusals.closed();
    case 'AUCTION_PAUSED':
      return refusals.paused();
    case 'MAX_BIDS_OFF':
      return refusals.maxBidsOff();
    case 'ALREADY_LEADING':
      return refusals.alreadyLeading();
    case 'BID_TOO_LOW':
      return refusals.tooLow(Number(result.minBid));
    case 'ROSTER_FULL':
      return refusals.rosterFull();
    case 'POSITION_FULL':
      return refusals.positionFull(String(result.position));
    case 'INSUFFICIENT_BUDGET':
      return refusals.insufficientBudget(Number(result.available));
    case 'AUCTION_NOT_FOUND':
      return new AuctionNotFoundError();
  }
}

/** place_bids' answer as the contract's: a refusal, or the auction after the bid (and the standing maxima's answers to it) plus what to announce. */
export function outcomeOf(result: PlaceBidResult, _userId: string, changes: Changes): BidOutcome {
  if (!result.ok) return { ok: false, error: refusalFrom(result) };
  let last = result;
  for (const accepted of [result, ...(result.proxies ?? [])]) {
    announce(accepted, changes);
    last = accepted;
  }
  const a = last.auction;
  return {
    ok: true,
    auction: auctionOf({
      id: a.id,
      leagueId: a.leagueId,
      player: { id: a.playerId, name: a.playerName, position: a.position },
      status: 'open',
      openingPrice: a.openingPrice,
      highBid: last.amount,
      highBidder: { userId: last.bidderId, displayName: last.bidderName },
      minIncrement: a.minIncrement,
      bidCount: a.bidCount,
      openedAt: new Date(a.openedAt),
      endsAt: new Date(a.endsAt),
      serverTime: new Date(a.serverTime),
    }),
  };
}

/** One accepted bid's event and personal messages: the bidder's budget, and the outbid (his alert and budget). */
export function announce(result: PlaceBidAccepted, changes: Changes): void {
  const event = toLeagueEvent({ ...result.event, seq: String(result.event.seq), at: new Date(result.event.at) });
  changes.events.push(event);
  changes.personal.push(budgetMessage(membershipOf(result.bidder), event.seq));
  const by = { userId: result.bidderId, displayName: result.bidderName };
  const alert = (userId: string) =>
    changes.personal.push({
      userId,
      event: 'outbid',
      payload: { auctionId: result.auction.id, amount: result.amount, by, seq: event.seq },
    });
  if (result.outbid) {
    const outbid = membershipOf(result.outbid);
    alert(outbid.userId);
    changes.personal.push(budgetMessage(outbid, event.seq));
  }
  // A standing maximum beaten by the leader's: its holder never led, but hears that it was passed.
  if (result.maxBeaten) alert(result.maxBeaten);
}
