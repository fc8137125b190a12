/** A piece of a sentence: a number, a word, or a single sign. Indices are into the sentence. */
export interface Token {
  readonly text: string;
  /** Case- and accent-folded form used for every comparison. */
  readonly lower: string;
  readonly kind: 'num' | 'word' | 'sym';
  readonly start: number;
  readonly end: number;
  /** Whitespace stands before it: "25m" is attached, "25 m" is not. */
  readonly spaced: boolean;
  readonly capitalised: boolean;
}

// Letters that Unicode decomposition leaves alone but that writers routinely transliterate.
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  đ: 'd',
  ł: 'l',
  ı: 'i',
  þ: 'th',
  ð: 'd',
};
const SPECIAL = /[øæœßđłıþð]/g;
// Typographic variants of the signs the vocabularies use.
const SIGNS: Readonly<Record<string, string>> = {
  '’': "'",
  '‘': "'",
  ʼ: "'",
  '`': "'",
  '´': "'",
  '–': '-',
  '—': '-',
  '‑': '-',
  '−': '-',
  '＋': '+',
};

const ASCII = /^[\x00-\x7f]*$/;
/** Words repeat across articles: their folded forms are kept, up to this many (then start afresh). */
const FOLD_CACHE_SIZE = 50_000;
const folded = new Map<string, string>();
const MAX_CACHED_WORD = 40;

/** Lower case without accents: Kjær → kjaer, Ødegaard → odegaard, Leão → leao. */
export function fold(text: string): string {
  // Most words are plain ASCII: lower case is all they need, without Unicode normalisation.
  if (ASCII.test(text)) return text.toLowerCase();
  let known = text.length <= MAX_CACHED_WORD ? folded.get(text) : undefined;
  if (known === undefined) {
    known = text
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(SPECIAL, (c) => SPECIAL_LETTERS[c] ?? c);
    // Words, not whole texts: the cache must stay small.
    if (text.length <= MAX_CACHED_WORD) {
      if (folded.size >= FOLD_CACHE_SIZE) folded.clear();
      folded.set(text, known);
    }
  }
  return known;
}

// Linear: three alternatives that cannot overlap, no nested quantifiers.
const TOKEN = /\d+(?:[.,]\d+)*|[\p{L}\p{M}]+|[^\s\p{L}\p{M}\d]/gu;
const UPPER = /^\p{Lu}/u;

export function tokenize(sentence: string): Token[] {
  const tokens: Token[] = [];
  for (const m of sentence.matchAll(TOKEN)) {
    const text = m[0];
    const start = m.index;
    const first = text.charCodeAt(0);
    const kind = first >= 48 && first <= 57 ? 'num' : text.length === 1 && !/[\p{L}\p{M}]/u.test(text) ? 'sym' : 'word';
    const lower = kind === 'sym' ? (SIGNS[text] ?? text) : kind === 'word' ? fold(text) : text;
    const spaced = start === 0 || /\s/.test(sentence[start - 1] ?? ' ');
    tokens.push({ text, lower, kind, start, end: start + text.length, spaced, capitalised: UPPER.test(text) });
  }
  return tokens;
}

/** Folded word forms of a phrase, as the tokenizer would produce them. */
export function phraseWords(phrase: string): string[] {
  return tokenize(phrase).map((t) => t.lower);
}
