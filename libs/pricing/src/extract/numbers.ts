import { fold } from './text.js';
import type { LanguageVocabulary } from './types.js';

/**
 * Reads a written numeral. Grouping marks are told from decimal marks by the language's
 * convention and by the three-digit rule: "1.000" is a thousand in Spanish, "45.5" is 45.5
 * anywhere, "1,250" is 1.25 in Italian and 1250 in English.
 */
export function parseNumeral(text: string, decimalSeparator: ',' | '.'): number {
  const marks = text.match(/[.,]/g);
  if (!marks) return Number(text);
  const groups = text.split(/[.,]/);
  if (marks.length > 1) {
    const last = marks[marks.length - 1]!;
    if (marks.every((m) => m === last)) return Number(groups.join(''));
    const whole = groups.slice(0, -1).join('');
    return Number(`${whole}.${groups[groups.length - 1]}`);
  }
  const after = groups[1]!;
  const isGrouping = after.length === 3 && marks[0] !== decimalSeparator;
  return isGrouping ? Number(groups.join('')) : Number(`${groups[0]}.${after}`);
}

type AtomType = 'unit' | 'hundred' | 'join';
interface Atom {
  readonly text: string;
  readonly type: AtomType;
  readonly value: number;
}

const MAX_WORD = 40;

/**
 * Numbers written in words, up to the hundreds: enough for fees, which are counted in millions.
 * Compound words are split into known parts ("venticinque" = venti + cinque,
 * "fünfundzwanzig" = fünf + und + zwanzig), so the tables list parts, not every number.
 */
export class NumberWords {
  private readonly atoms: Atom[];
  private readonly cache = new Map<string, readonly Atom[] | null>();

  constructor(vocab: LanguageVocabulary) {
    const atoms: Atom[] = [];
    for (const [text, value] of Object.entries(vocab.numberWords)) atoms.push({ text: fold(text), type: 'unit', value });
    for (const text of vocab.hundredWords) atoms.push({ text: fold(text), type: 'hundred', value: 100 });
    for (const text of vocab.numberJoiners) atoms.push({ text: fold(text), type: 'join', value: 0 });
    this.atoms = atoms.sort((a, b) => b.text.length - a.text.length);
  }

  /** True when the folded word is made only of number parts. */
  isNumberWord(word: string): boolean {
    return this.split(word) !== null;
  }

  isJoiner(word: string): boolean {
    const parts = this.split(word);
    return parts !== null && parts.every((p) => p.type === 'join');
  }

  /** The value of a run of folded number words, or undefined when it says no number. */
  value(words: readonly string[]): number | undefined {
    let total = 0;
    let seen = false;
    for (const word of words) {
      const parts = this.split(word);
      if (!parts) return undefined;
      for (const part of parts) {
        if (part.type === 'unit') {
          total += part.value;
          seen = true;
        } else if (part.type === 'hundred') {
          total = (total === 0 ? 1 : total) * 100;
          seen = true;
        }
      }
    }
    return seen && total > 0 ? total : undefined;
  }

  private split(word: string): readonly Atom[] | null {
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const parts = word.length <= MAX_WORD ? this.splitFrom(word, 0, new Set()) : null;
    if (this.cache.size < 5000) this.cache.set(word, parts);
    return parts;
  }

  // Depth-first, longest part first; positions known to fail are remembered, so it stays linear.
  private splitFrom(word: string, at: number, failed: Set<number>): Atom[] | null {
    if (at === word.length) return [];
    if (failed.has(at)) return null;
    for (const atom of this.atoms) {
      if (!word.startsWith(atom.text, at)) continue;
      const rest = this.splitFrom(word, at + atom.text.length, failed);
      if (rest) return [atom, ...rest];
    }
    failed.add(at);
    return null;
  }
}
