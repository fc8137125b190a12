import { describe, expect, it } from '@jest/globals';
import { parseMoney } from './money.js';

describe('parseMoney: an amount typed the way people say it', () => {
  it.each([
    ['27', 27_000_000],
    ['27.5', 27_500_000],
    ['27,5', 27_500_000],
    ['27,5 mln', 27_500_000],
    ['27M', 27_000_000],
    ['€27.5m', 27_500_000],
    ['27 milioni', 27_000_000],
    ['26.6 millones', 26_600_000],
    ['500K', 500_000],
    ['0.5', 500_000],
    ['27.500.000', 27_500_000],
    ['27,500,000', 27_500_000],
    ['27500000', 27_500_000],
    ['1.250.000,50', 1_250_001],
    [' 30 ', 30_000_000],
    ['27 500 000 €', 27_500_000],
  ])('%s → €%d', (text, euros) => {
    expect(parseMoney(text)).toBe(euros);
  });

  it.each(['', 'abc', '0', '-5', '27..5', '27.50.0', '1e9', 'M', '27 bananas', '1,2,3'])('refuses %p', (text) => {
    expect(parseMoney(text)).toBeNull();
  });
});
