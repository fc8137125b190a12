import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { FEE_KINDS } from './extract/index.js';
import { aggregatePrice } from './price-aggregate.js';

const now = new Date('2026-11-25T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

describe('aggregatePrice', () => {
  it('has no price without reports', () => {
    expect(aggregatePrice([], now)).toBeNull();
  });

  it('prices a lone report at its figure, however old and whatever its kind', () => {
    for (const kind of FEE_KINDS) {
      expect(aggregatePrice([{ kind, eurMin: 25_000_000, eurMax: 25_000_000, publishedAt: daysAgo(3000) }], now)).toBe(25_000_000);
    }
  });

  it('takes the middle of a range', () => {
    expect(aggregatePrice([{ kind: 'asking', eurMin: 20_000_000, eurMax: 25_000_000, publishedAt: now }], now)).toBe(22_500_000);
  });

  it('the README example: a fresh agreed fee outweighs an older asking price', () => {
    // asking €25M 180 days ago: weight 0.8 × 0.5 = 0.4; agreed €30M today: weight 1.0
    // (0.4 × 25M + 1.0 × 30M) / 1.4 = 28,571,428.57… → €28,571,429
    const price = aggregatePrice(
      [
        { kind: 'asking', eurMin: 25_000_000, eurMax: 25_000_000, publishedAt: daysAgo(180) },
        { kind: 'agreed', eurMin: 30_000_000, eurMax: 30_000_000, publishedAt: now },
      ],
      now,
    );
    expect(price).toBe(28_571_429);
  });

  it('always lands between the lowest and the highest figure, as a whole number of euros', () => {
    const report = fc.record({
      kind: fc.constantFrom(...FEE_KINDS),
      eurMin: fc.integer({ min: 1, max: 500_000_000 }),
      spread: fc.integer({ min: 0, max: 100_000_000 }),
      age: fc.integer({ min: 0, max: 20_000 }),
    });
    fc.assert(
      fc.property(fc.array(report, { minLength: 1, maxLength: 20 }), (raw) => {
        const reports = raw.map((r) => ({ kind: r.kind, eurMin: r.eurMin, eurMax: r.eurMin + r.spread, publishedAt: daysAgo(r.age) }));
        const price = aggregatePrice(reports, now)!;
        expect(Number.isSafeInteger(price)).toBe(true);
        expect(price).toBeGreaterThanOrEqual(Math.min(...reports.map((r) => r.eurMin)));
        expect(price).toBeLessThanOrEqual(Math.max(...reports.map((r) => r.eurMax)));
      }),
    );
  });
});
