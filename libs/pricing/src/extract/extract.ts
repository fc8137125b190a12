import { analyseSentence, type AnalysedSentence } from './analyse.js';
import { clubsOf, ownerOf } from './attribution.js';
import { clubIndexFor } from './clubs.js';
import { htmlToText, looksLikeHtml } from './html.js';
import { classify, type Classification } from './kind.js';
import { vocabularyFor, type CompiledVocabulary } from './lang/index.js';
import { detectLanguage } from './language.js';
import { resolvePeople, type People } from './people.js';
import { resolveNamesakes, type PlayerIndex } from './players.js';
import { toEur } from './rates.js';
import { splitSentences } from './sentences.js';
import type { Currency, ExtractOptions, ExtractResult, FeeReport } from './types.js';

/** Longer input is cut: a news article is far shorter, and the cost must stay bounded. */
export const MAX_INPUT_CHARS = 1_000_000;
/** Figures outside this band are not transfer fees of a player (ticket prices, club valuations). */
const MIN_FEE_EUR = 50_000;
const MAX_FEE_EUR = 3_000_000_000;

// Control characters other than tab and newline come from binary junk: they end sentences.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]+/g;

interface Draft {
  readonly report: FeeReport;
  readonly player: number;
  readonly defaulted: boolean;
  readonly loanOption: boolean;
  readonly total: boolean;
  readonly sentence: number;
}

function quoteOf(s: AnalysedSentence): string {
  return s.text.replace(/\s+/g, ' ').trim();
}

/**
 * An unwritten currency is the nearest written one before it in the sentence, else after it;
 * found in two passes, not by searching the sentence again for every figure.
 */
function nearestWrittenCurrencies(amounts: readonly { currency?: Currency }[]): (Currency | undefined)[] {
  const near: (Currency | undefined)[] = new Array(amounts.length);
  let after: Currency | undefined;
  for (let n = amounts.length - 1; n >= 0; n--) {
    near[n] = after;
    after = amounts[n]!.currency ?? after;
  }
  let before: Currency | undefined;
  for (let n = 0; n < amounts.length; n++) {
    near[n] = before ?? near[n];
    before = amounts[n]!.currency ?? before;
  }
  return near;
}

function draftsFor(
  doc: readonly AnalysedSentence[],
  s: AnalysedSentence,
  v: CompiledVocabulary,
  people: People,
  fallback: Currency,
): Draft[] {
  const drafts: Draft[] = [];
  const writtenNear = nearestWrittenCurrencies(s.amounts);
  let previous: Classification | undefined;
  // Once per sentence: a long sentence may carry hundreds of figures.
  let quote: string | undefined;
  s.amounts.forEach((amount, n) => {
    const from = s.amounts[n - 1]?.end ?? 0;
    const to = s.amounts[n + 1]?.start ?? s.tokens.length;
    const c = classify(amount, s.cues, s.tokens, from, to, previous);
    previous = c;
    if (!c.isFee || amount.conversion) return;
    const owner = ownerOf(doc, s, amount, v);
    if (!owner) return;
    const player = people.personOf(owner.player);
    if (!player) return;
    const currency = amount.currency ?? writtenNear[n] ?? fallback;
    const eur = { min: toEur(amount.min, currency), max: toEur(amount.max, currency) };
    if (eur.min < MIN_FEE_EUR || eur.max > MAX_FEE_EUR) return;
    const clubs = clubsOf(doc, s, amount, player, v);
    const report: FeeReport = {
      player: player.id === undefined ? { name: player.name } : { id: player.id, name: player.name },
      linked: player.linked,
      ...(player.candidates ? { candidates: [...player.candidates] } : {}),
      ...(clubs.from ? { from: clubs.from } : {}),
      to: clubs.to,
      kind: c.kind,
      amount: { min: amount.min, max: amount.max, currency },
      eur,
      ...(amount.addons > 0 ? { addonsEur: toEur(amount.addons, currency) } : {}),
      approx: amount.approx,
      quote: (quote ??= quoteOf(s)),
      evidence: {
        link: people.linkOf(owner.player),
        pairing: owner.pairing,
        ...(c.cue ? { kindCue: c.cue } : {}),
        kindDefaulted: c.defaulted,
        mention: owner.mention || player.name,
      },
    };
    drafts.push({ report, player: player.ordinal, defaulted: c.defaulted, loanOption: c.loanOption, total: amount.total, sentence: s.index });
  });
  return dropTotalsBesideBase(splitLoanAndOption(drafts, s));
}

/**
 * A loan's fee and its option or obligation to buy are two reports: the fee is `loan`, the buy
 * figure `agreed`. When a sentence speaks of an option but both of a player's figures read as loan
 * ("prestito a 6 con obbligo a 44"), the larger is the buy figure.
 */
function splitLoanAndOption(drafts: readonly Draft[], s: AnalysedSentence): Draft[] {
  const optionInSentence = s.cues.some((h) => h.values.some((c) => c.type === 'kind' && c.option));
  if (!optionInSentence) return [...drafts];
  return drafts.map((d) => {
    if (d.report.kind !== 'loan') return d;
    const larger = drafts.some((o) => o !== d && o.report.kind === 'loan' && o.player === d.player && o.report.eur.max < d.report.eur.max);
    return larger ? { ...d, loanOption: true, report: { ...d.report, kind: 'agreed' as const } } : d;
  });
}

/** "€75m, which could reach €100m with add-ons": the base fee is the report, the total is not. */
function dropTotalsBesideBase(drafts: readonly Draft[]): Draft[] {
  return drafts.filter((d) => !d.total || !drafts.some((o) => !o.total && o.player === d.player));
}

/** The same fee repeated (headline and body) is one report; a cue-backed kind replaces a default. */
function dedupe(drafts: readonly Draft[]): FeeReport[] {
  const kept = new Map<string, Draft>();
  for (const d of drafts) {
    const key = `${d.player}|${d.report.eur.min}|${d.report.eur.max}`;
    const existing = kept.get(key);
    if (!existing) kept.set(key, d);
    else if (existing.defaulted && !d.defaulted) {
      const evidence = { ...existing.report.evidence, kindDefaulted: false, ...(d.report.evidence.kindCue ? { kindCue: d.report.evidence.kindCue } : {}) };
      kept.set(key, { ...existing, report: { ...existing.report, kind: d.report.kind, evidence }, defaulted: false });
    }
  }
  return [...kept.values()].map((d) => d.report);
}

function extractUnchecked(input: string, index: PlayerIndex, options: ExtractOptions): ExtractResult {
  let text = input.length > MAX_INPUT_CHARS ? input.slice(0, MAX_INPUT_CHARS) : input;
  if (looksLikeHtml(text)) text = htmlToText(text);
  text = text.replace(/\r\n?/g, '\n').replace(CONTROL, '\n\n');
  if (text.trim() === '') return { language: 'und', reports: [] };
  const language = options.language ?? detectLanguage(text);
  if (language === 'und') return { language, reports: [] };
  const v = vocabularyFor(language);
  const clubs = clubIndexFor(language);
  const doc = splitSentences(text, language).map((s) => analyseSentence(s, language, v, clubs, index));
  resolveNamesakes(doc, index);
  const people = resolvePeople(doc, index, v.words);
  let currency: Currency = v.source.defaultCurrency;
  const drafts: Draft[] = [];
  for (const s of doc) {
    if (s.amounts.length > 0) drafts.push(...draftsFor(doc, s, v, people, currency));
    currency = s.amounts.find((a) => a.currency)?.currency ?? currency;
  }
  return { language, reports: dedupe(drafts) };
}

/**
 * Transfer fees reported in a news article, attributed to registry players.
 * Never throws: unreadable input yields no reports.
 */
export function extractFeeReports(text: string, players: PlayerIndex, options: ExtractOptions = {}): ExtractResult {
  if (typeof text !== 'string') return { language: 'und', reports: [] };
  try {
    return extractUnchecked(text, players, options);
  } catch {
    return { language: options.language ?? 'und', reports: [] };
  }
}
