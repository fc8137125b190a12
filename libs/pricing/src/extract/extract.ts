import { analyseSentence, headlineOf, type AnalysedSentence } from './analyse.js';
import { articleTopic, clubsOf, ownerOf } from './attribution.js';
import { clubIndexFor } from './clubs.js';
import { htmlToText, looksLikeHtml } from './html.js';
import { classify, type Classification } from './kind.js';
import { vocabularyFor, type CompiledVocabulary } from './lang/index.js';
import { detectLanguage } from './language.js';
import { resolvePeople, type People } from './people.js';
import { chooseKind, featuresOf, kindFeaturesOf, SCORE_THRESHOLD, scoreDraft } from './scorer.js';
import { resolveNamesakes, type PlayerIndex } from './players.js';
import { toEur } from './rates.js';
import { splitSentences } from './sentences.js';
import type { Currency, ExtractOptions, ExtractResult, FeeKind, FeeReport } from './types.js';

/** Longer input is cut: a news article is far shorter, and the cost must stay bounded. */
export const MAX_INPUT_CHARS = 1_000_000;
/** Figures outside this band are not transfer fees of a player (ticket prices, club valuations). */
const MIN_FEE_EUR = 50_000;
const MAX_FEE_EUR = 3_000_000_000;
/**
 * No player has been sold for more than €222M: a larger figure that is not a release clause (those
 * reach €1,000M) and is not said to be "for <player>" is a club's total, a takeover or a TV deal,
 * whatever it stands next to. One said to be for a player is reported, and the price bounds hold it
 * for an admin (held reports).
 */
const MAX_PAID_EUR = 300_000_000;

// Control characters other than tab and newline come from binary junk: they end sentences.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]+/g;

interface Draft {
  readonly report: FeeReport;
  readonly player: number;
  readonly defaulted: boolean;
  readonly loanOption: boolean;
  readonly total: boolean;
  readonly sentence: number;
  /** What the learned scorer reads (scorer.ts). */
  readonly features: readonly number[];
  /** What the kind model reads (scorer.ts), and the kind the rules chose. */
  readonly kindFeatures: readonly number[];
  readonly ruleKind: FeeKind;
}

/** What drafting needs of the whole article, worked out once. */
interface ArticleContext {
  readonly doc: readonly AnalysedSentence[];
  readonly v: CompiledVocabulary;
  readonly people: People;
  readonly topic: number | undefined;
  readonly mentionCounts: ReadonlyMap<number, number>;
  readonly headline: ReadonlySet<AnalysedSentence>;
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

function draftsFor(ctx: ArticleContext, s: AnalysedSentence, fallback: Currency): Draft[] {
  const { doc, v, people } = ctx;
  const nationalityOf = (player: number) => people.personOf(player)?.nationality;
  const drafts: Draft[] = [];
  const notFeeInSentence = s.cues.some((h) => h.values.some((c) => c.type === 'notFee'));
  const yearInSentence = s.tokens.some((t) => t.kind === 'num' && /^(19|20)\d\d$/.test(t.text));
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
    const owner = ownerOf(doc, s, amount, v, nationalityOf);
    if (!owner) return;
    const player = people.personOf(owner.player);
    if (!player) return;
    const currency = amount.currency ?? writtenNear[n] ?? fallback;
    const eur = { min: toEur(amount.min, currency), max: toEur(amount.max, currency) };
    if (eur.min < MIN_FEE_EUR || eur.max > MAX_FEE_EUR) return;
    if (c.kind !== 'release_clause' && eur.max > MAX_PAID_EUR && owner.pairing !== 'for-player') return;
    const clubs = clubsOf(doc, s, amount, player, v);
    const kindFeatures = kindFeaturesOf({
      ruleKind: c.kind,
      kindScores: c.kindScores,
      kindDefaulted: c.defaulted,
      paid: c.paid,
      option: c.loanOption,
      approx: amount.approx,
      headline: ctx.headline.has(s),
      yearInSentence,
      pairing: owner.pairing,
    });
    const kind = chooseKind(kindFeatures, c.kind);
    const report: FeeReport = {
      player: player.id === undefined ? { name: player.name } : { id: player.id, name: player.name },
      linked: player.linked,
      ...(player.candidates ? { candidates: [...player.candidates] } : {}),
      ...(clubs.from ? { from: clubs.from } : {}),
      to: clubs.to,
      kind,
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
        ...(kind !== c.kind ? { kindRule: c.kind } : {}),
        mention: owner.mention || player.name,
      },
    };
    const features = featuresOf({
      pairing: owner.pairing,
      link: report.evidence.link,
      kind: c.kind,
      kindDefaulted: c.defaulted,
      approx: amount.approx,
      addons: amount.addons > 0,
      eurMax: eur.max,
      headline: ctx.headline.has(s),
      mentionsInSentence: s.mentions.length,
      unpricedInSentence: s.unpriced.length > 0,
      figuresInSentence: s.amounts.length,
      notFeeInSentence,
      personIsTopic: ctx.topic === player.ordinal,
      personMentions: ctx.mentionCounts.get(player.ordinal) ?? 0,
      distance: owner.distance,
    });
    drafts.push({
      report,
      player: player.ordinal,
      defaulted: c.defaulted,
      loanOption: c.loanOption,
      total: amount.total,
      sentence: s.index,
      features,
      kindFeatures,
      ruleKind: c.kind,
    });
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
      const evidence = {
        ...existing.report.evidence,
        kindDefaulted: false,
        ...(d.report.evidence.kindCue ? { kindCue: d.report.evidence.kindCue } : {}),
      };
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
  const people = resolvePeople(doc, index, { ...v.words, moveVerbs: v.moveVerbs });
  const mentionCounts = new Map<number, number>();
  for (const s of doc)
    for (const m of s.mentions) if (m.player !== undefined) mentionCounts.set(m.player, (mentionCounts.get(m.player) ?? 0) + 1);
  const ctx: ArticleContext = { doc, v, people, topic: articleTopic(doc), mentionCounts, headline: new Set(headlineOf(doc)) };
  let currency: Currency = v.source.defaultCurrency;
  const drafts: Draft[] = [];
  for (const s of doc) {
    if (s.amounts.length > 0) drafts.push(...draftsFor(ctx, s, currency));
    // An unwritten currency is the one the sentence before wrote, else the language's default:
    // "$14m" three sentences back says nothing about "35 milioni" here.
    currency = s.amounts.find((a) => a.currency)?.currency ?? v.source.defaultCurrency;
  }
  if (options.drafts)
    for (const d of drafts)
      options.drafts.push({ report: d.report, features: d.features, kindFeatures: d.kindFeatures, ruleKind: d.ruleKind });
  const scored = options.unscored
    ? drafts
    : drafts.flatMap((d) => {
        const score = scoreDraft(d.features);
        if (score < SCORE_THRESHOLD) return [];
        return [{ ...d, report: { ...d.report, evidence: { ...d.report.evidence, score: Math.round(score * 1000) / 1000 } } }];
      });
  return { language, reports: dedupe(scored) };
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
