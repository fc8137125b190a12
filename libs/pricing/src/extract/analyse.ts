import { assembleAmounts, type FeeAmount } from './amounts.js';
import type { ClubIndex, ClubMention } from './clubs.js';
import type { CompiledVocabulary, Cue } from './lang/index.js';
import { findMoneyAtoms } from './money.js';
import type { PhraseHit } from './phrases.js';
import { findPlayerMentions, type PlayerIndex, type PlayerMention } from './players.js';
import type { Sentence } from './sentences.js';
import { findStrangers, type Stranger } from './strangers.js';
import { tokenize, type Token } from './text.js';
import type { Language } from './types.js';

/** Everything read from one sentence; attribution then looks across sentences. */
export interface AnalysedSentence extends Sentence {
  readonly tokens: readonly Token[];
  readonly cues: readonly PhraseHit<Cue>[];
  readonly clubs: readonly ClubMention[];
  readonly mentions: PlayerMention[];
  /** Names the registry does not know; a figure beside one of them may be theirs. */
  readonly strangers: readonly Stranger[];
  /** People named here who are not priced (a coach, an agent, a name with no sign he moves). */
  readonly unpriced: PlayerMention[];
  readonly amounts: readonly FeeAmount[];
}

/** Sentences this long are not prose (a table, a dump): read only the start. */
const MAX_SENTENCE_CHARS = 5000;

export function analyseSentence(
  sentence: Sentence,
  language: Language,
  v: CompiledVocabulary,
  clubs: ClubIndex,
  players: PlayerIndex,
): AnalysedSentence {
  const text = sentence.text.length > MAX_SENTENCE_CHARS ? sentence.text.slice(0, MAX_SENTENCE_CHARS) : sentence.text;
  const tokens = tokenize(text);
  const cues = v.cues.findAll(tokens);
  const clubMentions = clubs.findIn(tokens);
  const mentions = findPlayerMentions(tokens, players, clubMentions, language, v.words.nounMarkers);
  const atoms = findMoneyAtoms(tokens, v);
  const amounts = atoms.length > 0 ? assembleAmounts(tokens, atoms, cues, v) : [];
  // Every sentence: a person named in full in one sentence may be priced in another.
  const strangers = findStrangers(tokens, mentions, clubMentions, v.words.notPersonBefore, cues);
  // Fields listed, not spread: V8 copies a spread object that overrides a field ~10× slower,
  // which a text of many one-word lines multiplies.
  return {
    text,
    index: sentence.index,
    paragraph: sentence.paragraph,
    tokens,
    cues,
    clubs: clubMentions,
    mentions,
    strangers,
    unpriced: [],
    amounts,
  };
}

/**
 * The article's headline: its first sentence when that is a short line without a full stop
 * ("Rice to Arsenal"), or a paragraph of its own before the body. Who it names is what the
 * article is about.
 */
export function headlineOf(doc: readonly AnalysedSentence[]): AnalysedSentence[] {
  const first = doc[0];
  if (!first || doc.length < 2) return [];
  if (first.paragraph !== doc[1]!.paragraph) return doc.filter((s) => s.paragraph === first.paragraph);
  return first.text.length <= HEADLINE_CHARS && !/[.!?…»"”]\s*$/u.test(first.text) ? [first] : [];
}

const HEADLINE_CHARS = 150;
