import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DEFAULT_RULES } from '@fantamercato/leagues';
import { refuseBid, type BidContext } from './bid-rules.js';

const base = (): BidContext => ({
  amount: 25_000_000,
  bidderId: 'u1',
  auction: { open: true, highBid: null, highBidderId: null, openingPrice: 25_000_000, minIncrement: 500_000, position: 'DEF' },
  bidder: { budget: 300_000_000, committed: 0, ownedCount: 0, leadingCount: 0, rosterSize: 25, minPrice: 1_000_000 },
  held: { GK: 0, DEF: 0, MID: 0, FWD: 0 },
  roster: DEFAULT_RULES.roster,
});

const codeOf = (c: BidContext) => refuseBid(c)?.code ?? 'ACCEPTED';

describe('bid rules', () => {
  it('accepts an opening bid at the opening price', () => {
    expect(codeOf(base())).toBe('ACCEPTED');
  });

  it('checks in the contract order: closed, leading, too low, roster, position, budget', () => {
    const everythingWrong: BidContext = {
      ...base(),
      amount: 1,
      auction: { ...base().auction, open: false, highBid: 30_000_000, highBidderId: 'u1' },
      bidder: { ...base().bidder, ownedCount: 25 },
      held: { GK: 0, DEF: 8, MID: 2, FWD: 0 },
    };
    expect(codeOf(everythingWrong)).toBe('AUCTION_CLOSED');
    expect(codeOf({ ...everythingWrong, auction: { ...everythingWrong.auction, open: true } })).toBe('ALREADY_LEADING');
    expect(codeOf({ ...everythingWrong, auction: { ...everythingWrong.auction, open: true, highBidderId: 'u2' } })).toBe('BID_TOO_LOW');
    const highEnough = { ...everythingWrong, amount: 30_500_000, auction: { ...everythingWrong.auction, open: true, highBidderId: 'u2' } };
    expect(codeOf(highEnough)).toBe('ROSTER_FULL');
    expect(codeOf({ ...highEnough, bidder: { ...highEnough.bidder, ownedCount: 10 } })).toBe('POSITION_FULL');
    expect(codeOf({ ...highEnough, bidder: { ...highEnough.bidder, ownedCount: 10, budget: 20_000_000 }, held: { GK: 0, DEF: 2, MID: 8, FWD: 0 } })).toBe('INSUFFICIENT_BUDGET');
  });

  it('keeps the last slots for the positions still below their minimum', () => {
    const roster = { size: 3, GK: [1, 1], DEF: [0, 3], MID: [0, 3], FWD: [0, 3] } as BidContext['roster'];
    const twoDefenders: BidContext = { ...base(), roster, bidder: { ...base().bidder, rosterSize: 3, ownedCount: 2 }, held: { GK: 0, DEF: 2, MID: 0, FWD: 0 } };
    expect(codeOf(twoDefenders)).toBe('POSITION_FULL');
    expect(codeOf({ ...twoDefenders, auction: { ...twoDefenders.auction, position: 'GK' } })).toBe('ACCEPTED');
  });

  it('says the lowest bid that would be accepted', () => {
    const refusal = refuseBid({ ...base(), amount: 30_000_000, auction: { ...base().auction, highBid: 30_000_000, highBidderId: 'u2' } });
    expect(refusal?.details).toEqual({ minBid: 30_500_000 });
  });

  it('never accepts a bid that would leave the empty slots unfundable (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 300_000_000 }),
        fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 0, max: 24 }),
        (amount, committed, owned, leading) => {
          fc.pre(owned + leading <= 25);
          const c: BidContext = {
            ...base(),
            amount,
            auction: { ...base().auction, openingPrice: 1 },
            bidder: { ...base().bidder, committed, ownedCount: owned, leadingCount: leading },
            held: { GK: 0, DEF: 0, MID: 0, FWD: 0 },
          };
          if (refuseBid(c) === null) {
            const after = { committed: committed + amount, slots: 25 - owned - leading - 1 };
            expect(300_000_000 - after.committed - 1_000_000 * Math.max(0, after.slots)).toBeGreaterThanOrEqual(0);
            expect(owned + leading + 1).toBeLessThanOrEqual(25);
          }
        },
      ),
    );
  });
});
