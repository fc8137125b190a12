import { Transform } from 'class-transformer';

/**
 * A whole-number query parameter clamped into [min, max] — lists clamp out-of-range values rather
 * than refuse them (the contract). Something that is not a number is left as is, for @IsInt to refuse.
 */
export function ClampedInt(min: number, max: number): PropertyDecorator {
  return Transform(({ value }) => {
    if (value === undefined || value === '') return undefined;
    const n = Number(value);
    return Number.isFinite(n) ? Math.min(max, Math.max(min, Math.trunc(n))) : value;
  });
}
