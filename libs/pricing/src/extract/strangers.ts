import type { ClubMention } from './clubs.js';
import { everydayWords, type PlayerMention } from './players.js';
import type { Token } from './text.js';

/** A capitalised name the registry does not know: a coach, an official, or a player it lacks. */
export interface Stranger {
  readonly start: number;
  readonly end: number;
}

// Lower-case particles inside names: "Erik ten Hag", "Kevin De Bruyne", "Virgil van Dijk".
const PARTICLES = new Set(['de', 'da', 'di', 'del', 'della', 'van', 'von', 'der', 'den', 'ten', 'dos', 'das', 'le', 'la', 'el']);

// Capitalised pairs that are not people: competitions, media, days and months.
const NOT_PEOPLE = new Set([
  'champions', 'league', 'premier', 'liga', 'laliga', 'bundesliga', 'ligue', 'serie', 'cup', 'coppa', 'copa', 'coupe',
  'pokal', 'europa', 'conference', 'mondiale', 'world', 'euro', 'nations', 'super', 'supercoppa', 'sky', 'sports',
  'sport', 'gazzetta', 'corriere', 'marca', 'kicker', 'bild', 'equipe', 'uefa', 'fifa', 'bbc', 'espn', 'athletic',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march',
  'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'januar', 'februar',
  'marz', 'mai', 'juni', 'juli', 'oktober', 'dezember', 'stadium', 'stadio', 'estadio', 'stade', 'stadion', 'san',
  'santiago', 'old', 'trafford', 'etihad', 'anfield', 'allianz', 'arena', 'parc', 'princes', 'camp', 'nou', 'transfermarkt',
]);

function isNameWord(t: Token, common: ReadonlySet<string>): boolean {
  return t.kind === 'word' && t.capitalised && t.lower.length > 1 && !common.has(t.lower) && !NOT_PEOPLE.has(t.lower);
}

/**
 * Runs of two or more capitalised words that are neither a known player, nor a club, nor an
 * everyday word: people the registry does not know. A figure next to one of them may be theirs.
 */
export function findStrangers(tokens: readonly Token[], mentions: readonly PlayerMention[], clubs: readonly ClubMention[]): Stranger[] {
  const common = everydayWords();
  const taken = (i: number) => mentions.some((m) => m.start <= i && i < m.end) || clubs.some((c) => c.start <= i && i < c.end);
  const strangers: Stranger[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!isNameWord(tokens[i]!, common) || taken(i)) {
      i++;
      continue;
    }
    let end = i + 1;
    let words = 1;
    for (;;) {
      let k = end;
      while (k < tokens.length && (tokens[k]!.lower === '-' || tokens[k]!.lower === "'" || PARTICLES.has(tokens[k]!.text))) k++;
      if (k < tokens.length && isNameWord(tokens[k]!, common) && !taken(k)) {
        end = k + 1;
        words++;
      } else {
        break;
      }
    }
    if (words >= 2) strangers.push({ start: i, end });
    i = end;
  }
  return strangers;
}
