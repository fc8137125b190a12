import { DomainError, NotFoundError } from '@fantamercato/core';

export class AuctionNotFoundError extends NotFoundError {
  constructor() {
    super('The auction', 'AUCTION_NOT_FOUND');
  }
}

export const refusals = {
  closed: () => new DomainError(409, 'AUCTION_CLOSED', 'This auction has closed; no more bids.'),
  paused: () => new DomainError(409, 'AUCTION_PAUSED', 'The draft is paused: bids wait until the commissioner resumes it.'),
  maxBidsOff: () => new DomainError(409, 'MAX_BIDS_OFF', 'This league does not use standing max bids.'),
  alreadyLeading: () => new DomainError(422, 'ALREADY_LEADING', 'You already lead this auction.'),
  tooLow: (minBid: number) =>
    new DomainError(422, 'BID_TOO_LOW', `The lowest bid accepted now is €${minBid.toLocaleString('en')}.`, { minBid }),
  rosterFull: () => new DomainError(422, 'ROSTER_FULL', 'Your roster is full, counting the auctions you lead.'),
  positionFull: (position: string) =>
    new DomainError(422, 'POSITION_FULL', `You have no room for another ${position}, counting the auctions you lead.`, { position }),
  insufficientBudget: (available: number) =>
    new DomainError(422, 'INSUFFICIENT_BUDGET', `You can bid at most €${available.toLocaleString('en')} now.`, { available }),
  unavailable: () => new DomainError(409, 'PLAYER_UNAVAILABLE', 'This player is already owned in this league or on auction there.'),
};
