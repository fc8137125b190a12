import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { availableToBid, DEFAULT_RULES, ruleProblems } from './league-rules.js';

describe('league rules', () => {
  it('accepts the defaults', () => {
    expect(ruleProblems(DEFAULT_RULES)).toEqual([]);
  });

  it('refuses quotas that cannot make the roster size', () => {
    const rules = { ...DEFAULT_RULES, roster: { ...DEFAULT_RULES.roster, size: 30 } };
    expect(ruleProblems(rules).map((p) => p.field)).toEqual(['roster.size']);
    const tight = { ...DEFAULT_RULES, roster: { ...DEFAULT_RULES.roster, size: 20 } };
    expect(ruleProblems(tight).map((p) => p.field)).toEqual(['roster.size']);
  });

  it('refuses a budget that cannot fill the roster at the minimum price', () => {
    expect(ruleProblems({ ...DEFAULT_RULES, budget: 24_000_000 }).map((p) => p.field)).toEqual(['budget']);
  });

  it('keeps the minimum price for every other empty slot', () => {
    // €300M, nothing spent, 25 empty slots: 24 must stay fundable at €1M.
    expect(availableToBid({ budget: 300_000_000, committed: 0, ownedCount: 0, leadingCount: 0, rosterSize: 25, minPrice: 1_000_000 })).toBe(
      276_000_000,
    );
    // The last empty slot can take everything left.
    expect(
      availableToBid({ budget: 10_000_000, committed: 2_000_000, ownedCount: 23, leadingCount: 1, rosterSize: 25, minPrice: 1_000_000 }),
    ).toBe(8_000_000);
  });

  it('a bid up to available always leaves the empty slots fundable (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 49 }),
        fc.integer({ min: 0, max: 49 }),
        fc.integer({ min: 0, max: 1_000_000_000 }),
        (rosterSize, minPrice, owned, leading, extra) => {
          fc.pre(owned + leading < rosterSize);
          const budget = minPrice * rosterSize + extra;
          const committed = minPrice * leading;
          const m = { budget, committed, ownedCount: owned, leadingCount: leading, rosterSize, minPrice };
          const available = availableToBid(m);
          fc.pre(available >= minPrice);
          // After winning a bid of `available`, the remaining empty slots still cost at most what is left.
          const left = budget - committed - available;
          expect(left).toBeGreaterThanOrEqual(minPrice * Math.max(0, rosterSize - owned - leading - 1));
        },
      ),
    );
  });
});
