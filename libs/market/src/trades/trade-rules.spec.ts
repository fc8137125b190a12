import { describe, expect, it } from '@jest/globals';
import { affordsTrade, squadProblem } from './trade-rules.js';

const roster = { size: 5, GK: [1, 1], DEF: [1, 2], MID: [1, 2], FWD: [0, 2] } as const satisfies Parameters<typeof squadProblem>[0];
const held = (GK: number, DEF: number, MID: number, FWD: number) => ({ GK, DEF, MID, FWD });

describe('squadProblem', () => {
  it('lets a swap within the quotas through', () => {
    expect(squadProblem(roster, 5, { held: held(1, 2, 1, 0), out: ['DEF'], in: ['MID'] })).toBeNull();
  });
  it('names the position pushed over its maximum', () => {
    expect(squadProblem(roster, 5, { held: held(1, 2, 1, 0), out: ['MID'], in: ['DEF'] })).toBe('DEF');
  });
  it('refuses more players than places', () => {
    expect(squadProblem(roster, 5, { held: held(1, 2, 1, 0), out: [], in: ['FWD'] })).toBeNull();
    expect(squadProblem(roster, 5, { held: held(1, 2, 1, 0), out: [], in: ['FWD', 'FWD'] })).toBe('size');
  });
  it('refuses a squad that could no longer meet every minimum', () => {
    // No goalkeeper yet and four places taken: a fifth outfield player leaves no place for him.
    expect(squadProblem(roster, 5, { held: held(0, 2, 2, 0), out: [], in: ['FWD'] })).toBe('size');
    expect(squadProblem(roster, 5, { held: held(0, 2, 2, 0), out: [], in: ['GK'] })).toBeNull();
  });
});

describe('affordsTrade', () => {
  const m = { budget: 10, committed: 2, ownedCount: 1, leadingCount: 1, rosterSize: 5, minPrice: 1, delta: 0 };
  it('keeps enough to fill every open place at the minimum price, counting what he leads', () => {
    expect(affordsTrade({ ...m, delta: -5 }, 0)).toBe(true); // 5 − 2 − 3 places × 1 = 0
    expect(affordsTrade({ ...m, delta: -6 }, 0)).toBe(false);
    expect(affordsTrade({ ...m, delta: -6 }, 1)).toBe(true); // one more player: one place fewer to fill
    expect(affordsTrade({ ...m, delta: -5 }, -1)).toBe(false); // one player fewer: one more place
  });
  it('never below zero', () => {
    expect(affordsTrade({ ...m, committed: 0, ownedCount: 5, leadingCount: 0, delta: -11 }, 0)).toBe(false);
  });
});
