import { NumberWords } from '../numbers.js';
import { PhraseTable, phraseSet, wordSet } from '../phrases.js';
import { fold } from '../text.js';
import type { Currency, FeeKind, Language, LanguageVocabulary } from '../types.js';
import { de } from './de.js';
import { en } from './en.js';
import { es } from './es.js';
import { fr } from './fr.js';
import { it } from './it.js';
import { pt } from './pt.js';

export const VOCABULARIES: Readonly<Record<Language, LanguageVocabulary>> = { it, en, es, de, fr, pt };

/** Currency signs and codes every language's press uses. */
export const SHARED_CURRENCIES: Readonly<Record<string, Currency>> = {
  '€': 'EUR',
  eur: 'EUR',
  '£': 'GBP',
  gbp: 'GBP',
  $: 'USD',
  usd: 'USD',
  us$: 'USD',
  chf: 'CHF',
  r$: 'BRL',
  brl: 'BRL',
  reais: 'BRL',
  'real brasileiro': 'BRL',
  'reais brasileiros': 'BRL',
};

/**
 * Currencies the game does not convert: a figure in one of them is skipped rather than misread
 * (the "$" of Canada's "C$" is not a US dollar; old Italian "lire" are not euros).
 */
export const UNSUPPORTED_CURRENCIES: readonly string[] = [
  'a$',
  'c$',
  'hk$',
  'lire',
  'lira',
  'liras',
  'rubli',
  'rublos',
  'roubles',
  'rubles',
  'yuan',
  'riyal',
  'riyals',
  'dirham',
  'dirhams',
  'pesos',
  'sar',
];

/** Short multipliers that only count glued to the number or before a currency sign: "€25m", "45 M€". */
export const SUFFIX_MULTIPLIERS: Readonly<Record<string, number>> = {
  m: 1e6,
  mn: 1e6,
  mln: 1e6,
  mio: 1e6,
  bn: 1e9,
  b: 1e9,
  k: 1e3,
  mld: 1e9,
};

/** Units written in capitals that carry their currency: French "50 ME" is fifty million euros. */
export const CAPITAL_UNITS: Readonly<Record<string, { multiplier: number; currency: Currency }>> = {
  ME: { multiplier: 1e6, currency: 'EUR' },
  MEUR: { multiplier: 1e6, currency: 'EUR' },
};

/** What a cue phrase in a sentence says. */
export type Cue =
  | { readonly type: 'kind'; readonly kind: FeeKind; readonly option: boolean }
  | { readonly type: 'notFee' }
  | { readonly type: 'approx' }
  | { readonly type: 'reference'; readonly needsArticle: boolean }
  | { readonly type: 'role'; readonly words: string; readonly source: boolean }
  | { readonly type: 'paid' };

/** A vocabulary turned into lookup tables, built once per language. */
export interface CompiledVocabulary {
  readonly source: LanguageVocabulary;
  readonly cues: PhraseTable<Cue>;
  /** `null` marks a currency the game does not convert. */
  readonly currencies: PhraseTable<Currency | null>;
  readonly multipliers: ReadonlyMap<string, number>;
  readonly numbers: NumberWords;
  readonly addonWords: PhraseTable<true>;
  readonly includedWords: PhraseTable<true>;
  readonly moveVerbs: PhraseTable<true>;
  readonly words: {
    readonly currencyLinkers: ReadonlySet<string>;
    readonly rangeStarts: ReadonlySet<string>;
    readonly rangeConnectors: ReadonlySet<string>;
    readonly rangeConnectorsNeedingStart: ReadonlySet<string>;
    readonly rangeArticles: ReadonlySet<string>;
    readonly addonLinkers: ReadonlySet<string>;
    readonly addonConnectors: ReadonlySet<string>;
    readonly totalMarkers: ReadonlySet<string>;
    readonly forPlayer: ReadonlySet<string>;
    readonly pricePrepositions: ReadonlySet<string>;
    readonly fromPrepositions: ReadonlySet<string>;
    readonly coordinators: ReadonlySet<string>;
    readonly indefiniteArticles: ReadonlySet<string>;
    readonly definiteArticles: ReadonlySet<string>;
    readonly opponentMarkers: ReadonlySet<string>;
    readonly nounMarkers: ReadonlySet<string>;
    readonly placePrepositions: ReadonlySet<string>;
    /** Words after which a capitalised name is a place or a club, not a person. */
    readonly notPersonBefore: ReadonlySet<string>;
    readonly respectively: ReadonlySet<string>;
    /** What may stand between the figures of a list: commas, "and", "respectively". */
    readonly listJoiners: ReadonlySet<string>;
  };
}

/**
 * Roles that name a source ("according to Fabrizio Romano"): they mark the name after them only.
 * After a name they speak of the whole sentence ("Salah, according to reports").
 */
const SOURCE_PHRASES = new Set(['according to', 'secondo', 'segun', 'laut', 'selon', "d'apres", 'segundo', 'de acordo com']);

const NOT_FEE: Cue = { type: 'notFee' };
const PAID: Cue = { type: 'paid' };
const APPROX: Cue = { type: 'approx' };
const REFERENCE: Cue = { type: 'reference', needsArticle: false };
const NATIONALITY: Cue = { type: 'reference', needsArticle: true };

// All cues share one table so that the longest phrase wins across categories: "kit deal" is not
// a fee even though "deal" is a cue for one.
function compile(v: LanguageVocabulary): CompiledVocabulary {
  const cues: [string, Cue][] = [];
  for (const [kind, phrases] of Object.entries(v.kinds) as [FeeKind, readonly string[]][]) {
    const cue: Cue = { type: 'kind', kind, option: false };
    for (const p of phrases) cues.push([p, cue]);
  }
  // The figure of an option or obligation to buy is the player's price: an agreed fee beside the loan's own.
  const option: Cue = { type: 'kind', kind: 'agreed', option: true };
  for (const p of v.loanOptions) cues.push([p, option]);
  for (const p of v.notFee) cues.push([p, NOT_FEE]);
  for (const p of v.approx) cues.push([p, APPROX]);
  for (const p of v.playerReferences) cues.push([p, REFERENCE]);
  for (const p of v.nationalities) cues.push([p, NATIONALITY]);
  for (const p of v.paidClause) cues.push([p, PAID]);
  for (const p of v.personRoles) cues.push([p, { type: 'role', words: p, source: SOURCE_PHRASES.has(fold(p)) }]);

  const multipliers = new Map<string, number>();
  for (const [w, m] of Object.entries(v.multipliers)) multipliers.set(fold(w), m);

  return {
    source: v,
    cues: new PhraseTable(cues),
    currencies: new PhraseTable<Currency | null>([
      ...Object.entries(SHARED_CURRENCIES),
      ...Object.entries(v.currencies),
      ...UNSUPPORTED_CURRENCIES.map((c) => [c, null] as const),
    ]),
    multipliers,
    numbers: new NumberWords(v),
    addonWords: phraseSet(v.addonWords),
    includedWords: phraseSet(v.includedWords),
    moveVerbs: phraseSet(v.moveVerbs),
    words: {
      currencyLinkers: wordSet(v.currencyLinkers),
      rangeStarts: wordSet(v.rangeStarts),
      rangeConnectors: wordSet(v.rangeConnectors),
      rangeConnectorsNeedingStart: wordSet(v.rangeConnectorsNeedingStart),
      rangeArticles: wordSet(v.rangeArticles),
      addonLinkers: wordSet(v.addonLinkers),
      addonConnectors: wordSet(v.addonConnectors),
      totalMarkers: wordSet(v.totalMarkers),
      forPlayer: wordSet(v.forPlayer),
      pricePrepositions: wordSet(v.pricePrepositions),
      fromPrepositions: wordSet(v.fromPrepositions),
      coordinators: wordSet(v.coordinators),
      indefiniteArticles: wordSet(v.indefiniteArticles),
      definiteArticles: wordSet(v.definiteArticles),
      opponentMarkers: wordSet(v.opponentMarkers),
      nounMarkers: wordSet(v.nounMarkers),
      placePrepositions: wordSet(v.placePrepositions),
      // "from"/"dal"/"von" introduce clubs; in Spanish, French and Portuguese "de" also introduces people.
      respectively: wordSet(v.respectively),
      listJoiners: wordSet([',', ...v.coordinators, ...v.respectively]),
      notPersonBefore: wordSet([...v.placePrepositions, ...(['es', 'fr', 'pt'].includes(v.language) ? [] : v.fromPrepositions)]),
    },
  };
}

const compiled = new Map<Language, CompiledVocabulary>();

export function vocabularyFor(language: Language): CompiledVocabulary {
  let v = compiled.get(language);
  if (!v) {
    v = compile(VOCABULARIES[language]);
    compiled.set(language, v);
  }
  return v;
}
