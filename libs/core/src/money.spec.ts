import { describe, expect, it } from '@jest/globals';
import { roundUpTo } from './money.js';

describe('money', () => {
  it('rounds a price up to the league increment', () => {
    expect(roundUpTo(25_000_000, 500_000)).toBe(25_000_000);
    expect(roundUpTo(25_000_001, 500_000)).toBe(25_500_000);
  });
});
