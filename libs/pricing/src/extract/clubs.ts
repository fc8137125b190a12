import { CLUBS } from './clubs-data.js';
import { VOCABULARIES } from './lang/index.js';
import { PhraseTable } from './phrases.js';
import { tokenize, type Token } from './text.js';
import type { Language } from './types.js';

export interface ClubMention {
  readonly start: number;
  readonly end: number;
  /** The name reports use. */
  readonly club: string;
}

type CaseRule = 'upper' | 'capital' | 'any';
interface ClubName {
  readonly club: string;
  readonly rule: CaseRule;
}

function ruleOf(name: string): CaseRule {
  return /\p{L}/u.test(name) && name === name.toUpperCase() ? 'upper' : 'capital';
}

function passes(rule: CaseRule, first: Token): boolean {
  if (rule === 'any' || first.kind === 'num') return true;
  return rule === 'upper' ? first.text === first.text.toUpperCase() : first.capitalised;
}

/** Recognises club names and one language's nicknames in a sentence. */
export class ClubIndex {
  private readonly table: PhraseTable<ClubName>;

  constructor(nicknames: Readonly<Record<string, string>>) {
    const entries: [string, ClubName][] = [];
    for (const [canonical, ...aliases] of CLUBS) {
      for (const name of [canonical!, ...aliases]) {
        entries.push([name, { club: canonical!, rule: ruleOf(name) }]);
        // Hyphens are often dropped: "Paris Saint Germain", "Al Hilal".
        if (name.includes('-')) entries.push([name.replace(/-/g, ' '), { club: canonical!, rule: ruleOf(name) }]);
      }
    }
    for (const [nickname, club] of Object.entries(nicknames)) entries.push([nickname, { club, rule: 'any' }]);
    this.table = new PhraseTable(entries);
  }

  findIn(tokens: readonly Token[]): ClubMention[] {
    const mentions: ClubMention[] = [];
    for (let i = 0; i < tokens.length;) {
      const hit = this.table.matchAt(tokens, i);
      const name = hit?.values.find((n) => passes(n.rule, tokens[i]!));
      if (hit && name) {
        mentions.push({ start: hit.start, end: hit.end, club: name.club });
        i = hit.end;
      } else {
        i++;
      }
    }
    return mentions;
  }

  /** The canonical name inside a registry club string ("Fc Bayern Munchen" → "Bayern Munich"). */
  canonical(name: string): string | undefined {
    const tokens = tokenize(name);
    for (let i = 0; i < tokens.length; i++) {
      const hit = this.table.matchAt(tokens, i);
      if (hit) return hit.values[0]!.club;
    }
    return undefined;
  }
}

const indexes = new Map<Language | 'und', ClubIndex>();

/** Club names everywhere; lower-case nicknames only in the language whose press uses them. */
export function clubIndexFor(language: Language | 'und'): ClubIndex {
  let index = indexes.get(language);
  if (!index) {
    index = new ClubIndex(language === 'und' ? {} : VOCABULARIES[language].clubNicknames);
    indexes.set(language, index);
  }
  return index;
}
