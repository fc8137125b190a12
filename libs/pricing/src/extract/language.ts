import { VOCABULARIES } from './lang/index.js';
import { fold } from './text.js';
import { LANGUAGES, type Language } from './types.js';

const stopwords = new Map<string, Language[]>();
for (const language of LANGUAGES) {
  for (const word of VOCABULARIES[language].stopwords) {
    const key = fold(word);
    const list = stopwords.get(key) ?? [];
    if (!list.includes(language)) list.push(language);
    stopwords.set(key, list);
  }
}

/** Enough of an article to tell its language; the rest only costs time. */
const SAMPLE_CHARS = 4000;
const WORD = /[\p{L}\p{M}]+(?:'[\p{L}\p{M}]+)?/gu;

/**
 * Counts each language's function words. A word shared by several languages ("la", "que") counts
 * for each of them less than a word only one language uses, so one ordinary sentence is enough.
 */
export function detectLanguage(text: string): Language | 'und' {
  const scores = new Map<Language, number>();
  // Folded once, as a whole: per word it cost more than the counting.
  for (const m of fold(text.slice(0, SAMPLE_CHARS)).replaceAll('’', "'").matchAll(WORD)) {
    const languages = stopwords.get(m[0]);
    if (!languages) continue;
    for (const language of languages) scores.set(language, (scores.get(language) ?? 0) + 1 / languages.length);
  }
  let best: Language | 'und' = 'und';
  let bestScore = 0;
  for (const language of LANGUAGES) {
    const score = scores.get(language) ?? 0;
    if (score > bestScore) {
      best = language;
      bestScore = score;
    }
  }
  return bestScore >= 1 ? best : 'und';
}
