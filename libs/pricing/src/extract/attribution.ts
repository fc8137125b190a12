import { headlineOf, type AnalysedSentence } from './analyse.js';
import type { ClubMention } from './clubs.js';
import type { FeeAmount } from './amounts.js';
import type { CompiledVocabulary } from './lang/index.js';
import { countryOfNationality } from './lang/nationalities.js';
import type { IndexedPlayer, PlayerMention } from './players.js';
import type { PairingRule } from './types.js';

/** How far after a figure "for <player>" may come: "103 milioni al Dortmund per Bellingham". */
const FOR_REACH = 6;
/** How far after a figure a player may be named when nobody is named before it. */
const AFTER_REACH = 12;
/** How many sentences back a pronoun may find its player in the same paragraph. */
const REFERENCE_REACH = 2;
/** How many sentences back, across paragraphs, "the striker" may find the last player named. */
const LOOKBACK = 3;

function coordinated(s: AnalysedSentence, a: PlayerMention, b: PlayerMention | undefined, v: CompiledVocabulary): boolean {
  if (!b) return false;
  const [first, second] = a.start < b.start ? [a, b] : [b, a];
  return second.start - first.end === 1 && v.words.coordinators.has(s.tokens[first.end]!.lower);
}

/** A figure's person and how it was chosen: the evidence a report carries. */
export interface Owner {
  readonly player: number;
  readonly pairing: PairingRule;
  /** The words that named the person for this figure. */
  readonly mention: string;
  /** Tokens between the figure and those words; undefined when the sentence does not name him. */
  readonly distance?: number;
}

interface Choice {
  readonly mention: PlayerMention;
  readonly pairing: PairingRule;
}

/**
 * The player a figure is about, within its sentence: "for <player>" right after the figure,
 * else the nearest name before it, else a name shortly after. Two names joined by "and" next to
 * one figure are ambiguous and give nobody.
 */
function ownerInSentence(s: AnalysedSentence, amount: FeeAmount, v: CompiledVocabulary): Choice | null | undefined {
  const ms = s.mentions;
  const inOrder = byOrder(s, amount, v);
  if (inOrder) return inOrder;
  const nextAmount = s.amounts.find((a) => a.start >= amount.end)?.start ?? Infinity;
  const forIndex = ms.findIndex((m) => {
    if (m.start < amount.end || m.start - amount.end > FOR_REACH || m.start > nextAmount) return false;
    for (let k = amount.end; k < m.start; k++) if (v.words.forPlayer.has(s.tokens[k]!.lower)) return true;
    return false;
  });
  if (forIndex >= 0) return coordinated(s, ms[forIndex]!, ms[forIndex + 1], v) ? null : { mention: ms[forIndex]!, pairing: 'for-player' };
  const beforeIndex = ms.findLastIndex((m) => m.end <= amount.start);
  const before = ms[beforeIndex];
  if (before && unpricedBetween(s, before, amount)) return null;
  if (before) return coordinated(s, before, ms[beforeIndex - 1], v) ? null : { mention: before, pairing: 'nearest-before' };
  const after = ms.find((m) => m.start >= amount.end && m.start - amount.end <= AFTER_REACH);
  return after ? { mention: after, pairing: 'named-after' } : undefined;
}

/** How far apart the names of a list may stand ("Brandt, Schulz und Hazard", "Hermoso, del Espanyol, y de Lodi"). */
const LIST_NAME_GAP = 5;

/**
 * "Mario Hermoso y Renan Lodi … 25 y 20 millones, respectivamente", "Brandt, Schulz und Hazard
 * – für 25, 27 beziehungsweise 25,5 Millionen": a list of figures right after one another goes to
 * the people named before it, in their order, when they are as many as the figures and named
 * together (or the sentence says "respectively").
 */
function byOrder(s: AnalysedSentence, amount: FeeAmount, v: CompiledVocabulary): Choice | undefined {
  const listedAt = listsOf(s, v).get(amount);
  return listedAt ? { mention: listedAt.people[listedAt.at]!, pairing: 'respectively' } : undefined;
}

/** A list longer than this is a table, not people's fees in order. */
const MAX_LIST = 6;
interface Listed {
  readonly people: readonly PlayerMention[];
  readonly at: number;
}
const lists = new WeakMap<AnalysedSentence, Map<FeeAmount, Listed>>();

/**
 * The figure lists of a sentence and the people they go to, worked out once per sentence (in one
 * pass over its figures and names, however many there are).
 */
function listsOf(s: AnalysedSentence, v: CompiledVocabulary): Map<FeeAmount, Listed> {
  let known = lists.get(s);
  if (known) return known;
  known = new Map();
  const said = s.tokens.some((t) => v.words.respectively.has(t.lower));
  let before = 0;
  for (let first = 0; first < s.amounts.length;) {
    let last = first;
    while (last < s.amounts.length - 1 && listed(s, s.amounts[last]!, s.amounts[last + 1]!, v)) last++;
    const k = last - first + 1;
    // Mentions are in text order: those ending before the list are a prefix, found by one pointer.
    while (before < s.mentions.length && s.mentions[before]!.end <= s.amounts[first]!.start) before++;
    if (k >= 2 && k <= MAX_LIST && before >= k) {
      const people = s.mentions.slice(before - k, before);
      const distinct = new Set(people.map((m) => m.player)).size === k;
      const together = people.every((m, i) => i === 0 || m.start - people[i - 1]!.end <= LIST_NAME_GAP);
      if (distinct && (said || together)) for (let n = first; n <= last; n++) known.set(s.amounts[n]!, { people, at: n - first });
    }
    first = last + 1;
  }
  lists.set(s, known);
  return known;
}

function listed(s: AnalysedSentence, a: FeeAmount, b: FeeAmount, v: CompiledVocabulary): boolean {
  if (b.start - a.end < 1 || b.start - a.end > 2) return false;
  for (let k = a.end; k < b.start; k++) if (!v.words.listJoiners.has(s.tokens[k]!.lower)) return false;
  return true;
}

/**
 * "Rice for £105m and Jurrien Timber for £38.5m": past the named player's own figure stands a
 * person who is not priced here; the later figure is that person's business, not the player's.
 */
function unpricedBetween(s: AnalysedSentence, named: PlayerMention, amount: FeeAmount): boolean {
  if (s.unpriced.length === 0) return false;
  const figureBetween = s.amounts.some((a) => a.start >= named.end && a.end <= amount.start);
  return figureBetween && s.unpriced.some((x) => x.start >= named.end && x.end <= amount.start);
}

/** Does the sentence point back at someone: "him", "the player", "l'olandese", but not "a defender"? */
function refersBack(s: AnalysedSentence, v: CompiledVocabulary): boolean {
  return s.cues.some((hit) => {
    const reference = hit.values.find((c) => c.type === 'reference');
    if (!reference) return false;
    for (let k = Math.max(0, hit.start - 2); k < hit.start; k++) {
      if (v.words.indefiniteArticles.has(s.tokens[k]!.lower)) return false;
    }
    if (!reference.needsArticle) return true;
    let k = hit.start - 1;
    if (s.tokens[k]?.lower === "'") k--;
    if (!v.words.definiteArticles.has(s.tokens[k]?.lower ?? '')) return false;
    const next = s.tokens[hit.end];
    return !v.source.adjectiveBeforeNoun || !next || next.kind !== 'word' || next.capitalised;
  });
}

function playersIn(sentences: readonly (AnalysedSentence | undefined)[]): Set<number> {
  const set = new Set<number>();
  for (const s of sentences) for (const m of s?.mentions ?? []) if (m.player !== undefined) set.add(m.player);
  return set;
}

/**
 * What attribution asks of the whole document, worked out once per document rather than once
 * per figure (a long text of figures made that quadratic).
 */
interface DocumentFacts {
  /** Per sentence: the one player named earlier in its paragraph; `null` when none or several. */
  readonly soleEarlierPlayer: readonly (number | null)[];
  readonly clubs: ReadonlySet<string>;
  /**
   * The player the article is about: the only one its headline names, else the only one it names
   * at all; undefined when it is about several.
   */
  readonly topic: number | undefined;
  /**
   * Per sentence: the one player of the last earlier sentence (at most `LOOKBACK` back, any
   * paragraph) that named players; `null` when that sentence named several, undefined when none.
   */
  readonly lastNamed: readonly (number | null | undefined)[];
}

const facts = new WeakMap<readonly AnalysedSentence[], DocumentFacts>();

/** Namesakes must be resolved first: the facts read each mention's chosen player. */
function factsOf(doc: readonly AnalysedSentence[]): DocumentFacts {
  let known = facts.get(doc);
  if (known) return known;
  const soleEarlierPlayer: (number | null)[] = [];
  const clubs = new Set<string>();
  let paragraph: number | undefined;
  let seen = new Set<number>();
  for (const s of doc) {
    if (s.paragraph !== paragraph) {
      paragraph = s.paragraph;
      seen = new Set();
    }
    soleEarlierPlayer.push(seen.size === 1 ? [...seen][0]! : null);
    // Two players are as many as a hundred: stop counting.
    if (seen.size < 2) for (const m of s.mentions) if (m.player !== undefined) seen.add(m.player);
    for (const c of s.clubs) clubs.add(c.club);
  }
  const lastNamed: (number | null | undefined)[] = [];
  let last: { at: number; players: Set<number> } | undefined;
  for (const s of doc) {
    lastNamed.push(last && s.index - last.at <= LOOKBACK ? (last.players.size === 1 ? [...last.players][0]! : null) : undefined);
    const named = playersIn([s]);
    if (named.size > 0) last = { at: s.index, players: named };
  }
  known = { soleEarlierPlayer, clubs, topic: topicOf(doc), lastNamed };
  facts.set(doc, known);
  return known;
}

/** The player the article is about (see `topicOf`), worked out once per article. */
export function articleTopic(doc: readonly AnalysedSentence[]): number | undefined {
  return factsOf(doc).topic;
}

function topicOf(doc: readonly AnalysedSentence[]): number | undefined {
  const sole = (sentences: readonly AnalysedSentence[]) => {
    const named = playersIn(sentences);
    return named.size === 1 ? [...named][0] : undefined;
  };
  const headline = headlineOf(doc);
  return (headline.length > 0 ? sole(headline) : undefined) ?? sole(doc) ?? dominant(doc);
}

/** The player named most often, when he is named at least twice and more often than anyone else. */
function dominant(doc: readonly AnalysedSentence[]): number | undefined {
  const counts = new Map<number, number>();
  for (const s of doc) for (const m of s.mentions) if (m.player !== undefined) counts.set(m.player, (counts.get(m.player) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const [top, second] = ranked;
  return top && top[1] >= 2 && (!second || top[1] > second[1]) ? top[0] : undefined;
}

/** The sentences of `s`'s paragraph at most `reach` before it (sentence indices are positions in `doc`). */
function sameParagraphBefore(doc: readonly AnalysedSentence[], s: AnalysedSentence, reach: number): AnalysedSentence[] {
  const out: AnalysedSentence[] = [];
  for (let i = Math.max(0, s.index - reach); i < s.index; i++) if (doc[i]!.paragraph === s.paragraph) out.push(doc[i]!);
  return out;
}

/**
 * A sentence that names nobody ("the club wants €25m for him") is given to a player only when
 * it is clearly the same subject: it refers back to someone (a pronoun, "the player", "the
 * Dutchman", "the fee"), and its paragraph so far is about exactly one player, named in the
 * last two sentences. A new paragraph, or a second player, breaks the chain.
 */
function ownerByReference(doc: readonly AnalysedSentence[], s: AnalysedSentence, v: CompiledVocabulary): number | undefined {
  if (!refersBack(s, v)) return undefined;
  const facts = factsOf(doc);
  if (facts.soleEarlierPlayer[s.index] !== null) {
    const recent = playersIn(sameParagraphBefore(doc, s, REFERENCE_REACH));
    if (recent.size === 1) return [...recent][0];
  }
  // Else the one player of the last sentence that named anyone, across a paragraph break too.
  return facts.lastNamed[s.index] ?? undefined;
}

/**
 * "L'agente di Tonali", "die Berater von Gnabry", "Rice's salary": the name is the complement
 * of a not-a-fee noun, so figures given to that name in the sentence are about that noun.
 * A verb right after the name ("Vlahovic guadagna") is not that: it only tells about its figure.
 */
function heldByNotFee(s: AnalysedSentence, m: PlayerMention): boolean {
  const small = (from: number, to: number) => {
    if (to <= from) return false;
    for (let k = from; k < to; k++) if (s.tokens[k]!.kind === 'num' || s.tokens[k]!.lower.length > 3) return false;
    return true;
  };
  return s.cues.some((h) => {
    if (!h.values.some((c) => c.type === 'notFee')) return false;
    if (h.end <= m.start) return m.start - h.end <= 2 && small(h.end, m.start);
    return h.start >= m.end && h.start - m.end <= 2 && small(m.end, h.start);
  });
}

/** The player a figure is about; null when the figure is explicitly not that player's fee. */
export function ownerOf(
  doc: readonly AnalysedSentence[],
  s: AnalysedSentence,
  amount: FeeAmount,
  v: CompiledVocabulary,
  nationalityOf: (player: number) => string | undefined = () => undefined,
): Owner | null | undefined {
  if (s.mentions.length === 0) {
    const national = byNationality(doc, s, v, nationalityOf);
    if (national) return national;
    const player = ownerByReference(doc, s, v);
    if (player !== undefined) return { player, pairing: 'reference', mention: referenceWords(s) };
    // A sentence naming nobody, in an article about one player, is about him — unless it speaks
    // of someone else by description ("un nuovo difensore", "another striker").
    const topic = factsOf(doc).topic;
    if (topic === undefined || refersToSomeoneElse(s, v)) return undefined;
    return { player: topic, pairing: 'topic', mention: referenceWords(s) };
  }
  const choice = ownerInSentence(s, amount, v);
  if (!choice) return choice;
  const { mention } = choice;
  if (heldByNotFee(s, mention) || mention.player === undefined) return null;
  const distance = mention.start >= amount.end ? mention.start - amount.end : Math.max(0, amount.start - mention.end);
  return {
    player: mention.player,
    pairing: choice.pairing,
    mention: s.text.slice(s.tokens[mention.start]!.start, s.tokens[mention.end - 1]!.end),
    distance,
  };
}

/** "Un nuovo difensore", "another striker": a description of somebody not named yet. */
function refersToSomeoneElse(s: AnalysedSentence, v: CompiledVocabulary): boolean {
  return s.cues.some((hit) => {
    if (!hit.values.some((c) => c.type === 'reference')) return false;
    for (let k = Math.max(0, hit.start - 2); k < hit.start; k++) if (v.words.indefiniteArticles.has(s.tokens[k]!.lower)) return true;
    return false;
  });
}

/** How many sentences back "the Swede" may find the one Swedish player named. */
const NATIONALITY_REACH = 10;

/**
 * "Lo svedese parte in prestito per 10 milioni", "the Brazilian is valued at €72m": a nationality
 * that refers back names the one player of that country the article named in the sentences
 * before (registry nationality, or the one the text gave him: "il brasiliano Vitor Roque").
 */
const byNationalityCache = new WeakMap<AnalysedSentence, Owner | null>();

function byNationality(
  doc: readonly AnalysedSentence[],
  s: AnalysedSentence,
  v: CompiledVocabulary,
  nationalityOf: (player: number) => string | undefined,
): Owner | undefined {
  // The same for every figure of the sentence: worked out once.
  const known = byNationalityCache.get(s);
  if (known !== undefined) return known ?? undefined;
  const found = nationalReference(doc, s, v, nationalityOf);
  byNationalityCache.set(s, found ?? null);
  return found;
}

function nationalReference(
  doc: readonly AnalysedSentence[],
  s: AnalysedSentence,
  v: CompiledVocabulary,
  nationalityOf: (player: number) => string | undefined,
): Owner | undefined {
  for (const hit of s.cues) {
    if (!hit.values.some((c) => c.type === 'reference' && c.needsArticle)) continue;
    let k = hit.start - 1;
    if (s.tokens[k]?.lower === "'") k--;
    if (!v.words.definiteArticles.has(s.tokens[k]?.lower ?? '')) continue;
    const country = countryOfNationality(
      s.tokens
        .slice(hit.start, hit.end)
        .map((t) => t.lower)
        .join(' '),
    );
    if (!country) continue;
    const matches = new Set<number>();
    for (let i = Math.max(0, s.index - NATIONALITY_REACH); i < s.index; i++) {
      for (const m of doc[i]!.mentions) if (m.player !== undefined && nationalityOf(m.player) === country) matches.add(m.player);
    }
    if (matches.size === 1) {
      return {
        player: [...matches][0]!,
        pairing: 'reference',
        mention: s.text.slice(s.tokens[hit.start]!.start, s.tokens[hit.end - 1]!.end),
      };
    }
  }
  return undefined;
}

/** The words a sentence refers back with ("him", "the Dutchman"), for the evidence. */
function referenceWords(s: AnalysedSentence): string {
  const hit = s.cues.find((h) => h.values.some((c) => c.type === 'reference'));
  return hit ? s.text.slice(s.tokens[hit.start]!.start, s.tokens[hit.end - 1]!.end) : '';
}

/** A club right after "contro"/"against" (articles aside) is a match opponent. */
function isOpponent(s: AnalysedSentence, club: ClubMention, v: CompiledVocabulary): boolean {
  for (let k = club.start - 1; k >= 0 && club.start - k <= 3; k--) {
    if (v.words.opponentMarkers.has(s.tokens[k]!.lower)) return true;
  }
  return false;
}

const CLAUSE_MARKS = new Set([',', ';', ':', '(', ')', '"', '«', '»', '“', '”']);

/** Token bounds of the clause holding the figure: between the nearest commas, colons, brackets. */
function clauseOf(s: AnalysedSentence, amount: FeeAmount): [number, number] {
  let start = amount.start;
  while (start > 0 && !CLAUSE_MARKS.has(s.tokens[start - 1]!.lower)) start--;
  let end = amount.end;
  while (end < s.tokens.length && !CLAUSE_MARKS.has(s.tokens[end]!.lower)) end++;
  return [start, end];
}

/**
 * Seller and buyers. The seller is the player's registry club when the article mentions it,
 * else the club introduced by "from"/"dal" nearest to the figure, else the registry club anyway.
 * Buyers are the other clubs of the figure's clause, else of its sentence, else of the sentences
 * around it in the paragraph; a club named as a match opponent or after "from" is never a buyer.
 */
export function clubsOf(
  doc: readonly AnalysedSentence[],
  s: AnalysedSentence,
  amount: FeeAmount,
  player: IndexedPlayer,
  v: CompiledVocabulary,
): { from?: string; to: string[] } {
  const home = player.canonicalClub;
  const mentioned = home !== undefined && factsOf(doc).clubs.has(home);
  const isFromClub = (o: AnalysedSentence, c: ClubMention) => c.start > 0 && v.words.fromPrepositions.has(o.tokens[c.start - 1]!.lower);
  const distance = (c: ClubMention) => (c.start >= amount.end ? c.start - amount.end : amount.start - c.end);
  const introduced = s.clubs.filter((c) => isFromClub(s, c)).sort((a, b) => distance(a) - distance(b))[0];
  const from = home && mentioned ? home : (introduced?.club ?? home ?? player.club);
  const others = (list: readonly AnalysedSentence[], within = (_: ClubMention) => true) => {
    const clubs = list.flatMap((o) => o.clubs.filter((c) => within(c) && !isOpponent(o, c, v) && !isFromClub(o, c)).map((c) => c.club));
    return [...new Set(clubs)].filter((c) => c !== from);
  };
  const [clauseStart, clauseEnd] = clauseOf(s, amount);
  let to = others([s], (c) => c.start >= clauseStart && c.end <= clauseEnd);
  if (to.length === 0) to = others([s]);
  if (to.length === 0) {
    const around = [doc[s.index - 1], doc[s.index + 1]].filter((o): o is AnalysedSentence => o?.paragraph === s.paragraph);
    to = others(around);
  }
  return { from, to };
}
