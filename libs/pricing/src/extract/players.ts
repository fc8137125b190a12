import { clubIndexFor, type ClubMention } from './clubs.js';
import { VOCABULARIES } from './lang/index.js';
import { PhraseTable, type Folded } from './phrases.js';
import { phraseWords, tokenize, type Token } from './text.js';
import { LANGUAGES, type KnownPlayer, type Language } from './types.js';

export interface IndexedPlayer {
  readonly ordinal: number;
  readonly id?: string;
  readonly name: string;
  readonly club?: string;
  /** The club as reports name it, when the club is one the extractor knows. */
  readonly canonicalClub?: string;
}

interface NameEntry {
  readonly player: number;
  /** Two words or more, written as the registry has them: safe to match anywhere. */
  readonly strong: boolean;
}

/** The registry prepared for matching names in text. Build once, use for every article. */
export interface PlayerIndex {
  readonly players: readonly IndexedPlayer[];
  readonly names: PhraseTable<NameEntry>;
}

export interface PlayerMention {
  readonly start: number;
  readonly end: number;
  readonly candidates: readonly number[];
  /** The candidate chosen among namesakes, set once the whole article has been read. */
  player?: number;
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
  known.forEach((p, ordinal) => {
    const club = p.club?.trim() || undefined;
    players.push({ ordinal, id: p.id, name: p.name, club, canonicalClub: club ? clubs.canonical(club) : undefined });
    const keys = new Map<string, { words: string[]; strong: boolean }>();
    const add = (words: string[], strong: boolean) => {
      if (words.length === 0) return;
      const key = words.join(' ');
      const existing = keys.get(key);
      keys.set(key, { words, strong: strong || (existing?.strong ?? false) });
    };
    const full = nameWords(p.name);
    add(full, full.length > 1);
    for (const alias of p.aliases ?? []) {
      const words = nameWords(alias);
      add(words, words.length > 1);
    }
    // The surname as the press writes it: the name without its first given name.
    if (full.length > 1) add(full.slice(1), false);
    for (const { words, strong } of keys.values()) entries.push([words, { player: ordinal, strong }]);
  });
  return { players, names: new PhraseTable(entries) };
}

// Surnames that are also everyday words: matched alone only when clearly used as a name.
const EVERYDAY_SURNAMES = [
  'costa', 'silva', 'santos', 'alba', 'rico', 'mata', 'torres', 'ramos', 'neves', 'campos', 'bravo', 'blanco',
  'moreno', 'bueno', 'franco', 'leal', 'serra', 'forte', 'grande', 'conti', 'villa', 'can', 'will', 'young',
  'white', 'king', 'long', 'bell', 'hall', 'green', 'brown', 'black', 'rose', 'ward', 'day', 'cash', 'mount',
  'stones', 'walker', 'price', 'gray', 'grant', 'little', 'best', 'love', 'hope', 'head', 'bank', 'kraft', 'stark',
  'klein', 'lang', 'fuchs', 'wolf', 'vogel', 'neuer', 'junior', 'real', 'city', 'united', 'club', 'sport',
];

let everyday: ReadonlySet<string> | undefined;
/** Every word the vocabularies use, plus common words that are also surnames. */
export function everydayWords(): ReadonlySet<string> {
  if (everyday) return everyday;
  const set = new Set<string>(EVERYDAY_SURNAMES);
  for (const language of LANGUAGES) {
    const v = VOCABULARIES[language];
    const lists = [
      v.stopwords, v.approx, v.notFee, v.playerReferences, v.addonWords, v.loanOptions, Object.keys(v.multipliers),
      Object.keys(v.currencies), Object.keys(v.numberWords), ...Object.values(v.kinds),
    ];
    for (const list of lists) for (const phrase of list) for (const w of phraseWords(phrase)) set.add(w);
  }
  everyday = set;
  return set;
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
  for (let i = 0; i < stream.length; ) {
    const hit = stream[i] === BARRIER ? undefined : index.names.matchAt(stream, i);
    if (!hit) {
      i++;
      continue;
    }
    const start = at[hit.start]!;
    const end = at[hit.end - 1]! + 1;
    const strong = hit.values.some((e) => e.strong);
    let accepted = true;
    if (!strong) {
      const single = hit.end - hit.start === 1;
      const everydayWord = single && common.has(stream[i]!.lower);
      const inClub = clubs.some((c) => c.start < end && start < c.end);
      const asNoun = single && nounMarkers.has(tokens[start - 1]?.lower ?? '');
      accepted = tokens[end - 1]!.capitalised && !inClub && !asNoun && !(everydayWord && (start === firstWord || language === 'de'));
    }
    if (accepted) mentions.push({ start, end, candidates: [...new Set(hit.values.map((e) => e.player))] });
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
