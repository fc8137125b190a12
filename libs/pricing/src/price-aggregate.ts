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

/**
 * A player's price from his reports: the weighted mean of each report's figure (the middle of a
 * range), weighted by kind × recency, rounded to whole euros. Weights only share out the price
 * among reports, so one report alone prices the player at its figure, however old it is.
 */
export function aggregatePrice(reports: readonly PricedReport[], now: Date): number | null {
  if (reports.length === 0) return null;
  let weighted = 0;
  let total = 0;
  for (const report of reports) {
    const ageDays = Math.max(0, (now.getTime() - report.publishedAt.getTime()) / DAY_MS);
    const weight = KIND_WEIGHT[report.kind] * 0.5 ** (ageDays / RECENCY_HALF_LIFE_DAYS);
    weighted += weight * ((report.eurMin + report.eurMax) / 2);
    total += weight;
  }
  // Weights can underflow to 0 for reports many years old: fall back to the plain mean.
  const price = total > 0 ? weighted / total : reports.reduce((sum, r) => sum + (r.eurMin + r.eurMax) / 2, 0) / reports.length;
  return Math.max(1, Math.round(price));
}
