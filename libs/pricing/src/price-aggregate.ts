import type { FeeKind } from './extract/index.js';

/**
 * How much each kind of report says about what a player is worth. An agreed fee is a price that
 * was paid; an asking price and an offer bracket it; a valuation is an opinion; a release clause is
 * a ceiling the seller sets; a loan fee is a fraction of a transfer.
 */
export const KIND_WEIGHT: Readonly<Record<FeeKind, number>> = Object.freeze({
  agreed: 1.0,
  asking: 0.8,
  offer: 0.7,
  valuation: 0.6,
  loan: 0.5,
  release_clause: 0.4,
});

/** A report loses half its weight every 180 days. */
export const RECENCY_HALF_LIFE_DAYS = 180;

export interface PricedReport {
  kind: FeeKind;
  eurMin: number;
  eurMax: number;
  publishedAt: Date;
}

const DAY_MS = 86_400_000;

/** How much a report counts today: its kind's weight, halved every RECENCY_HALF_LIFE_DAYS. */
export function reportWeight(report: PricedReport, now: Date): number {
  const ageDays = Math.max(0, (now.getTime() - report.publishedAt.getTime()) / DAY_MS);
  return KIND_WEIGHT[report.kind] * 0.5 ** (ageDays / RECENCY_HALF_LIFE_DAYS);
}

/** A report's figure: the middle of its range. */
export const figureOf = (report: Pick<PricedReport, 'eurMin' | 'eurMax'>) => (report.eurMin + report.eurMax) / 2;

/**
 * A player's price from his reports: the weighted median of their figures (the middle of a range),
 * weighted by kind × recency, rounded to whole euros. A median, not a mean, so that one wild figure
 * (a typo, a misread "2.900 milioni") cannot drag the price: it has to outweigh all the others
 * together. When the weights split exactly in half between two figures, the price is their middle.
 * One report alone prices the player at its figure, however old it is.
 */
export function aggregatePrice(reports: readonly PricedReport[], now: Date): number | null {
  if (reports.length === 0) return null;
  let weighted = reports.map((report) => ({ figure: figureOf(report), weight: reportWeight(report, now) }));
  // Weights can underflow to 0 for reports many years old: then every report counts the same.
  if (!weighted.some((r) => r.weight > 0)) weighted = weighted.map((r) => ({ ...r, weight: 1 }));
  weighted.sort((a, b) => a.figure - b.figure);
  const half = weighted.reduce((sum, r) => sum + r.weight, 0) / 2;
  let below = 0;
  for (let i = 0; i < weighted.length; i += 1) {
    below += weighted[i]!.weight;
    if (Math.abs(below - half) <= half * 1e-9 && i + 1 < weighted.length) {
      return Math.max(1, Math.round((weighted[i]!.figure + weighted[i + 1]!.figure) / 2));
    }
    if (below >= half) return Math.max(1, Math.round(weighted[i]!.figure));
  }
  return Math.max(1, Math.round(weighted.at(-1)!.figure)); // not reached: the weights add up to 2 × half
}

/** Where a report must wait for an admin before it prices anyone. */
export interface PriceBounds {
  /** A report whose figure is more than this many times above or below the player's reported price is held. */
  readonly factor: number;
  /** A report whose figure is above this is held, whatever the player's price. */
  readonly ceilingEur: number;
}

/**
 * Why a report would be held, or null when it may price the player at once. `current` is the
 * player's reported price (null while only the position default prices him: a default says nothing
 * about what a club would pay, so only the ceiling applies to a first report).
 */
export function heldReason(report: Pick<PricedReport, 'eurMin' | 'eurMax'>, current: number | null, bounds: PriceBounds): string | null {
  const figure = figureOf(report);
  if (report.eurMax > bounds.ceilingEur) {
    return `the figure (€${Math.round(report.eurMax).toLocaleString('en')}) is above the ceiling of €${bounds.ceilingEur.toLocaleString('en')}`;
  }
  if (current !== null && (figure > current * bounds.factor || figure * bounds.factor < current)) {
    return `the figure (€${Math.round(figure).toLocaleString('en')}) is more than ${bounds.factor}× away from the reported price (€${current.toLocaleString('en')})`;
  }
  return null;
}
