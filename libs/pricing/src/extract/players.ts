import { clubIndexFor, type ClubMention } from './clubs.js';
import { PhraseTable, type Folded } from './phrases.js';
import { everydayWords } from './everyday.js';
import { isClubWord, NOT_PEOPLE, PARTICLES } from './strangers.js';
import { fold, tokenize, type Token } from './text.js';
import type { KnownPlayer, Language, LinkRule, PlayerMention } from './types.js';

export { everydayWords } from './everyday.js';
export type { PlayerMention } from './types.js';

export interface IndexedPlayer {
  readonly ordinal: number;
  readonly id?: string;
  readonly name: string;
  readonly club?: string;
  /** The club as reports name it, when the club is one the extractor knows. */
  readonly canonicalClub?: string;
  /** Folded ("sweden"): what "the Swede" is matched against. */
  readonly nationality?: string;
}

interface NameEntry {
  readonly player: number;
  /** Two words or more, written as the registry has them: safe to match anywhere. */
  readonly strong: boolean;
  /** The player's full name, not an alias or the surname. */
  readonly full: boolean;
}

/** The registry prepared for matching names in text. Build once, use for every article. */
export interface PlayerIndex {
  readonly players: readonly IndexedPlayer[];
  readonly names: PhraseTable<NameEntry>;
  /** How many registry names start with a word: "Pedro" alone is a first name more often than a player. */
  readonly givenNames: ReadonlyMap<string, number>;
  /** How many registry names end with a word. */
  readonly surnames: ReadonlyMap<string, number>;
  /** Per player, the folded words of his name: read on every lone surname, so split once. */
  readonly nameWords: readonly (readonly string[])[];
}

// Hyphens, apostrophes and dots inside names are dropped, so "Loftus-Cheek" = "Loftus Cheek"
// and "N'Golo" = "N Golo"; one-letter words ("N", the "T." of "Hernandez T.") are dropped too.
const SOFT_SIGNS = new Set(['-', "'", '.']);
const BARRIER: Folded = { lower: '\u0000' };

function nameWords(name: string): string[] {
  return tokenize(name)
    .filter((t) => t.kind === 'word' && t.lower.length > 1)
    .map((t) => t.lower);
}

export function createPlayerIndex(known: readonly KnownPlayer[]): PlayerIndex {
  const clubs = clubIndexFor('und');
  const players: IndexedPlayer[] = [];
  const entries: [readonly string[], NameEntry][] = [];
  const givenNames = new Map<string, number>();
  const surnames = new Map<string, number>();
  const wordsOf: string[][] = [];
  known.forEach((p, ordinal) => {
    const club = p.club?.trim() || undefined;
    const nationality = p.nationality?.trim() ? fold(p.nationality) : undefined;
    players.push({
      ordinal,
      id: p.id,
      name: p.name,
      club,
      canonicalClub: club ? clubs.canonical(club) : undefined,
      ...(nationality ? { nationality } : {}),
    });
    const keys = new Map<string, { words: string[]; strong: boolean; full: boolean }>();
    const add = (words: string[], strong: boolean, full = false) => {
      if (words.length === 0) return;
      const key = words.join(' ');
      const existing = keys.get(key);
      keys.set(key, { words, strong: strong || (existing?.strong ?? false), full: full || (existing?.full ?? false) });
    };
    const full = nameWords(p.name);
    wordsOf.push(full);
    add(full, full.length > 1, true);
    if (full.length > 1) {
      givenNames.set(full[0]!, (givenNames.get(full[0]!) ?? 0) + 1);
      surnames.set(full.at(-1)!, (surnames.get(full.at(-1)!) ?? 0) + 1);
    }
    for (const alias of p.aliases ?? []) {
      const words = nameWords(alias);
      add(words, words.length > 1);
    }
    // The surname as the press writes it: the name without its first given name.
    if (full.length > 1) add(full.slice(1), false);
    for (const { words, strong, full: isFull } of keys.values()) entries.push([words, { player: ordinal, strong, full: isFull }]);
  });
  return { players, names: new PhraseTable(entries), givenNames, surnames, nameWords: wordsOf };
}

/** Is `word` one of the given names of a candidate ("Pierre" of Pierre Kalulu)? */
export function givenNameOf(index: PlayerIndex, candidates: readonly number[], word: string): boolean {
  return candidates.some((p) => {
    const words = index.nameWords[p]!;
    return words.indexOf(word) >= 0 && words.indexOf(word) < words.length - 1;
  });
}

/**
 * A lone word that matches a registry alias or surname, and why it must not be taken as that
 * player: a stadium or a competition ("Old Trafford"), a word of a club's name ("Villa"), a first
 * name more often than a surname ("Pedro"), or the surname of someone else, whose own first name
 * stands before it ("Aldo Kalulu" when the registry's Kalulu is Pierre).
 */
function loneWordIsSomeoneElse(
  tokens: readonly Token[],
  start: number,
  candidates: readonly number[],
  index: PlayerIndex,
  common: ReadonlySet<string>,
  language: Language,
  firstWord: number,
): boolean {
  const word = tokens[start]!.lower;
  if (NOT_PEOPLE.has(word) || isClubWord(word)) return true;
  const mononym = candidates.some((p) => index.nameWords[p]!.length === 1);
  const asGiven = index.givenNames.get(word) ?? 0;
  if (!mononym && asGiven >= 3 && asGiven > (index.surnames.get(word) ?? 0)) return true;
  // Glued to what stands before it, the word is the end of a longer name: "O'Riley", "N'Diaye".
  const glued = tokens[start - 1];
  if (glued && !tokens[start]!.spaced && (glued.kind === 'word' || glued.lower === "'")) return true;
  // Followed by a capitalised name, the word is someone's first name: "Aurelio De Laurentiis".
  let k = start + 1;
  while (k < tokens.length && PARTICLES.has(tokens[k]!.lower) && k - start <= 2) k++;
  const next = tokens[k];
  if (
    next &&
    next.kind === 'word' &&
    next.capitalised &&
    next.lower.length > 1 &&
    !common.has(next.lower) &&
    !isClubWord(next.lower) &&
    !NOT_PEOPLE.has(next.lower) &&
    language !== 'de'
  )
    return true;
  const prev = tokens[start - 1];
  if (!prev || prev.kind !== 'word' || !prev.capitalised || prev.lower.length < 2 || common.has(prev.lower)) return false;
  if (givenNameOf(index, candidates, prev.lower)) return false;
  if (NOT_PEOPLE.has(prev.lower) || index.givenNames.has(prev.lower)) return true;
  // Elsewhere a capital inside a sentence starts a name; German capitalises every noun, and the
  // first word of a sentence is capitalised anyway.
  return language !== 'de' && start - 1 !== firstWord;
}

/** Name words of a sentence; a comma or a number between two words stops a name running across. */
function nameStream(tokens: readonly Token[]): { stream: Folded[]; at: number[] } {
  const stream: Folded[] = [];
  const at: number[] = [];
  tokens.forEach((t, i) => {
    if (t.kind === 'sym' && SOFT_SIGNS.has(t.lower)) return;
    if (t.kind === 'word' && t.lower.length === 1) return;
    stream.push(t.kind === 'word' ? t : BARRIER);
    at.push(i);
  });
  return { stream, at };
}

/** Player names in one sentence, namesakes still open. */
export function findPlayerMentions(
  tokens: readonly Token[],
  index: PlayerIndex,
  clubs: readonly ClubMention[],
  language: Language,
  nounMarkers: ReadonlySet<string>,
): PlayerMention[] {
  const { stream, at } = nameStream(tokens);
  const common = everydayWords();
  const firstWord = tokens.findIndex((t) => t.kind === 'word');
  const mentions: PlayerMention[] = [];
  for (let i = 0; i < stream.length;) {
    const hit = stream[i] === BARRIER ? undefined : index.names.matchAt(stream, i);
    if (!hit) {
      i++;
      continue;
    }
    const start = at[hit.start]!;
    const end = at[hit.end - 1]! + 1;
    const strong = hit.values.some((e) => e.strong);
    const candidates = [...new Set(hit.values.map((e) => e.player))];
    let accepted = true;
    if (!strong) {
      const single = hit.end - hit.start === 1;
      const everydayWord = single && common.has(stream[i]!.lower);
      const inClub = clubs.some((c) => c.start < end && start < c.end);
      const asNoun = single && nounMarkers.has(tokens[start - 1]?.lower ?? '');
      accepted =
        tokens[end - 1]!.capitalised &&
        !inClub &&
        !asNoun &&
        !(everydayWord && (start === firstWord || language === 'de')) &&
        !(single && loneWordIsSomeoneElse(tokens, start, candidates, index, common, language, firstWord));
    }
    const link: LinkRule = strong
      ? hit.values.some((e) => e.strong && e.full)
        ? 'full-name'
        : 'alias'
      : hit.values.some((e) => e.full)
        ? 'alias'
        : 'surname';
    if (accepted) mentions.push({ start, end, candidates, link });
    i = accepted ? hit.end : i + 1;
  }
  return mentions;
}

interface SentenceNames {
  readonly mentions: PlayerMention[];
  readonly clubs: readonly ClubMention[];
}

/**
 * Chooses among namesakes with what the whole article says, in this order: the one named in
 * full elsewhere; the one whose club is mentioned in the sentence, then next to it, then
 * anywhere; the one at a club the extractor knows; the registry's first.
 */
export function resolveNamesakes(sentences: readonly SentenceNames[], index: PlayerIndex): void {
  const named = new Set<number>();
  const everywhere = new Set<string>();
  for (const s of sentences) {
    for (const m of s.mentions) if (m.candidates.length === 1) named.add(m.candidates[0]!);
    for (const c of s.clubs) everywhere.add(c.club);
  }
  const clubOf = (p: number) => index.players[p]?.canonicalClub ?? '';
  const clubsIn = (list: readonly (SentenceNames | undefined)[]) => new Set(list.flatMap((s) => s?.clubs.map((c) => c.club) ?? []));
  sentences.forEach((s, n) => {
    if (s.mentions.every((m) => m.candidates.length === 1)) {
      for (const m of s.mentions) m.player = m.candidates[0];
      return;
    }
    const here = clubsIn([s]);
    const nearby = clubsIn([sentences[n - 1], s, sentences[n + 1]]);
    const filters: ((p: number) => boolean)[] = [
      (p) => named.has(p),
      (p) => here.has(clubOf(p)),
      (p) => nearby.has(clubOf(p)),
      (p) => everywhere.has(clubOf(p)),
      (p) => clubOf(p) !== '',
    ];
    for (const m of s.mentions) {
      let pool = [...m.candidates];
      for (const keep of filters) {
        if (pool.length === 1) break;
        const kept = pool.filter(keep);
        if (kept.length > 0) pool = kept;
      }
      m.player = pool[0];
    }
  });
}
