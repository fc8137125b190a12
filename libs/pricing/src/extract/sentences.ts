import type { Language } from './types.js';

export interface Sentence {
  readonly text: string;
  readonly index: number;
  /** Paragraphs bound how far a "him" may reach back for its player. */
  readonly paragraph: number;
}

// Words ending in a dot that do not end a sentence: "55 Mio. Euro", "Sig. Rossi", "St. Pauli".
const ABBREVIATIONS = new Set([
  'mio',
  'mrd',
  'mln',
  'mld',
  'sig',
  'dott',
  'ing',
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'jr',
  'sr',
  'vs',
  'ca',
  'nr',
  'bzw',
  'inkl',
  'zzgl',
  'etc',
  'fc',
  'ac',
  'sv',
  'no',
  'approx',
  'prof',
  'av',
  'sra',
  'sto',
  'mme',
  'mlle',
  'ggf',
  'evtl',
  'vgl',
  'sen',
  'gen',
  'ex',
]);
/** No abbreviation is longer: a longer word before a dot is not one, however long it runs. */
const MAX_ABBREVIATION = 8;
const LAST_WORD = /([\p{L}]+)\.$/u;
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

/**
 * V8's sentence segmenter spends time proportional to the length of its input on every segment
 * (200 kB of "e! " takes seconds), so long text is fed to it in windows. Each window starts on a
 * boundary already found; only segments ending before the window's last `SEGMENT_MARGIN`
 * characters are kept, because ICU decides a boundary by looking ahead (". 25 …" versus ". The"),
 * and that lookahead must not see a cut window end. A segment too long for the window widens it.
 */
const SEGMENT_WINDOW = 2048;
const SEGMENT_MARGIN = 512;

/** Characters after which ICU may end a sentence (terminators and separators); text without one is one segment. */
const MAY_END_SENTENCE = /[\p{Sentence_Terminal}\u2024\ufe52\uff0e\n\r\u0085\u2028\u2029]/u;

export function* segmentsOf(seg: Intl.Segmenter, text: string, window = SEGMENT_WINDOW, margin = SEGMENT_MARGIN): Generator<string> {
  // Most lines of a long text are short and unpunctuated: the segmenter's set-up costs more than they do.
  if (!MAY_END_SENTENCE.test(text)) {
    if (text) yield text;
    return;
  }
  let at = 0;
  let size = window;
  while (at < text.length) {
    // A window reaching the end of the text cuts nothing: every segment in it is final.
    const last = text.length - at <= size;
    // A widened window only serves to find the end of its long first segment.
    const widened = size > window;
    const safe = last ? Infinity : size - margin;
    let next = at;
    for (const { segment, index } of seg.segment(at === 0 && last ? text : text.slice(at, at + size))) {
      if (index + segment.length > safe) break;
      yield segment;
      next = at + index + segment.length;
      if (widened) break;
    }
    if (last && !widened) return;
    size = next === at ? size * 2 : window;
    at = next;
  }
}

function paragraphsOf(text: string): string[][] {
  const paragraphs: string[][] = [];
  for (const block of text.split(/\n[ \t\u00a0]*\n/)) {
    const units: string[] = [];
    let pending: string[] = [];
    for (const raw of block.split('\n')) {
      const line = raw.trim();
      if (!line) continue;
      pending.push(line);
      if (line.length < WRAPPED_LINE || /[.!?:;"»”)]$/.test(line)) {
        units.push(pending.join(' '));
        pending = [];
      }
    }
    if (pending.length > 0) units.push(pending.join(' '));
    if (units.length > 0) paragraphs.push(units);
  }
  return paragraphs;
}

/** The word ending in a dot at the end of `text` ("Mio." → "mio"), when short enough to be an abbreviation. */
function abbreviationAtEnd(text: string): string | undefined {
  const end = text.trimEnd();
  // Only the tail is read: a regex over a long run of letters before the dot backtracks quadratically.
  const tail = end.slice(-(MAX_ABBREVIATION + 2));
  const match = LAST_WORD.exec(tail);
  if (!match) return undefined;
  // A run reaching the start of a cut tail is longer than any abbreviation.
  if (tail.length < end.length && match.index < 2) return undefined;
  return match[1]!.toLowerCase();
}

/** `previous` is the last segment of the sentence so far: a join adds a space, so no word runs across it. */
function shouldJoin(previous: string, next: string): boolean {
  const word = abbreviationAtEnd(previous);
  if (word && ABBREVIATIONS.has(word)) return true;
  return /^[\p{Ll}\d]/u.test(next);
}

/**
 * Sentences via `Intl.Segmenter`, mended where it splits after abbreviations, with lines that
 * stand alone (headlines) kept as their own sentences. Linear in the text: a sentence is kept as
 * its segments until it is complete, so joining never re-reads what was joined before.
 */
export function splitSentences(text: string, language: Language | 'und'): Sentence[] {
  const sentences: Sentence[] = [];
  const seg = segmenter(language);
  let paragraph = 0;
  for (const units of paragraphsOf(text)) {
    const heading = units.length === 1 && units[0]!.length < HEADING_LINE && !/[.!?]["»”]?$/.test(units[0]!);
    for (const unit of units) {
      const parts: string[][] = [];
      for (const segment of segmentsOf(seg, unit)) {
        const part = segment.trim();
        if (!part) continue;
        const last = parts[parts.length - 1];
        if (last && shouldJoin(last[last.length - 1]!, part)) last.push(part);
        else parts.push([part]);
      }
      for (const part of parts) sentences.push({ text: part.join(' '), index: sentences.length, paragraph });
    }
    if (!heading) paragraph++;
  }
  return sentences;
}
