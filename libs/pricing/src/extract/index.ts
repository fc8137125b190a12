export { extractFeeReports, MAX_INPUT_CHARS } from './extract.js';
export { createPlayerIndex, type IndexedPlayer, type PlayerIndex } from './players.js';
export { detectLanguage } from './language.js';
export { splitSentences, type Sentence } from './sentences.js';
export { htmlToText, looksLikeHtml } from './html.js';
export { EUR_RATES, toEur } from './rates.js';
export { parseNumeral } from './numbers.js';
export { fold } from './text.js';
export { explainEvidence } from './evidence.js';
export { FEATURE_NAMES, KIND_FEATURE_NAMES } from './scorer.js';
export { HOSTILE_SHAPES } from './hostile-inputs.js';
export { clubIndexFor } from './clubs.js';
export { CLUBS } from './clubs-data.js';
export { VOCABULARIES } from './lang/index.js';
export {
  FEE_KINDS,
  LANGUAGES,
  type Currency,
  type ExtractOptions,
  type ExtractResult,
  type FeeKind,
  type FeeReport,
  type KnownPlayer,
  type Language,
  type LanguageVocabulary,
  type LinkCandidate,
  type LinkRule,
  type PairingRule,
  type ReportEvidence,
  LINK_RULES,
  PAIRING_RULES,
} from './types.js';
