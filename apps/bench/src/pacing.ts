/**
 * Human pacing for bench:draft — the distributions a simulated manager draws his timing from.
 * See the comment at the top of draft-night-bench.ts for the model as a whole.
 */

/** A standard normal draw (Box–Muller). */
function normal(): number {
  let u = 0;
  while (u === 0) u = Math.random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * Math.random());
}

/** Log-normal think time in ms: `median` · e^(σ·z), clipped to [min, max]. */
export function thinkMs(median: number, sigma: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, median * Math.exp(sigma * normal())));
}

export const uniform = (a: number, b: number) => a + Math.random() * (b - a);

export const chance = (p: number) => Math.random() < p;

export interface Pacing {
  /** a manager on the clock: from draft.turn to his call */
  callThink: () => number;
  /** probability the caller opens his own lot with a bid (at the opening price) */
  openWithBid: number;
  /** probability that a manager other than the caller wants this player at all */
  interest: number;
  /** after each raise, probability an interested manager is still interested */
  keepInterest: number;
  /** probability a bid is a late one, aimed at the last seconds before the deadline */
  late: number;
  /** a reaction to the last bid: from the bid.accepted event to his bid */
  reactThink: () => number;
  /** how long before the deadline a late bid is aimed, ms */
  lateLead: () => number;
  /** probability a bid is sent as {upTo} rather than an exact amount */
  upTo: number;
}

export const HUMAN: Pacing = {
  callThink: () => thinkMs(3000, 0.5, 500, 15_000),
  openWithBid: 0.8,
  interest: 0.5,
  keepInterest: 0.85,
  late: 0.3,
  reactThink: () => thinkMs(2000, 0.6, 250, 10_000),
  lateLead: () => uniform(300, 2000),
  upTo: 0.2,
};
