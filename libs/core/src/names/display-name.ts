import { registerDecorator, type ValidationOptions } from 'class-validator';
import { Transform } from 'class-transformer';

/** What a name shown to other managers may hold: 2–32 visible characters (grapheme clusters). */
export const DISPLAY_NAME_MIN = 2;
export const DISPLAY_NAME_MAX = 32;
/** A cap on UTF-16 code units too, so a few graphemes stacked with marks cannot grow without bound. */
export const DISPLAY_NAME_MAX_UNITS = 64;

// Control (Cc), format (Cf: bidi overrides and isolates, zero-width space/joiners, BOM, soft hyphen),
// unassigned (Cn), surrogate and private-use characters draw nothing or draw something else: none
// of them belongs in a name. Line and paragraph separators become spaces.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cn}\p{Cs}\p{Co}]/gu;
const SPACES = /[\s\p{Zs}\p{Zl}\p{Zp}]+/gu;
const MARKS = /\p{M}/gu;
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/**
 * The name as it will be shown: NFC, invisible characters removed, runs of spaces made one, no
 * space around it. "alice\u202e\u200b" becomes "alice".
 */
export function normaliseDisplayName(raw: string): string {
  return raw.normalize('NFC').replace(INVISIBLE, '').replace(SPACES, ' ').trim();
}

export function visibleLength(name: string): number {
  let count = 0;
  for (const _ of graphemes.segment(name)) count += 1;
  return count;
}

/**
 * The form two names are compared in within a league: case, accents and compatibility forms
 * folded ("José", "JOSE" and "ｊｏｓｅ" are one name).
 */
export function displayNameKey(name: string): string {
  return normaliseDisplayName(name).normalize('NFKD').replace(MARKS, '').toLowerCase().normalize('NFC');
}

/** Why a (normalised) name is refused, or null. */
export function displayNameProblem(name: string, field = 'displayName'): string | null {
  const length = visibleLength(name);
  if (length < DISPLAY_NAME_MIN || length > DISPLAY_NAME_MAX || name.length > DISPLAY_NAME_MAX_UNITS) {
    return `${field} must be ${DISPLAY_NAME_MIN} to ${DISPLAY_NAME_MAX} visible characters long`;
  }
  // A name made only of marks or symbols that fold to nothing could never be told apart.
  if (displayNameKey(name).replace(SPACES, '') === '') return `${field} must contain letters or digits`;
  return null;
}

/**
 * A display-name field: normalised before validation, then 2–32 visible characters. Non-strings are
 * left as they are for the validator to refuse.
 */
export function DisplayName(options: ValidationOptions = {}): PropertyDecorator {
  return (target: object, property: string | symbol) => {
    Transform(({ value }) => (typeof value === 'string' ? normaliseDisplayName(value) : value))(target, property);
    registerDecorator({
      name: 'isDisplayName',
      target: target.constructor,
      propertyName: String(property),
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && displayNameProblem(value) === null,
        defaultMessage: (args) =>
          typeof args?.value === 'string' ? (displayNameProblem(args.value, args.property) ?? '') : `${args?.property} must be a string`,
      },
    });
  };
}
