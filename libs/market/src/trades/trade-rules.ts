import type { Position, RosterRules } from '@fantamercato/contract';
import { POSITIONS } from '@fantamercato/leagues';

/** One side of a trade as its rules see it: what he holds now, what leaves, what comes, the money in (negative: out). */
export interface TradeSide {
  held: Record<Position, number>;
  out: readonly Position[];
  in: readonly Position[];
  money: {
    budget: number;
    committed: number;
    ownedCount: number;
    leadingCount: number;
    rosterSize: number;
    minPrice: number;
    delta: number;
  };
}

/**
 * Why a squad could not take the trade, or null: more players than places, a position over its
 * maximum, or minimums that could no longer all be met (the quota rule a bid obeys, applied to the
 * squad after the swap). Holdings count the auctions he leads, as for a bid.
 */
export function squadProblem(
  roster: RosterRules,
  rosterSize: number,
  side: Pick<TradeSide, 'held' | 'out' | 'in'>,
): Position | 'size' | null {
  const after = { ...side.held };
  for (const p of side.out) after[p] -= 1;
  for (const p of side.in) after[p] += 1;
  const total = POSITIONS.reduce((n, p) => n + after[p], 0);
  if (total > rosterSize) return 'size';
  for (const p of side.in) if (after[p] > roster[p][1]) return p;
  // After the swap he must still be able to reach every minimum within the places left.
  if (POSITIONS.reduce((n, p) => n + Math.max(after[p], roster[p][0]), 0) > rosterSize) return 'size';
  return null;
}

/**
 * Whether the money side still leaves him able to fill his squad at the minimum price (the rule
 * `memberships_affordable_check` holds in the database): his budget after the money, less what he
 * has committed, covers every open place after the swap.
 */
export function affordsTrade(m: TradeSide['money'], ownedDelta: number): boolean {
  const budget = m.budget + m.delta;
  const open = Math.max(0, m.rosterSize - (m.ownedCount + ownedDelta) - m.leadingCount);
  return budget >= 0 && budget - m.committed - m.minPrice * open >= 0;
}
