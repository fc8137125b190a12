import { describe, expect, it } from '@jest/globals';
import { detectLanguage } from './language.js';
import { splitSentences } from './sentences.js';

describe('language detection', () => {
  it.each([
    ['Il Milan potrebbe chiedere una cifra vicina ai 25 milioni di euro per il difensore.', 'it'],
    ['Arsenal have agreed a fee with West Ham for the midfielder.', 'en'],
    ['El Real Madrid ha cerrado el fichaje del centrocampista francés.', 'es'],
    ['Der FC Bayern hat sich mit Tottenham auf einen Wechsel geeinigt.', 'de'],
    ['Le Paris Saint-Germain a payé la clause libératoire du joueur.', 'fr'],
    ['O Benfica vendeu o avançado ao Liverpool por uma verba recorde.', 'pt'],
  ])('%s → %s', (sentence, language) => {
    expect(detectLanguage(sentence)).toBe(language);
  });

  it('says "und" when no language speaks', () => {
    expect(detectLanguage('12345 %%% ### qwzx')).toBe('und');
    expect(detectLanguage('')).toBe('und');
  });
});

describe('sentence splitting', () => {
  it('does not end a sentence at an abbreviation: "55 Mio. Euro"', () => {
    const sentences = splitSentences('Bayern zahlt 55 Mio. Euro für ihn. Dann kommt er.', 'de').map((s) => s.text);
    expect(sentences).toEqual(['Bayern zahlt 55 Mio. Euro für ihn.', 'Dann kommt er.']);
  });

  it('ends a sentence after "Serie A." and keeps headlines apart', () => {
    const text = 'Kalulu piace al Real\n\nÈ la rivelazione della Serie A. Il Milan chiede 25 milioni.';
    const sentences = splitSentences(text, 'it');
    expect(sentences.map((s) => s.text)).toEqual([
      'Kalulu piace al Real',
      'È la rivelazione della Serie A.',
      'Il Milan chiede 25 milioni.',
    ]);
    // A heading belongs to the paragraph it heads.
    expect(sentences.map((s) => s.paragraph)).toEqual([0, 0, 0]);
  });

  it('joins a line wrapped in the middle of a sentence', () => {
    const text = 'Il Milan potrebbe chiedere una cifra vicina ai 25 milioni di euro per il\ngiovane difensore francese.';
    expect(splitSentences(text, 'it')).toHaveLength(1);
  });
});
