import type { Cue, CompiledVocabulary } from './lang/index.js';
import type { MoneyAtom } from './money.js';
import type { PhraseHit } from './phrases.js';
import type { Token } from './text.js';
import type { Currency } from './types.js';

/** A fee-sized figure of a sentence, ranges and add-ons resolved. Values are in whole units. */
export interface FeeAmount {
  readonly start: number;
  readonly end: number;
  readonly min: number;
  readonly max: number;
  /** Undefined when the sentence did not say; the caller fills it from context. */
  readonly currency?: Currency;
  readonly addons: number;
  readonly approx: boolean;
  /** Said to include add-ons ("up to €134m with bonuses"): a total, not the base fee. */
  readonly total: boolean;
  /** The same figure in another currency ("€85m (£73m)"): no report, but it tells the currency in use. */
  readonly conversion: boolean;
}

interface Working {
  start: number;
  end: number;
  min: number;
  max: number;
  multiplier: number;
  currency?: Currency;
  addons: number;
  conversion?: boolean;
}

/** "tra 2 e 25" is no range: the ends of a real one are close. */
const MAX_RANGE_RATIO = 4;
/** How far a bare number may sit from the amount it borrows "million" from. */
const BARE_REACH = 15;
/** How far add-ons may sit from the fee they add to. */
const ADDON_REACH = 20;

function skipBack(tokens: readonly Token[], k: number, words: ReadonlySet<string>): number {
  while (k >= 0 && words.has(tokens[k]!.lower)) k--;
  return k;
}

function toWorking(a: MoneyAtom): Working {
  const value = Math.round(a.number * a.multiplier);
  return { start: a.start, end: a.end, min: value, max: value, multiplier: a.multiplier, currency: a.currency, addons: 0 };
}

/** "€40m-€50m", "tra i 20 e i 25 milioni", "zwischen 20 und 25 Millionen". */
function asRange(tokens: readonly Token[], low: MoneyAtom, high: MoneyAtom, v: CompiledVocabulary): Working | undefined {
  const w = v.words;
  let k = skipBack(tokens, high.start - 1, w.rangeArticles);
  const connector = tokens[k]?.lower ?? '';
  if (!w.rangeConnectors.has(connector) || skipBack(tokens, k - 1, w.rangeArticles) !== low.end - 1) return undefined;
  const opener = skipBack(tokens, low.start - 1, w.rangeArticles);
  if (w.rangeConnectorsNeedingStart.has(connector) && !w.rangeStarts.has(tokens[opener]?.lower ?? '')) return undefined;
  if (low.currency && high.currency && low.currency !== high.currency) return undefined;
  const a = low.number * (low.bare ? high.multiplier : low.multiplier);
  const b = high.number * high.multiplier;
  const [min, max] = a <= b ? [a, b] : [b, a];
  if (min <= 0 || max / min > MAX_RANGE_RATIO) return undefined;
  return {
    start: low.start,
    end: high.end,
    min: Math.round(min),
    max: Math.round(max),
    multiplier: high.multiplier,
    currency: high.currency ?? low.currency,
    addons: 0,
  };
}

function joinRanges(tokens: readonly Token[], atoms: readonly MoneyAtom[], v: CompiledVocabulary): (MoneyAtom | Working)[] {
  const out: (MoneyAtom | Working)[] = [];
  let previous: MoneyAtom | undefined;
  for (const atom of atoms) {
    const range = !atom.bare && previous ? asRange(tokens, previous, atom, v) : undefined;
    if (range) {
      out[out.length - 1] = range;
      previous = undefined;
    } else {
      out.push(atom.bare ? atom : toWorking(atom));
      previous = atom;
    }
  }
  return out;
}

function endsBefore(hits: readonly PhraseHit<Cue>[], at: number, type: Cue['type']): boolean {
  return hits.some((h) => h.end === at && h.values.some((c) => c.type === type));
}

/** Only commas, "and" and "respectively" stand between tokens `from` and `to`: one list. */
function joinedAsList(tokens: readonly Token[], from: number, to: number, v: CompiledVocabulary): boolean {
  if (to - from < 1 || to - from > 2) return false;
  for (let k = from; k < to; k++) if (!v.words.listJoiners.has(tokens[k]!.lower)) return false;
  return true;
}

/** The numbers of a list are of one size: "2 e 25 milioni" is a score and a fee, not a list. */
const MAX_LIST_RATIO = 10;

/**
 * "25 y 20 millones", "für 25, 27 beziehungsweise 25,5 Millionen": the numbers of a list share the
 * unit written after the last one — when the sentence says "respectively", the list has three
 * numbers or more, or a price word introduces it ("han costado 25 y 20 millones").
 */
function adoptListNumbers(
  tokens: readonly Token[],
  items: readonly (MoneyAtom | Working)[],
  cues: readonly PhraseHit<Cue>[],
  v: CompiledVocabulary,
): (MoneyAtom | Working)[] {
  const out = [...items];
  const said = tokens.some((t) => v.words.respectively.has(t.lower));
  for (let last = out.length - 1; last > 0; last--) {
    const host = out[last]!;
    if ('bare' in host || host.multiplier < 1e6 || host.min !== host.max) continue;
    let first = last;
    while (first > 0) {
      const item = out[first - 1]!;
      if (!('bare' in item) || !joinedAsList(tokens, item.end, out[first]!.start, v)) break;
      const value = item.number * host.multiplier;
      if (Math.max(value, host.min) / Math.min(value, host.min) > MAX_LIST_RATIO) break;
      first--;
    }
    if (first === last) continue;
    const head = out[first]!;
    const k = skipBack(tokens, head.start - 1, v.words.rangeArticles);
    const introduced = v.words.pricePrepositions.has(tokens[k]?.lower ?? '') || endsBefore(cues, k + 1, 'kind');
    if (!said && last - first < 2 && !introduced) continue;
    for (let n = first; n < last; n++) {
      const item = out[n] as MoneyAtom;
      const value = Math.round(item.number * host.multiplier);
      out[n] = {
        start: item.start,
        end: item.end,
        min: value,
        max: value,
        multiplier: host.multiplier,
        currency: host.currency,
        addons: 0,
      };
    }
    last = first;
  }
  return out;
}

/** A bare number may stand for money after a price word or a connector: "ceduto per 70", "più 5 di bonus". */
function adoptBareNumbers(
  tokens: readonly Token[],
  items: readonly (MoneyAtom | Working)[],
  cues: readonly PhraseHit<Cue>[],
  v: CompiledVocabulary,
): Working[] {
  const out: Working[] = [];
  for (const item of items) {
    if (!('bare' in item)) {
      out.push(item);
      continue;
    }
    const host = out[out.length - 1];
    if (!host || item.start - host.end > BARE_REACH) continue;
    let k = skipBack(tokens, item.start - 1, v.words.rangeArticles);
    // "pide al menos 30": the price word stands before the approximation.
    const approx = cues.find((h) => h.end === k + 1 && h.values.some((c) => c.type === 'approx'));
    if (approx) k = approx.start - 1;
    const introducer = tokens[k]?.lower ?? '';
    const introduced =
      v.words.pricePrepositions.has(introducer) || v.words.addonConnectors.has(introducer) || endsBefore(cues, k + 1, 'kind');
    const next = tokens[item.end];
    const closed =
      !next ||
      (next.kind === 'sym' && next.lower !== '%') ||
      v.words.addonLinkers.has(next.lower) ||
      v.addonWords.matchAt(tokens, item.end) !== undefined;
    const value = Math.round(item.number * host.multiplier);
    // Only "million" and larger is borrowed: "480 mila euro e 5" says nothing about the 5.
    if (introduced && closed && host.multiplier >= 1e6) {
      out.push({
        start: item.start,
        end: item.end,
        min: value,
        max: value,
        multiplier: host.multiplier,
        currency: host.currency,
        addons: 0,
      });
    }
  }
  return out;
}

/** "5 di bonus", "€10m in add-ons", "Boni von 10 Millionen": a figure naming add-ons, not a fee. */
function isAddon(tokens: readonly Token[], a: Working, v: CompiledVocabulary): boolean {
  let k = a.end;
  while (k < tokens.length && k - a.end < 2 && v.words.addonLinkers.has(tokens[k]!.lower)) k++;
  const after = v.addonWords.matchAt(tokens, k);
  if (after) return v.includedWords.matchAt(tokens, after.end) === undefined;
  const b = skipBack(tokens, a.start - 1, v.words.addonLinkers);
  for (let s = Math.max(0, b - 3); s <= b; s++) {
    if (v.addonWords.matchAt(tokens, s)?.end === b + 1) return true;
  }
  return false;
}

/** How near "with add-ons" marks a figure as a total: right after it, or a few words before. */
const TOTAL_AFTER = 2;
const TOTAL_BEFORE = 6;

/**
 * "€100m with add-ons", "100 milhões com objetivos", "mit Boni bis zu 41 Millionen": add-ons
 * inside the figure. "20 Millionen plus Boni" is a base fee with add-ons on top: not a total.
 */
function isTotal(tokens: readonly Token[], a: Working, v: CompiledVocabulary): boolean {
  const marked = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (v.words.totalMarkers.has(tokens[k]!.lower)) return true;
    return false;
  };
  for (let k = a.end; k < tokens.length && k - a.end <= TOTAL_AFTER; k++) {
    const hit = v.addonWords.matchAt(tokens, k);
    if (hit) return marked(a.end, k) || v.includedWords.matchAt(tokens, hit.end) !== undefined;
  }
  for (let k = Math.max(0, a.start - TOTAL_BEFORE); k < a.start; k++) {
    const hit = v.addonWords.matchAt(tokens, k);
    if (hit && hit.end <= a.start && marked(Math.max(0, k - 1), k)) return true;
  }
  return false;
}

/** At most this many tokens between a figure and its conversion: "£64m, circa €74m". */
const CONVERSION_GAP = 3;

/**
 * Marks conversions written next to a figure: "€85m (£73m)", "64 milioni di sterline, circa 74
 * milioni di euro". Bracketed, or in another currency with only signs and "about" between.
 */
function markConversions(tokens: readonly Token[], items: Working[], cues: readonly PhraseHit<Cue>[]): Working[] {
  const approxAt = (p: number) => cues.some((h) => h.start <= p && p < h.end && h.values.some((c) => c.type === 'approx'));
  return items.map((item, n) => {
    const prev = items[n - 1];
    if (!prev || item.start - prev.end > CONVERSION_GAP) return item;
    let bracket = false;
    let onlySignsAndApprox = true;
    for (let p = prev.end; p < item.start; p++) {
      if (tokens[p]!.lower === '(') bracket = true;
      if (tokens[p]!.kind !== 'sym' && !approxAt(p)) onlySignsAndApprox = false;
    }
    const otherCurrency = prev.currency !== undefined && item.currency !== undefined && prev.currency !== item.currency;
    const conversion = bracket || (onlySignsAndApprox && otherCurrency && item.start > prev.end);
    return conversion ? { ...item, conversion } : item;
  });
}

/** Ranges, add-ons and borrowed units resolved; approximation read from the cues around. */
export function assembleAmounts(
  tokens: readonly Token[],
  atoms: readonly MoneyAtom[],
  cues: readonly PhraseHit<Cue>[],
  v: CompiledVocabulary,
): FeeAmount[] {
  const items = markConversions(
    tokens,
    adoptBareNumbers(tokens, adoptListNumbers(tokens, joinRanges(tokens, atoms, v), cues, v), cues, v),
    cues,
  );
  const fees: Working[] = [];
  for (const item of items) {
    if (item.conversion || !isAddon(tokens, item, v)) {
      fees.push(item);
      continue;
    }
    const host = fees.findLast((f) => !f.conversion);
    if (host && item.start - host.end <= ADDON_REACH) host.addons += item.min;
  }
  return fees.map((f) => ({
    start: f.start,
    end: f.end,
    min: f.min,
    max: f.max,
    currency: f.currency,
    addons: f.addons,
    total: f.addons === 0 && isTotal(tokens, f, v),
    conversion: f.conversion ?? false,
    approx: cues.some(
      (h) => h.values.some((c) => c.type === 'approx') && ((h.end <= f.start && f.start - h.end <= 1) || h.start === f.end),
    ),
  }));
}
