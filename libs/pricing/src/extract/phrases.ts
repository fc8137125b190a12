import { phraseWords } from './text.js';

/** What phrase matching needs of a token: its folded form. */
export interface Folded {
  readonly lower: string;
  /** Whitespace stands before it; unknown counts as spaced. */
  readonly spaced?: boolean;
}

/** "year" in "year-long" is part of a compound, not the word "year". */
function continuesCompound(tokens: readonly Folded[], end: number): boolean {
  const hyphen = tokens[end];
  return hyphen?.lower === '-' && hyphen.spaced === false && tokens[end + 1]?.spaced === false;
}

export interface PhraseHit<T> {
  /** Token index of the first word. */
  readonly start: number;
  /** Token index after the last word. */
  readonly end: number;
  readonly values: readonly T[];
}

interface Entry<T> {
  readonly words: readonly string[];
  readonly values: T[];
}

/**
 * Multi-word phrases looked up token by token. Matching walks the tokens once and tries only the
 * phrases starting with the current word, longest first, so it is linear in the text and a longer
 * phrase ("deal worth") wins over a shorter one inside it ("worth").
 */
export class PhraseTable<T> {
  private readonly byFirst = new Map<string, Entry<T>[]>();

  /** Phrases are tokenized like article text; pass `words` already split to skip that. */
  constructor(entries: Iterable<readonly [phrase: string | readonly string[], value: T]>) {
    const byKey = new Map<string, Entry<T>>();
    for (const [phrase, value] of entries) {
      const words = typeof phrase === 'string' ? phraseWords(phrase) : phrase;
      if (words.length === 0) continue;
      const key = words.join(' ');
      const existing = byKey.get(key);
      if (existing) {
        if (!existing.values.includes(value)) existing.values.push(value);
        continue;
      }
      const entry: Entry<T> = { words, values: [value] };
      byKey.set(key, entry);
      const bucket = this.byFirst.get(words[0]!) ?? [];
      bucket.push(entry);
      this.byFirst.set(words[0]!, bucket);
    }
    for (const bucket of this.byFirst.values()) bucket.sort((a, b) => b.words.length - a.words.length);
  }

  /** The longest phrase starting at token `i`, if any. */
  matchAt(tokens: readonly Folded[], i: number): PhraseHit<T> | undefined {
    const bucket = this.byFirst.get(tokens[i]?.lower ?? '');
    if (!bucket) return undefined;
    for (const entry of bucket) {
      if (i + entry.words.length > tokens.length) continue;
      let ok = true;
      for (let k = 1; k < entry.words.length; k++) {
        if (tokens[i + k]!.lower !== entry.words[k]) {
          ok = false;
          break;
        }
      }
      if (ok && !continuesCompound(tokens, i + entry.words.length)) return { start: i, end: i + entry.words.length, values: entry.values };
    }
    return undefined;
  }

  /** Every non-overlapping phrase, left to right. */
  findAll(tokens: readonly Folded[]): PhraseHit<T>[] {
    const hits: PhraseHit<T>[] = [];
    for (let i = 0; i < tokens.length;) {
      const hit = this.matchAt(tokens, i);
      if (hit) {
        hits.push(hit);
        i = hit.end;
      } else {
        i++;
      }
    }
    return hits;
  }
}

/** A set of single words or phrases, answering "does one start at token i?". */
export function phraseSet(phrases: Iterable<string>): PhraseTable<true> {
  return new PhraseTable([...phrases].map((p) => [p, true] as const));
}

/** Folded single-word forms, for vocabulary lists whose entries are one token each. */
export function wordSet(words: Iterable<string>): ReadonlySet<string> {
  const set = new Set<string>();
  for (const w of words) for (const part of phraseWords(w)) set.add(part);
  return set;
}
