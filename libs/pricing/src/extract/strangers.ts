import type { ClubMention } from './clubs.js';
import { CLUBS } from './clubs-data.js';
import { everydayWords } from './everyday.js';
import type { PlayerMention } from './types.js';
import { fold, type Token } from './text.js';

/**
 * A capitalised name the registry does not know: a coach, an official, a place, or a player it
 * lacks. People are told apart later, with the whole article in view.
 */
export interface Stranger {
  readonly start: number;
  readonly end: number;
  /** Name words in the run: one-word runs only ever join a person named in full elsewhere. */
  readonly words: number;
}

// Lower-case particles inside names: "Erik ten Hag", "Kevin De Bruyne", "Virgil van Dijk".
export const PARTICLES: ReadonlySet<string> = new Set([
  'de',
  'da',
  'di',
  'del',
  'della',
  'van',
  'von',
  'der',
  'den',
  'ten',
  'dos',
  'das',
  'le',
  'la',
  'el',
]);

/** Capitalised words that are not people: competitions, media, days and months, stadiums, places. */
export const NOT_PEOPLE: ReadonlySet<string> = new Set([
  'champions',
  'league',
  'premier',
  'liga',
  'laliga',
  'bundesliga',
  'ligue',
  'serie',
  'cup',
  'coppa',
  'copa',
  'coupe',
  'pokal',
  'europa',
  'conference',
  'mondiale',
  'world',
  'euro',
  'nations',
  'super',
  'supercoppa',
  'sky',
  'sports',
  'sport',
  'gazzetta',
  'corriere',
  'marca',
  'kicker',
  'bild',
  'equipe',
  'uefa',
  'fifa',
  'bbc',
  'espn',
  'athletic',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'januar',
  'februar',
  'marz',
  'mai',
  'juni',
  'juli',
  'oktober',
  'dezember',
  'stadium',
  'stadio',
  'estadio',
  'stade',
  'stadion',
  'san',
  'santiago',
  'old',
  'trafford',
  'etihad',
  'anfield',
  'allianz',
  'arena',
  'parc',
  'princes',
  'camp',
  'nou',
  'transfermarkt',
  'bernabeu',
  'meazza',
  'maradona',
  'wanda',
  'metropolitano',
  'emirates',
  'bridge',
  'stamford',
  'park',
  'road',
  'lane',
  'signal',
  'iduna',
  'velodrome',
  'dragao',
  'luz',
  'alvalade',
  'maracana',
  'morumbi',
  'villa',
  'clinic',
  'clinica',
  'gennaio',
  'febbraio',
  'marzo',
  'aprile',
  'maggio',
  'giugno',
  'luglio',
  'agosto',
  'settembre',
  'ottobre',
  'novembre',
  'dicembre',
  'enero',
  'febrero',
  'abril',
  'mayo',
  'junio',
  'julio',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
  'janvier',
  'fevrier',
  'mars',
  'avril',
  'juin',
  'juillet',
  'aout',
  'septembre',
  'octobre',
  'decembre',
  'janeiro',
  'fevereiro',
  'marco',
  'maio',
  'junho',
  'julho',
  'setembro',
  'outubro',
  'dezembro',
  'mls',
  'saudi',
  'pro',
  'eredivisie',
  'primeira',
  'brasileirao',
  'libertadores',
  'sudamericana',
  'mundial',
  'as',
  'record',
  'ojogo',
  'globo',
  'globoesporte',
  'ge',
  'rmc',
  'canal',
  'dazn',
  'tuttosport',
  'mundo',
  'deportivo',
  'telegraph',
  'guardian',
  'times',
  'mail',
  'sun',
  'mirror',
  'romano',
  'instagram',
  'twitter',
  'x',
  // Cities as the six languages write them: several are registry surnames too ("Parigi").
  'parigi',
  'londra',
  'lisbona',
  'barcellona',
  'siviglia',
  'monaco',
  'baviera',
  'milano',
  'torino',
  'napoli',
  'bergamo',
  'firenze',
  'genova',
  'londres',
  'lisboa',
  'paris',
  'munich',
  'munchen',
  'mailand',
  'turin',
  'neapel',
  'rom',
  'lissabon',
  'madrid',
  'barcelona',
  'sevilla',
  'valencia',
  'porto',
  'oporto',
  'london',
  'manchester',
  'liverpool',
  'dortmund',
  'riad',
  'riyadh',
  'riade',
  'gedda',
  'jeddah',
  'doha',
  'qatar',
  'arabia',
  'dubai',
  'istanbul',
  'rio',
  'janeiro',
  'paulo',
  'buenos',
  'aires',
  'milan',
  'rome',
  'florence',
  'roma',
  'inghilterra',
  'england',
  'francia',
  'france',
  'spagna',
  'espana',
  'germania',
  'alemania',
  'portugal',
  'brasil',
  'brasile',
  'brazil',
  'argentina',
  'italia',
  'italy',
  'olanda',
  'holanda',
  'belgio',
  'turchia',
  'turquia',
  'cina',
  'china',
  'giappone',
  'stati',
  'uniti',
]);

/** Words that make a capitalised run a club, not a person: "Sturm Graz", "Al Qadsiah", "Sporting CP". */
const CLUB_WORDS: ReadonlySet<string> = (() => {
  const words = new Set([
    'fc',
    'ac',
    'as',
    'sc',
    'cf',
    'cd',
    'ud',
    'sd',
    'rc',
    'afc',
    'ssc',
    'sv',
    'vfb',
    'vfl',
    'tsg',
    'rb',
    'bsc',
    'fk',
    'nk',
    'sk',
    'if',
    'bk',
    'ik',
    'psv',
    'az',
    'al',
    'club',
    'sporting',
    'atletico',
    'athletic',
    'olympique',
    'olympiacos',
    'dynamo',
    'dinamo',
    'spartak',
    'lokomotiv',
    'zenit',
    'red',
    'bull',
    'rangers',
    'celtic',
    'united',
    'city',
    'town',
    'wanderers',
    'rovers',
    'albion',
    'hotspur',
    'borussia',
    'eintracht',
    'fortuna',
    'hertha',
    'union',
    'werder',
    'racing',
    'deportivo',
    'real',
    'calcio',
    'internacional',
    'gremio',
    'palmeiras',
    'flamengo',
    'corinthians',
    'santos',
    'fluminense',
    'botafogo',
    'vasco',
    'boca',
    'river',
    'juniors',
    'plate',
    'estudiantes',
    'independiente',
    'galatasaray',
    'fenerbahce',
    'besiktas',
    'trabzonspor',
    'ajax',
    'feyenoord',
    'benfica',
    'porto',
    'braga',
    'anderlecht',
    'brugge',
    'genk',
    'salzburg',
    'sturm',
    'rapid',
    'basel',
    'young',
    'boys',
    'grasshopper',
    'lugano',
    'servette',
    'monaco',
    'lens',
    'lille',
    'rennes',
    'nice',
    'lyon',
    'marseille',
    'nantes',
    'hilal',
    'nassr',
    'ittihad',
    'ahli',
    'qadsiah',
    'ettifaq',
    'shabab',
    'galaxy',
    'inter',
    'miami',
    'orlando',
    'toronto',
    'seattle',
    'sounders',
    'whitecaps',
    'atlanta',
    // Companies and funds that buy clubs: "Elliott Management", "RedBird Capital Partners".
    'management',
    'capital',
    'partners',
    'group',
    'holdings',
    'holding',
    'fund',
    'investments',
    'investment',
    'consortium',
    'company',
    'ventures',
    'media',
    'bank',
    'entertainment',
    'limited',
    'ltd',
    'inc',
    'llc',
    'spa',
    'srl',
    'gmbh',
    'ag',
    'evergrande',
    'sipg',
    'suning',
  ]);
  for (const [canonical, ...aliases] of CLUBS)
    for (const name of [canonical!, ...aliases]) for (const w of fold(name).split(/[^\p{L}\p{N}]+/u)) if (w.length > 2) words.add(w);
  return words;
})();

/** A club name word: a lone registry alias that is one ("Villa", "Inter") names the club, not the player. */
export function isClubWord(lower: string): boolean {
  return CLUB_WORDS.has(lower);
}

/** "PSV", "SIPG", "PIF": a word in capitals inside a run names an organisation, not a person. */
function isAcronym(t: Token): boolean {
  return t.text.length >= 2 && t.text === t.text.toUpperCase() && /\p{Lu}{2}/u.test(t.text);
}

/** "O'Riley", "D'Ambrosio": a capital letter and an apostrophe glued to a name. The name's word after them, or -1. */
function afterApostrophePrefix(tokens: readonly Token[], k: number): number {
  const letter = tokens[k];
  const mark = tokens[k + 1];
  const word = tokens[k + 2];
  if (!letter || !mark || !word || letter.kind !== 'word' || letter.text.length !== 1 || !letter.capitalised) return -1;
  return mark.lower === "'" && !mark.spaced && !word.spaced && word.capitalised ? k + 2 : -1;
}

function isNameWord(t: Token, common: ReadonlySet<string>): boolean {
  return t.kind === 'word' && t.capitalised && t.lower.length > 1 && !common.has(t.lower) && !NOT_PEOPLE.has(t.lower);
}

/**
 * Runs of capitalised words that are neither a known player, nor a club, nor an everyday word:
 * people the registry does not know, or places and clubs it does not know. A run holding a club
 * word ("Sturm Graz"), or standing after a preposition of place or origin ("a Villa Stuart",
 * "from Sturm Graz"), is not a person.
 */
export function findStrangers(
  tokens: readonly Token[],
  mentions: readonly PlayerMention[],
  clubs: readonly ClubMention[],
  notPersonBefore: ReadonlySet<string>,
  cues: readonly { start: number; end: number }[],
): Stranger[] {
  const common = everydayWords();
  // Marks, not searches: the check stays linear however many names the sentence holds.
  const taken = new Uint8Array(tokens.length);
  for (const m of mentions) taken.fill(1, m.start, m.end);
  for (const c of clubs) taken.fill(1, c.start, c.end);
  // Cue words are not names, even capitalised: German "Sportvorstand Max Eberl", "Stürmer Tel".
  for (const c of cues) taken.fill(1, c.start, c.end);
  const strangers: Stranger[] = [];
  let i = 0;
  while (i < tokens.length) {
    const prefixed = taken[i] ? -1 : afterApostrophePrefix(tokens, i);
    if (prefixed < 0 && (taken[i] || !isNameWord(tokens[i]!, common))) {
      i++;
      continue;
    }
    const start = i;
    if (prefixed >= 0) i = prefixed;
    let end = i + 1;
    let words = 1;
    let clubLike = CLUB_WORDS.has(tokens[i]!.lower) || isAcronym(tokens[i]!);
    for (;;) {
      let k = end;
      while (k < tokens.length && (tokens[k]!.lower === '-' || tokens[k]!.lower === "'" || PARTICLES.has(tokens[k]!.text))) k++;
      const prefixedNext = afterApostrophePrefix(tokens, k);
      if (prefixedNext >= 0 && !taken[k]) k = prefixedNext;
      const next = tokens[k];
      if (next && !taken[k] && next.kind === 'word' && next.capitalised && next.lower.length > 1 && !common.has(next.lower)) {
        // A stadium or competition word inside the run makes the whole run a place: "Old Trafford".
        clubLike ||= CLUB_WORDS.has(next.lower) || NOT_PEOPLE.has(next.lower) || isAcronym(next);
        end = k + 1;
        words++;
      } else {
        break;
      }
    }
    const before = tokens[start - 1]?.lower ?? '';
    if (!clubLike && !notPersonBefore.has(before)) strangers.push({ start, end, words });
    i = end;
  }
  return strangers;
}
