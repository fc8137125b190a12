/**
 * The geometry of a price history's step chart, in the SVG's own units (its viewBox): pure, so it is
 * tested without a browser. Time runs left to right up to now; each price holds until the next one
 * (a horizontal step, then a vertical one), and the last holds to the right edge.
 */
export interface ChartBox {
  width: number;
  height: number;
  /** The plot area inside the box (labels go around it). */
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const CHART_BOX: ChartBox = { width: 320, height: 132, left: 52, right: 308, top: 12, bottom: 106 };

/** Dots closer than this (in viewBox units) could not each be tapped: they are spread, keeping their order. */
export const MIN_GAP = 24;

export interface ChartDot<P> {
  x: number;
  y: number;
  point: P;
}

export interface ChartGeometry<P> {
  dots: ChartDot<P>[];
  /** The step line's `d`, empty with fewer than one dot. */
  line: string;
  /** The highest and lowest price, for the axis labels. */
  max: number;
  min: number;
}

const round = (n: number) => Math.round(n * 10) / 10;

export function chartGeometry<P extends { at: string; priceEur: number }>(
  points: readonly P[],
  now: number,
  box: ChartBox = CHART_BOX,
): ChartGeometry<P> {
  if (points.length === 0) return { dots: [], line: '', max: 0, min: 0 };
  const times = points.map((p) => Date.parse(p.at));
  const first = times[0]!;
  const end = Math.max(now, times.at(-1)!);
  const span = end - first;
  const width = box.right - box.left;
  const xs = times.map((t) => (points.length === 1 ? box.left + width / 2 : box.left + (span > 0 ? ((t - first) / span) * width : 0)));
  // Spread dots too close together: forward (at least a gap after the previous), then back from the right edge.
  const gap = points.length > 1 ? Math.min(MIN_GAP, width / (points.length - 1)) : 0;
  for (let i = 1; i < xs.length; i++) xs[i] = Math.max(xs[i]!, xs[i - 1]! + gap);
  xs[xs.length - 1] = Math.min(xs.at(-1)!, box.right);
  for (let i = xs.length - 2; i >= 0; i--) xs[i] = Math.min(xs[i]!, xs[i + 1]! - gap);

  const prices = points.map((p) => p.priceEur);
  const max = Math.max(...prices);
  const min = Math.min(...prices);
  const height = box.bottom - box.top;
  const y = (eur: number) => (max === min ? box.top + height / 2 : box.bottom - ((eur - min) / (max - min)) * height);
  const dots = points.map((point, i) => ({ x: round(xs[i]!), y: round(y(point.priceEur)), point }));

  const steps = dots.map((d, i) => (i === 0 ? `M${d.x} ${d.y}` : `H${d.x} V${d.y}`));
  const line = dots.length > 1 ? `${steps.join(' ')} H${box.right}` : '';
  return { dots, line, max, min };
}
