import { describe, expect, it } from '@jest/globals';
import type { ErrorAnswer } from '../api.js';
import { refusalText } from './refusal.js';

const tooLow = (minBid: number): ErrorAnswer => ({ code: 'BID_TOO_LOW', message: 'too low', minBid });

describe('refusalText: what happened, from the refusal and what the room showed at the tap', () => {
  it('a bid under the lowest the room showed is too low, by how much — nobody bid first', () => {
    // €26M on the board, nobody else bidding, the manager types 20.
    expect(refusalText({ amount: 20_000_000 }, tooLow(26_500_000), 26_500_000)).toBe(
      '€20,000,000 is too low: the lowest bid is €26,500,000 (€6.5M more).',
    );
  });
  it('a lowest bid above what the room showed means someone bid first', () => {
    expect(refusalText({ amount: 27_000_000 }, tooLow(27_500_000), 27_000_000)).toBe(
      'Someone bid first — the lowest bid is now €27,500,000.',
    );
  });
  it('"+1 up to" a limit: below the lowest, or overtaken', () => {
    expect(refusalText({ upTo: 20_000_000 }, tooLow(26_500_000), 26_500_000)).toBe(
      'Your limit of €20,000,000 is below the lowest bid, €26,500,000.',
    );
    expect(refusalText({ upTo: 27_000_000 }, tooLow(27_500_000), 27_000_000)).toBe(
      'Someone bid first — the lowest bid is now €27,500,000, above your limit of €27,000,000.',
    );
  });
  it('other refusals in their own words', () => {
    expect(refusalText({ amount: 1 }, { code: 'INSUFFICIENT_BUDGET', message: 'x', available: 5_000_000 }, 1)).toContain(
      'the most you can bid now is €5,000,000',
    );
    expect(refusalText({ amount: 1 }, { code: 'AUCTION_CLOSED', message: 'x' }, 1)).toBe('Too late — this auction has closed.');
  });
});
