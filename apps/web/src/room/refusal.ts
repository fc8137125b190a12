import type { BidOffer } from '@fantamercato/contract';
import type { ErrorAnswer } from '../api.js';
import { explain } from '../errors.js';
import { eur, eurShort } from '../format.js';

/** The refusal in plain words, from its code and what the room showed when the manager tapped. */
export function refusalText(offer: BidOffer, error: ErrorAnswer, lowestAtTap: number): string {
  if (error.code !== 'BID_TOO_LOW' || typeof error.minBid !== 'number') return explain(error);
  const minBid = error.minBid;
  // The lowest bid moved between what the room showed and the server's answer: someone bid first.
  const overtaken = minBid > lowestAtTap;
  if (offer.upTo !== undefined) {
    return overtaken
      ? `Someone bid first — the lowest bid is now ${eur(minBid)}, above your limit of ${eur(offer.upTo)}.`
      : `Your limit of ${eur(offer.upTo)} is below the lowest bid, ${eur(minBid)}.`;
  }
  const amount = offer.amount ?? 0;
  return overtaken
    ? `Someone bid first — the lowest bid is now ${eur(minBid)}.`
    : `${eur(amount)} is too low: the lowest bid is ${eur(minBid)} (${eurShort(minBid - amount)} more).`;
}
