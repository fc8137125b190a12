import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { FEE_KINDS } from './extract/index.js';
import { aggregatePrice, heldReason } from './price-aggregate.js';

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

  it('the README example: one wild figure cannot drag the price, a fresh agreed fee outweighs older asks', () => {
    // asking €25M 180 days ago (0.8 × ½ = 0.4), offer €27M 90 days ago (0.7 × ½^0.5 ≈ 0.495),
    // agreed €30M today (1.0), and a misread "€2,900M" valuation today (0.6). Total 2.495, half 1.2475:
    // sorted 25M (0.4), 27M (0.895), 30M (1.895 ≥ 1.2475) → €30,000,000. The weighted mean would be ≈ €719M.
    const reports = [
      { kind: 'asking', eurMin: 25_000_000, eurMax: 25_000_000, publishedAt: daysAgo(180) },
      { kind: 'offer', eurMin: 27_000_000, eurMax: 27_000_000, publishedAt: daysAgo(90) },
      { kind: 'agreed', eurMin: 30_000_000, eurMax: 30_000_000, publishedAt: now },
      { kind: 'valuation', eurMin: 2_900_000_000, eurMax: 2_900_000_000, publishedAt: now },
    ] as const;
    expect(aggregatePrice(reports, now)).toBe(30_000_000);
    // Without the agreed fee: 25M (0.4), 27M (0.895 ≥ 0.7475) → €27,000,000.
    expect(aggregatePrice([reports[0], reports[1], reports[3]], now)).toBe(27_000_000);
  });

  it('two figures of equal weight price at their middle', () => {
    const two = [
      { kind: 'asking', eurMin: 20_000_000, eurMax: 20_000_000, publishedAt: now },
      { kind: 'asking', eurMin: 30_000_000, eurMax: 30_000_000, publishedAt: now },
    ] as const;
    expect(aggregatePrice(two, now)).toBe(25_000_000);
  });

  it('a single outlier among three equal reports never moves the price past the others', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 12 }), (outlier) => {
        const reports = [25_000_000, 26_000_000, outlier].map((eur) => ({
          kind: 'asking' as const,
          eurMin: eur,
          eurMax: eur,
          publishedAt: now,
        }));
        const price = aggregatePrice(reports, now)!;
        expect(price).toBeGreaterThanOrEqual(Math.min(25_000_000, outlier));
        expect(price).toBeLessThanOrEqual(26_000_000);
      }),
    );
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

describe('heldReason', () => {
  const bounds = { factor: 3, ceilingEur: 250_000_000 };
  const at = (eur: number) => ({ eurMin: eur, eurMax: eur });

  it('lets a figure within ×3 of the reported price through, either way', () => {
    expect(heldReason(at(75_000_000), 25_000_000, bounds)).toBeNull();
    expect(heldReason(at(8_400_000), 25_000_000, bounds)).toBeNull();
  });

  it('holds a figure more than ×3 away, either way', () => {
    expect(heldReason(at(75_000_001), 25_000_000, bounds)).toMatch(/3× away/);
    expect(heldReason(at(1_000_000), 25_000_000, bounds)).toMatch(/3× away/);
  });

  it('holds anything above the ceiling, even for a player the news has never priced', () => {
    expect(heldReason(at(2_900_000_000), null, bounds)).toMatch(/ceiling/);
    expect(heldReason({ eurMin: 200_000_000, eurMax: 260_000_000 }, null, bounds)).toMatch(/ceiling/);
    expect(heldReason(at(222_000_000), null, bounds)).toBeNull();
  });
});
