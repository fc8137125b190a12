import { CAPITAL_UNITS, SUFFIX_MULTIPLIERS, type CompiledVocabulary } from './lang/index.js';
import { parseNumeral } from './numbers.js';
import type { Token } from './text.js';
import type { Currency } from './types.js';

/**
 * One written figure before ranges and add-ons are worked out: "€25m", "25 milioni di euro",
 * "trenta milioni", or a bare number ("e i 25", "più 5 di bonus") that may borrow its unit
 * from a neighbour.
 */
export interface MoneyAtom {
  /** First token, a currency sign included. */
  readonly start: number;
  /** Token after the last one. */
  readonly end: number;
  readonly number: number;
  readonly multiplier: number;
  /** Only when written next to the figure. */
  readonly currency?: Currency;
  /** No unit and no currency: a number that means money only next to a real amount. */
  readonly bare: boolean;
}

/** Below this, a figure written without "million" is not a transfer fee ("€500" is a fine or a ticket). */
const MIN_UNSCALED = 100_000;
/** Bare numbers borrow "million" from a neighbour; a year or a count of thousands cannot. */
const MAX_BARE = 1000;

interface Units {
  readonly multiplier: number;
  readonly scaled: boolean;
  /** `null`: a currency the game does not convert. */
  readonly currency?: Currency | null;
  readonly end: number;
}

function currencyBefore(
  tokens: readonly Token[],
  i: number,
  v: CompiledVocabulary,
): { currency: Currency | null; start: number } | undefined {
  for (const from of [i - 2, i - 1]) {
    if (from < 0) continue;
    const hit = v.currencies.matchAt(tokens, from);
    if (hit && hit.end === i) return { currency: hit.values[0]!, start: from };
  }
  return undefined;
}

function currencyAfter(tokens: readonly Token[], j: number, v: CompiledVocabulary): { currency: Currency | null; end: number } | undefined {
  let k = j;
  while (k < tokens.length && k - j < 2 && v.words.currencyLinkers.has(tokens[k]!.lower)) k++;
  const hit = v.currencies.matchAt(tokens, k) ?? v.currencies.matchAt(tokens, j);
  return hit ? { currency: hit.values[0]!, end: hit.end } : undefined;
}

function skipAbbreviationDot(tokens: readonly Token[], j: number): number {
  const t = tokens[j];
  return t && t.lower === '.' && !t.spaced && j + 1 < tokens.length ? j + 1 : j;
}

/** Multipliers and a currency written after the number, from token `j` on. */
function readUnits(tokens: readonly Token[], j: number, v: CompiledVocabulary): Units {
  let multiplier = 1;
  let count = 0;
  let currency: Currency | null | undefined;
  while (j < tokens.length) {
    const t = tokens[j]!;
    if (t.kind !== 'word') break;
    const full = v.multipliers.get(t.lower);
    const capital = CAPITAL_UNITS[t.text];
    const suffix = SUFFIX_MULTIPLIERS[t.lower];
    if (full !== undefined) {
      multiplier *= full;
    } else if (capital && count === 0) {
      multiplier *= capital.multiplier;
      currency = capital.currency;
    } else if (suffix !== undefined && count === 0 && (!t.spaced || currencyAfter(tokens, j + 1, v))) {
      multiplier *= suffix;
    } else {
      break;
    }
    count++;
    j = skipAbbreviationDot(tokens, j + 1);
  }
  if (currency === undefined) {
    const after = currencyAfter(tokens, j, v);
    if (after) return { multiplier, scaled: count > 0, currency: after.currency, end: after.end };
  }
  return { multiplier, scaled: count > 0, currency, end: j };
}

/** Number words ending just before token `i`: "trenta", "vingt-cinq", "treinta y cinco". */
function numberWordsBefore(tokens: readonly Token[], i: number, v: CompiledVocabulary): { value: number; start: number } | undefined {
  const words: string[] = [];
  const starts: number[] = [];
  let glued = false;
  for (let k = i - 1; k >= 0 && i - k <= 8; k--) {
    const t = tokens[k]!;
    if (t.lower === '-' && words.length > 0) {
      glued = true;
      continue;
    }
    if (t.kind !== 'word' || !v.numbers.isNumberWord(t.lower)) break;
    // Hyphenated compounds are read as one word: "quatre-vingt" is 80, not 4 + 20.
    if (glued) {
      words[0] = t.lower + words[0];
      starts[0] = k;
    } else {
      words.unshift(t.lower);
      starts.unshift(k);
    }
    glued = false;
  }
  while (words.length > 0 && v.numbers.isJoiner(words[0]!)) {
    words.shift();
    starts.shift();
  }
  const value = words.length > 0 ? v.numbers.value(words) : undefined;
  return value === undefined ? undefined : { value, start: starts[0]! };
}

function nextIsPercent(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i + 1];
  return t !== undefined && (t.lower === '%' || (t.lower === 'per' && tokens[i + 2]?.lower === 'cent'));
}

/** Every figure in a sentence, left to right. */
export function findMoneyAtoms(tokens: readonly Token[], v: CompiledVocabulary): MoneyAtom[] {
  const atoms: MoneyAtom[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    let number: number | undefined;
    let start = i;
    let unitsFrom = i + 1;
    if (t.kind === 'num') {
      number = parseNumeral(t.text, v.source.decimalSeparator);
    } else if (t.kind === 'word' && v.multipliers.has(t.lower) && tokens[i - 1]?.kind !== 'num') {
      const words = numberWordsBefore(tokens, i, v);
      const chained = v.multipliers.has(tokens[i + 1]?.lower ?? '');
      if (words) {
        number = words.value;
        start = words.start;
      } else if (chained) {
        number = 1; // "mil millones": the first multiplier stands for one thousand
      }
      unitsFrom = i;
    }
    if (number === undefined || !Number.isFinite(number) || number <= 0) continue;
    const before = currencyBefore(tokens, start, v);
    const units = readUnits(tokens, unitsFrom, v);
    const currency = before ? before.currency : units.currency;
    if (before) start = before.start;
    if (currency === null) {
      i = units.end - 1;
      continue;
    }
    const value = number * units.multiplier;
    if (units.scaled || (currency && value >= MIN_UNSCALED)) {
      atoms.push({ start, end: units.end, number, multiplier: units.multiplier, currency, bare: false });
      i = units.end - 1;
    } else if (!currency && t.kind === 'num' && number < MAX_BARE && !nextIsPercent(tokens, i)) {
      atoms.push({ start: i, end: i + 1, number, multiplier: 1, bare: true });
    }
  }
  return atoms;
}
