import { DomainError, NotFoundError } from '@fantamercato/core';

export const draftRefusals = {
  notTurns: () =>
    new DomainError(
      409,
      'NOT_A_TURNS_LEAGUE',
      "This league's market is open (anyone opens an auction): a draft runs only in a turns league.",
    ),
  notFound: () => new NotFoundError('The draft', 'DRAFT_NOT_FOUND'),
  alreadyRunning: () => new DomainError(409, 'DRAFT_ALREADY_RUNNING', 'A draft is already under way in this league; end it first.'),
  notRunning: () =>
    new DomainError(
      409,
      'DRAFT_NOT_RUNNING',
      "This league's market runs in turns and no draft is under way: players are called during one.",
    ),
  paused: () => new DomainError(409, 'DRAFT_PAUSED', 'The draft is paused; the commissioner resumes it.'),
  notPaused: () => new DomainError(409, 'DRAFT_NOT_PAUSED', 'The draft is not paused.'),
  notYourTurn: (onClock: string | null, lotAuctionId: string | null) =>
    new DomainError(
      409,
      'NOT_YOUR_TURN',
      lotAuctionId ? 'A lot is being auctioned; the next player is called when it closes.' : 'Another manager is on the clock.',
      { onClock, lotAuctionId },
    ),
};
