import type { AuctionRules, MarketRules, Position, QuietHours, RosterRules } from '@fantamercato/contract';

export const POSITIONS: readonly Position[] = ['GK', 'DEF', 'MID', 'FWD'];

export type { AuctionRules, MarketRules, RosterRules } from '@fantamercato/contract';

export interface LeagueRules {
  maxManagers: number;
  budget: number;
  roster: RosterRules;
  auction: AuctionRules;
  market: MarketRules;
  quietHours: QuietHours | null;
}

/** The contract's defaults: a classic 25-man Fantacalcio squad on a €300M budget. */
export const DEFAULT_RULES: LeagueRules = Object.freeze({
  maxManagers: 10,
  budget: 300_000_000,
  roster: { size: 25, GK: [3, 3], DEF: [8, 8], MID: [8, 8], FWD: [6, 6] },
  auction: { durationSeconds: 60, extendSeconds: 10, minIncrement: 500_000, minPrice: 1_000_000, maxBids: false },
  market: {
    mode: 'open',
    releaseRefund: 'half',
    sealedTieBreak: 'earliest',
    tradeReviewSeconds: 0,
    competitions: ['IT1'],
    transferRefund: 'full',
  },
  quietHours: null,
}) as LeagueRules;

/**
 * Problems with a set of rules that single fields cannot show: quotas that do not add up to the
 * roster size, or a budget that cannot fill the roster at the minimum price.
 */
export function ruleProblems(rules: LeagueRules): { field: string; problems: string[] }[] {
  const problems: { field: string; problems: string[] }[] = [];
  const { roster } = rules;
  for (const position of POSITIONS) {
    const [min, max] = roster[position];
    if (min > max) problems.push({ field: `roster.${position}`, problems: [`roster.${position} minimum must not exceed its maximum`] });
  }
  const mins = POSITIONS.reduce((sum, p) => sum + roster[p][0], 0);
  const maxes = POSITIONS.reduce((sum, p) => sum + roster[p][1], 0);
  if (mins > roster.size)
    problems.push({ field: 'roster.size', problems: [`the position minimums (${mins}) exceed roster.size (${roster.size})`] });
  if (maxes < roster.size)
    problems.push({ field: 'roster.size', problems: [`the position maximums (${maxes}) cannot fill roster.size (${roster.size})`] });
  if (rules.quietHours && rules.quietHours.from === rules.quietHours.to) {
    problems.push({ field: 'quietHours', problems: ['quietHours.from and quietHours.to must differ'] });
  }
  if (rules.auction.minPrice * roster.size > rules.budget) {
    problems.push({
      field: 'budget',
      problems: [`budget must cover roster.size × auction.minPrice (${rules.auction.minPrice * roster.size})`],
    });
  }
  return problems;
}

/** The most a manager may bid now on a player they do not lead (the contract's budget rule). */
export function availableToBid(m: {
  budget: number;
  committed: number;
  ownedCount: number;
  leadingCount: number;
  rosterSize: number;
  minPrice: number;
}): number {
  return m.budget - m.committed - m.minPrice * Math.max(0, m.rosterSize - m.ownedCount - m.leadingCount - 1);
}
