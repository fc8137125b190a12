/** The languages the extractor has vocabularies for. */
export const LANGUAGES = ['it', 'en', 'es', 'de', 'fr', 'pt'] as const;
export type Language = (typeof LANGUAGES)[number];

export type Currency = 'EUR' | 'GBP' | 'USD' | 'CHF' | 'BRL';

export const FEE_KINDS = ['asking', 'offer', 'agreed', 'release_clause', 'loan', 'valuation'] as const;
export type FeeKind = (typeof FEE_KINDS)[number];

/** A player the extractor may recognise; the registry row reduced to what matching needs. */
export interface KnownPlayer {
  id?: string;
  name: string;
  aliases: string[];
  club?: string | null;
  position?: string | null;
  /** As the registry writes it ("Sweden"): "the Swede" then finds him. */
  nationality?: string | null;
}

/** How the priced person was found in the registry; `unlinked`: the registry does not hold him. */
export const LINK_RULES = ['full-name', 'surname-with-club', 'surname', 'alias', 'unlinked'] as const;
export type LinkRule = (typeof LINK_RULES)[number];

/** How a figure was given to its person. */
export const PAIRING_RULES = ['for-player', 'nearest-before', 'named-after', 'subject', 'respectively', 'reference', 'topic'] as const;
export type PairingRule = (typeof PAIRING_RULES)[number];

/** Why a report says what it says: for a reviewer, and for `news:extract --explain`. */
export interface ReportEvidence {
  /** How the person was matched to the registry. */
  link: LinkRule;
  /** How the figure was given to the person. */
  pairing: PairingRule;
  /** The words that decided the kind; absent when the kind was inherited or defaulted. */
  kindCue?: string;
  /** The kind came from the figure before it, or the default (`agreed`), for want of a cue. */
  kindDefaulted: boolean;
  /** The words of the text that named the person for this figure ("the 21-year-old", "Kalulu"). */
  mention: string;
  /** The kind the rules chose, when the learned kind model chose another (scorer.ts). */
  kindRule?: FeeKind;
  /** The learned scorer's probability that this is a fee the text reports for this person (scorer.ts). */
  score?: number;
}

/** A registry player a report's unlinked name may be. */
export interface LinkCandidate {
  id?: string;
  name: string;
  club?: string;
}

/** One reported fee, shaped as the public `Report` of the contract. Amounts are whole units. */
export interface FeeReport {
  player: { id?: string; name: string };
  /** False when the registry does not hold the priced person: `player` has a name and no id. */
  linked: boolean;
  /** For an unlinked person: registry players of the same surname, best first. */
  candidates?: LinkCandidate[];
  from?: string;
  to: string[];
  kind: FeeKind;
  amount: { min: number; max: number; currency: Currency };
  eur: { min: number; max: number };
  addonsEur?: number;
  approx: boolean;
  quote: string;
  evidence: ReportEvidence;
}

export interface ExtractOptions {
  /** Skips detection: the caller knows the article's language. */
  language?: Language;
  /** Training only: keep every figure the rules find, unscored. */
  unscored?: boolean;
  /** Training only: receives every drafted report with the features the scorer reads. */
  drafts?: { report: FeeReport; features: readonly number[]; kindFeatures: readonly number[]; ruleKind: FeeKind }[];
}

export interface ExtractResult {
  language: Language | 'und';
  reports: FeeReport[];
}

/**
 * Everything the extractor knows about one language, as plain data.
 * Words and phrases are written as they appear in articles; they are case- and accent-folded
 * when compiled, so "più" and "piu" are the same entry.
 */
export interface LanguageVocabulary {
  language: Language;
  /** Frequent function words: they identify the language of a text. */
  stopwords: readonly string[];
  /** The decimal mark of the language's press: "45,5 milioni" vs "45.5 million". */
  decimalSeparator: ',' | '.';
  /** Words that scale a number: "milioni" → 1e6. Chained ones multiply: "mil millones" → 1e9. */
  multipliers: Readonly<Record<string, number>>;
  /** Currency names, possibly several words ("franchi svizzeri"). Symbols and ISO codes are shared. */
  currencies: Readonly<Record<string, Currency>>;
  /** The currency assumed when an article never names one. */
  defaultCurrency: Currency;
  /** Words allowed between the number and the currency: "di" in "25 milioni di euro". */
  currencyLinkers: readonly string[];
  /** Number words and their values, including elided and compound-forming stems ("vent", "veinti"). */
  numberWords: Readonly<Record<string, number>>;
  /** Words that multiply what precedes them by a hundred ("cento", "hundert"). */
  hundredWords: readonly string[];
  /** Words that join number words without changing them ("treinta y cinco"). */
  numberJoiners: readonly string[];
  /** Cue phrases that tell what kind of figure this is. */
  kinds: Readonly<Record<FeeKind, readonly string[]>>;
  /** Cue phrases for the figure of an option or obligation to buy after a loan (reported as `agreed`; the loan's own fee is `loan`). */
  loanOptions: readonly string[];
  /** Cue phrases that show a figure is not a transfer fee (wages, commissions, revenue, …). */
  notFee: readonly string[];
  /** Cue phrases that make a figure approximate ("circa", "around"). */
  approx: readonly string[];
  /** Words opening a range: "tra", "between". */
  rangeStarts: readonly string[];
  /** Words or signs joining the two ends of a range. */
  rangeConnectors: readonly string[];
  /** Range connectors that only count after a range start ("e" needs "tra": "tra 20 e 25"). */
  rangeConnectorsNeedingStart: readonly string[];
  /** Articles that may stand before either end of a range ("tra i 20 e i 25"). */
  rangeArticles: readonly string[];
  /** Words naming add-ons: "bonus", "add-ons", "Boni". */
  addonWords: readonly string[];
  /** Words allowed between an add-on figure and its add-on word ("5 di bonus", "€10m in add-ons"). */
  addonLinkers: readonly string[];
  /** Words joining a fee and its add-ons ("più", "plus"). */
  addonConnectors: readonly string[];
  /** Words that put add-ons inside the figure before them ("€100m with add-ons"): the figure is a total. */
  totalMarkers: readonly string[];
  /** Words saying add-ons are already inside the figure ("bonus inclusi"). */
  includedWords: readonly string[];
  /** Prepositions introducing the player a fee is for: "per" Kalulu, "for" Rice. */
  forPlayer: readonly string[];
  /** Prepositions that may introduce a bare price figure ("ceduto per 70"). */
  pricePrepositions: readonly string[];
  /** Prepositions marking the selling club: "dal" Lione, "from" West Ham. */
  fromPrepositions: readonly string[];
  /** Words coordinating two names ("Tonali e Kalulu"): one fee for both is ambiguous. */
  coordinators: readonly string[];
  /** Words before a match opponent ("contro il Liverpool"): that club is not a buyer. */
  opponentMarkers: readonly string[];
  /** Pronouns and role nouns that refer back to a player named earlier. */
  playerReferences: readonly string[];
  /** Nationality nouns ("l'olandese", "the Dutchman"): a reference to a player after a definite article. */
  nationalities: readonly string[];
  /** Nationality adjectives stand before nouns ("the Brazilian club"): as a person, one ends the phrase. */
  adjectiveBeforeNoun: boolean;
  /** Definite articles and article-prepositions, which turn a nationality into a person. */
  definiteArticles: readonly string[];
  /** Articles that make a role noun indefinite ("un difensore" is nobody in particular). */
  indefiniteArticles: readonly string[];
  /** Verbs right after a name that make him the one moving ("Timber joins", "Hojlund sbarca"). */
  moveVerbs: readonly string[];
  /** Words giving figures in the order of the people named before them ("25 and 20 million respectively"). */
  respectively: readonly string[];
  /** Past forms saying a release clause was paid ("activated", "pagata"): that figure is an agreed fee. */
  paidClause: readonly string[];
  /**
   * Roles of people who are not the players being priced: agents, presidents, coaches, sporting
   * directors, journalists ("according to" introduces a source). A name with one beside it is
   * never priced.
   */
  personRoles: readonly string[];
  /** Prepositions before a place ("a Villa Stuart", "at Old Trafford"): the name after one is not a person. */
  placePrepositions: readonly string[];
  /** Words after which a capitalised word is a noun, not a surname (German capitalises nouns). */
  nounMarkers: readonly string[];
  /** Club nicknames used in this language's press, mapped to the canonical club name. */
  clubNicknames: Readonly<Record<string, string>>;
}

/** Words of a text that name a person: where, the registry players they may be, and how they matched. */
export interface PlayerMention {
  readonly start: number;
  readonly end: number;
  readonly candidates: readonly number[];
  /** How the words matched the registry; `unlinked` for a person the registry lacks. */
  readonly link: LinkRule;
  /** The candidate chosen among namesakes, set once the whole article has been read. */
  player?: number;
}
