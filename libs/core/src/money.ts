/** Money is a whole number of euros everywhere in the game. */
export type Euros = number;

/** Rounds an amount up to the next multiple of `step` (both whole euros, step ≥ 1). */
export function roundUpTo(amount: Euros, step: Euros): Euros {
  if (step < 1) throw new RangeError('step must be at least 1');
  return Math.ceil(amount / step) * step;
}
