import type { ValueTransformer } from 'typeorm';

/** bigint columns come back from pg as strings; money in the game is a safe integer of euros. */
export const bigintEuros: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => {
    if (value === null) return null;
    const euros = Number(value);
    if (!Number.isSafeInteger(euros)) throw new RangeError(`amount ${value} is outside the safe integer range`);
    return euros;
  },
};
