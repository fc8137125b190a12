import type { Language } from './types.js';

export interface Sentence {
  readonly text: string;
  readonly index: number;
  /** Paragraphs bound how far a "him" may reach back for its player. */
  readonly paragraph: number;
}

// Words ending in a dot that do not end a sentence: "55 Mio. Euro", "Sig. Rossi", "St. Pauli".
const ABBREVIATIONS = new Set([
  'mio', 'mrd', 'mln', 'mld', 'sig', 'dott', 'ing', 'mr', 'mrs', 'ms', 'dr', 'st', 'jr', 'sr', 'vs', 'ca', 'nr', 'bzw',
  'inkl', 'zzgl', 'etc', 'fc', 'ac', 'sv', 'no', 'approx', 'prof', 'av', 'sra', 'sto', 'mme', 'mlle', 'ggf',
  'evtl', 'vgl', 'sen', 'gen', 'ex',
]);
const LAST_WORD = /([\p{L}]+)\.\s*$/u;
/** A wrapped line is long and does not end a sentence; a headline is short or ends in punctuation. */
const WRAPPED_LINE = 60;
/** A block of one short line without a full stop is a heading: it belongs to the text below it. */
const HEADING_LINE = 150;

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(language: Language | 'und'): Intl.Segmenter {
  let s = segmenters.get(language);
  if (!s) {
    s = new Intl.Segmenter(language === 'und' ? 'en' : language, { granularity: 'sentence' });
    segmenters.set(language, s);
  }
  return s;
}

function paragraphsOf(text: string): string[][] {
  const paragraphs: string[][] = [];
  for (const block of text.split(/\n[ \t\u00a0]*\n/)) {
    const units: string[] = [];
    let pending = '';
    for (const raw of block.split('\n')) {
      const line = raw.trim();
      if (!line) continue;
      pending = pending ? `${pending} ${line}` : line;
      if (line.length < WRAPPED_LINE || /[.!?:;"»”)]$/.test(line)) {
        units.push(pending);
        pending = '';
      }
    }
    if (pending) units.push(pending);
    if (units.length > 0) paragraphs.push(units);
  }
  return paragraphs;
}

function shouldJoin(previous: string, next: string): boolean {
  const word = LAST_WORD.exec(previous)?.[1];
  if (word && ABBREVIATIONS.has(word.toLowerCase())) return true;
  return /^[\p{Ll}\d]/u.test(next);
}

/**
 * Sentences via `Intl.Segmenter`, mended where it splits after abbreviations, with lines that
 * stand alone (headlines) kept as their own sentences.
 */
export function splitSentences(text: string, language: Language | 'und'): Sentence[] {
  const sentences: Sentence[] = [];
  const seg = segmenter(language);
  let paragraph = 0;
  for (const units of paragraphsOf(text)) {
    const heading = units.length === 1 && units[0]!.length < HEADING_LINE && !/[.!?]["»”]?$/.test(units[0]!);
    for (const unit of units) {
      const parts: string[] = [];
      for (const { segment } of seg.segment(unit)) {
        const part = segment.trim();
        if (!part) continue;
        const last = parts.length - 1;
        if (last >= 0 && shouldJoin(parts[last]!, part)) parts[last] = `${parts[last]} ${part}`;
        else parts.push(part);
      }
      for (const part of parts) sentences.push({ text: part, index: sentences.length, paragraph });
    }
    if (!heading) paragraph++;
  }
  return sentences;
}
