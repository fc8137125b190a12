import { describe, expect, it } from '@jest/globals';
import { CHART_BOX, chartGeometry, MIN_GAP } from './price-chart.js';

const day = 24 * 60 * 60 * 1000;
const at = (ms: number) => new Date(ms).toISOString();
const t0 = Date.parse('2022-05-16T08:00:00Z');

describe('chartGeometry: the step chart of a price history', () => {
  it('has nothing to draw without points', () => {
    expect(chartGeometry([], t0)).toEqual({ dots: [], line: '', max: 0, min: 0 });
  });

  it('puts a lone price in the middle, with no line', () => {
    const { dots, line } = chartGeometry([{ at: at(t0), priceEur: 25_000_000 }], t0 + day);
    expect(dots).toHaveLength(1);
    expect(dots[0]!.x).toBeCloseTo((CHART_BOX.left + CHART_BOX.right) / 2, 0);
    expect(dots[0]!.y).toBeCloseTo((CHART_BOX.top + CHART_BOX.bottom) / 2, 0);
    expect(line).toBe('');
  });

  it('steps: each price holds until the next, the last one to the right edge; higher prices sit higher', () => {
    const points = [
      { at: at(t0), priceEur: 25_000_000 },
      { at: at(t0 + 10 * day), priceEur: 30_000_000 },
    ];
    const { dots, line, max, min } = chartGeometry(points, t0 + 20 * day);
    expect([max, min]).toEqual([30_000_000, 25_000_000]);
    expect(dots[0]).toMatchObject({ x: CHART_BOX.left, y: CHART_BOX.bottom });
    expect(dots[1]).toMatchObject({ x: (CHART_BOX.left + CHART_BOX.right) / 2, y: CHART_BOX.top });
    expect(line).toBe(`M${dots[0]!.x} ${dots[0]!.y} H${dots[1]!.x} V${dots[1]!.y} H${CHART_BOX.right}`);
  });

  it('spreads prices made at the same moment so each dot can be tapped, in order, inside the plot', () => {
    const points = Array.from({ length: 5 }, (_, i) => ({ at: at(t0 + i), priceEur: 1_000_000 * (i + 1) }));
    const { dots } = chartGeometry(points, t0 + 5);
    for (let i = 1; i < dots.length; i++) expect(dots[i]!.x - dots[i - 1]!.x).toBeGreaterThanOrEqual(MIN_GAP - 0.1);
    expect(Math.min(...dots.map((d) => d.x))).toBeGreaterThanOrEqual(CHART_BOX.left);
    expect(Math.max(...dots.map((d) => d.x))).toBeLessThanOrEqual(CHART_BOX.right);
  });

  it('fits many points inside the plot', () => {
    const points = Array.from({ length: 100 }, (_, i) => ({ at: at(t0 + i * day), priceEur: 1_000_000 + (i % 7) * 100_000 }));
    const { dots } = chartGeometry(points, t0 + 100 * day);
    expect(dots[0]!.x).toBeGreaterThanOrEqual(CHART_BOX.left);
    expect(dots.at(-1)!.x).toBeLessThanOrEqual(CHART_BOX.right);
    for (let i = 1; i < dots.length; i++) expect(dots[i]!.x).toBeGreaterThan(dots[i - 1]!.x);
  });
});
