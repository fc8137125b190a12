import { headlineOf, type AnalysedSentence } from './analyse.js';
import { givenNameOf, type IndexedPlayer, type PlayerIndex, type PlayerMention } from './players.js';
import type { Stranger } from './strangers.js';
import { countryOfNationality } from './lang/nationalities.js';
import type { PhraseTable } from './phrases.js';
import type { LinkCandidate, LinkRule } from './types.js';

/**
 * Someone an article may price: a registry player, or a person the registry does not hold
 * (`linked: false`), known by the fullest form of the name the article gives.
 */
export interface Person extends IndexedPlayer {
  readonly linked: boolean;
  /** For an unlinked person: registry players of the same surname. */
  readonly candidates?: readonly LinkCandidate[];
}

/** The people of one article: registry players by their ordinal, the others after them. */
export interface People {
  personOf(ordinal: number): Person | undefined;
  /** The strongest way the article named the person: in full beats a surname beside his club, which beats one alone. */
  linkOf(ordinal: number): LinkRule;
}

/** How many tokens a role may stand from a name and still be that name's: "Arsenal boss Mikel Arteta". */
const ROLE_BEFORE_REACH = 4;
const ROLE_AFTER_REACH = 4;
const MAX_CANDIDATES = 3;

const APPOSITION = new Set([',', '(', '-', ':']);

/** Words the text wrote for a span of tokens, spaces as written. */
function spanText(s: AnalysedSentence, start: number, end: number): string {
  return s.text.slice(s.tokens[start]!.start, s.tokens[end - 1]!.end).replace(/\s+/g, ' ');
}

function spanKey(s: AnalysedSentence, start: number, end: number): string {
  const words: string[] = [];
  for (let k = start; k < end; k++) if (s.tokens[k]!.kind === 'word') words.push(s.tokens[k]!.lower);
  return words.join(' ');
}

function lastWord(s: AnalysedSentence, end: number): string {
  for (let k = end - 1; k >= 0; k--) if (s.tokens[k]!.kind === 'word') return s.tokens[k]!.lower;
  return '';
}

/** Where role and reference cues start and end in a sentence, so each name looks only nearby. */
interface CueMarks {
  /** `roleStartAt[k]`: a role cue starts at token k; `roleEndAt[k]`: one ends right before k. */
  readonly roleStartAt: Uint8Array;
  readonly roleEndAt: Uint8Array;
  readonly referenceEndAt: Uint8Array;
  /** Kind cues ("sold", "signs", "ceduto") by where they start and end. */
  readonly kindStartAt: Uint8Array;
  readonly kindEndAt: Uint8Array;
  /** Nationality nouns by where they end, with the country they name ("il brasiliano Vitor Roque"). */
  readonly countryEndingAt: Map<number, string>;
}

function cueMarks(s: AnalysedSentence): CueMarks {
  const n = s.tokens.length + 1;
  const marks = {
    roleStartAt: new Uint8Array(n),
    roleEndAt: new Uint8Array(n),
    referenceEndAt: new Uint8Array(n),
    kindStartAt: new Uint8Array(n),
    kindEndAt: new Uint8Array(n),
    countryEndingAt: new Map<number, string>(),
  };
  for (const hit of s.cues) {
    const role = hit.values.find((c) => c.type === 'role');
    if (role) {
      if (!role.source) marks.roleStartAt[hit.start] = 1;
      marks.roleEndAt[hit.end] = 1;
    }
    if (hit.values.some((c) => c.type === 'reference')) marks.referenceEndAt[hit.end] = 1;
    if (hit.values.some((c) => c.type === 'reference' && c.needsArticle)) {
      const country = countryOfNationality(
        s.tokens
          .slice(hit.start, hit.end)
          .map((t) => t.lower)
          .join(' '),
      );
      if (country) marks.countryEndingAt.set(hit.end, country);
    }
    if (hit.values.some((c) => c.type === 'kind')) {
      marks.kindStartAt[hit.start] = 1;
      marks.kindEndAt[hit.end] = 1;
    }
  }
  return marks;
}

/**
 * Does a role of someone who is not priced stand beside the name: "il ds Giovanni Manna",
 * "Jorge Mendes, the agent", "according to Fabrizio Romano"? Between the role and the name only
 * small words, clubs and signs may stand ("il tecnico del Napoli Antonio Conte").
 */
function hasRole(s: AnalysedSentence, marks: CueMarks, clubAt: Uint8Array, start: number, end: number): boolean {
  const filler = (k: number) => {
    const t = s.tokens[k]!;
    return clubAt[k] === 1 || t.kind === 'sym' || t.lower.length <= 3 || !t.capitalised;
  };
  for (let k = start; k >= 0 && start - k <= ROLE_BEFORE_REACH; k--) {
    if (marks.roleEndAt[k]) return true;
    if (k > 0 && (!filler(k - 1) || APPOSITION.has(s.tokens[k - 1]!.lower))) break;
  }
  // After the name only as an apposition: "Manna, il ds", "Mendes (agent)".
  if (!APPOSITION.has(s.tokens[end]?.lower ?? '')) return false;
  for (let k = end + 1; k < s.tokens.length && k - end <= ROLE_AFTER_REACH; k++) {
    if (marks.roleStartAt[k]) return true;
    if (!filler(k)) break;
  }
  return false;
}

/**
 * Words before a name that make it the one moving: "the signing of", "l'acquisto di", "el fichaje
 * de", "die Verpflichtung von", "le transfert de", "a contratação de". Folded, one list for all.
 */
const TRANSFER_NOUNS = new Set([
  'signing',
  'sale',
  'purchase',
  'transfer',
  'move',
  'acquisto',
  'cessione',
  'vendita',
  'arrivo',
  'riscatto',
  'prestito',
  'fichaje',
  'venta',
  'traspaso',
  'compra',
  'cesion',
  'llegada',
  'salida',
  'verpflichtung',
  'wechsel',
  'verkauf',
  'kauf',
  'abgang',
  'transfert',
  'vente',
  'arrivee',
  'depart',
  'achat',
  'pret',
  'contratacao',
  'venda',
  'saida',
  'chegada',
  'emprestimo',
  'transferencia',
]);
const OF_WORDS = new Set(['of', 'di', 'del', 'dello', 'de', 'do', 'da', 'von', 'du', "'"]);
/** "Il Napoli di Antonio Conte", "el Atlético de Simeone": a person owning a club is its coach or owner. */
const CLUB_OF = new Set(['di', 'de', 'do', 'da', 'du', 'del']);

/** "for X", "l'acquisto di X": up to two short words (articles) may stand between. */
function movesInSentence(s: AnalysedSentence, start: number, forPlayer: ReadonlySet<string>): boolean {
  const isLink = (w: string) => forPlayer.has(w) || OF_WORDS.has(w);
  let k = start - 1;
  while (k >= 0 && start - k <= 2 && s.tokens[k]!.lower.length <= 3 && !isLink(s.tokens[k]!.lower)) k--;
  const prev = s.tokens[k]?.lower ?? '';
  return forPlayer.has(prev) || (OF_WORDS.has(prev) && TRANSFER_NOUNS.has(s.tokens[k - 1]?.lower ?? ''));
}

/**
 * A transfer verb or noun right before the name ("Benfica sold Rui Mendes", "ha ceduto X"), or the
 * club he comes from right after it ("Jurrien Timber from Ajax"): he is the one moving. A verb
 * after the name says less: "Walter Sabatini ha chiuso" is the director who closed the deal.
 */
function transferBeside(s: AnalysedSentence, marks: CueMarks, words: PeopleWords, start: number, end: number): boolean {
  if (marks.kindEndAt[start] || (start > 0 && marks.kindEndAt[start - 1] && s.tokens[start - 1]!.kind !== 'sym')) return true;
  // A verb of moving right after the name: "Timber joined Arsenal", "Hojlund sbarca a Napoli".
  if (
    words.moveVerbs.matchAt(s.tokens, end) ||
    (s.tokens[end]?.kind === 'word' && s.tokens[end]!.lower.length <= 3 && words.moveVerbs.matchAt(s.tokens, end + 1))
  )
    return true;
  const fromPrepositions = words.fromPrepositions;
  return fromPrepositions.has(s.tokens[end]?.lower ?? '') && s.clubs.some((c) => c.start === end + 1 || c.start === end + 2);
}

/** Two names with only a comma or "and" between them: one list of people. */
function coordinatedNames(s: AnalysedSentence, a: PlayerMention, b: PlayerMention, coordinators: ReadonlySet<string>): boolean {
  const gap = b.start - a.end;
  if (gap < 1 || gap > 2) return false;
  for (let k = a.end; k < b.start; k++) if (s.tokens[k]!.lower !== ',' && !coordinators.has(s.tokens[k]!.lower)) return false;
  return true;
}

function ownsClub(s: AnalysedSentence, start: number): boolean {
  const prev = s.tokens[start - 1]?.lower ?? '';
  return CLUB_OF.has(prev) && s.clubs.some((c) => c.end === start - 1);
}

/** A position or nationality word right before a name speaks for a player: "the striker Endrick". */
function hasPlayerWord(marks: CueMarks, start: number): boolean {
  return marks.referenceEndAt[start] === 1 || (start > 0 && marks.referenceEndAt[start - 1] === 1);
}

interface Unknown {
  readonly key: string;
  readonly name: string;
  readonly ordinal: number;
}

function candidatesFor(index: PlayerIndex, surname: string): LinkCandidate[] {
  const hit = index.names.matchAt([{ lower: surname }], 0);
  if (!hit || hit.end !== 1) return [];
  const out: LinkCandidate[] = [];
  for (const e of hit.values) {
    const p = index.players[e.player]!;
    if (out.some((c) => c.name === p.name && c.id === p.id)) continue;
    out.push({ ...(p.id ? { id: p.id } : {}), name: p.name, ...(p.club ? { club: p.club } : {}) });
    if (out.length === MAX_CANDIDATES) break;
  }
  return out;
}

function replaceMentions(s: AnalysedSentence, mentions: readonly PlayerMention[]): void {
  if (mentions === s.mentions) return;
  s.mentions.length = 0;
  for (const m of mentions) s.mentions.push(m);
}

/**
 * Finds the article's people, then decides who may be priced. Run after namesakes are resolved.
 *
 * 1. A lone registry surname that the article writes in lower case elsewhere is a word, not a name.
 * 2. Names of two words or more that the registry lacks become people of their own; a later
 *    surname alone joins them ("Jurrien Timber … Timber"), even where the registry has a namesake.
 * 3. A person with a role beside the name (agent, president, coach, director, a journalist as the
 *    source) in every mention, and never a position word, is not priced: the mentions go.
 */
/** The words of a language the people layer reads. */
export interface PeopleWords {
  readonly forPlayer: ReadonlySet<string>;
  readonly fromPrepositions: ReadonlySet<string>;
  readonly coordinators: ReadonlySet<string>;
  readonly moveVerbs: PhraseTable<true>;
}

export function resolvePeople(doc: readonly AnalysedSentence[], index: PlayerIndex, words: PeopleWords): People {
  const lowerWords = new Set<string>();
  for (const s of doc) {
    const first = s.tokens.findIndex((t) => t.kind === 'word');
    s.tokens.forEach((t, k) => {
      if (t.kind === 'word' && !t.capitalised && k !== first) lowerWords.add(t.lower);
    });
  }

  const unknowns = new Map<string, Unknown>();
  const bySurname = new Map<string, Unknown[]>();
  const ordinalBase = index.players.length;
  const list: Unknown[] = [];
  const unknownFor = (s: AnalysedSentence, x: Stranger): Unknown => {
    const key = spanKey(s, x.start, x.end);
    let u = unknowns.get(key);
    if (!u) {
      u = { key, name: spanText(s, x.start, x.end), ordinal: ordinalBase + list.length };
      unknowns.set(key, u);
      list.push(u);
      const surname = lastWord(s, x.end);
      bySurname.set(surname, [...(bySurname.get(surname) ?? []), u]);
    }
    return u;
  };
  for (const s of doc) for (const x of s.strangers) if (x.words >= 2) unknownFor(s, x);
  // "Edson Álvarez": an unknown first name right before a registry surname names someone else,
  // unless it is one of that player's own given names. The two words are one unknown person.
  const merged = new Map<PlayerMention, Unknown>();
  for (const s of doc) {
    if (s.mentions.length === 0) continue;
    const byStart = new Map(s.mentions.map((m) => [m.start, m]));
    for (const x of s.strangers) {
      const m = x.words === 1 ? byStart.get(x.end) : undefined;
      if (!m || m.end - m.start !== 1 || (m.link !== 'surname' && m.link !== 'alias')) continue;
      if (givenNameOf(index, m.candidates, s.tokens[x.start]!.lower)) continue;
      merged.set(m, unknownFor(s, { start: x.start, end: m.end, words: 2 }));
    }
  }
  const fullyNamed = new Set<number>();
  for (const s of doc) for (const m of s.mentions) if (m.link === 'full-name' && m.player !== undefined) fullyNamed.add(m.player);

  for (const s of doc) {
    // Rebuilt in one pass and sorted once: splicing per name would be quadratic in a long sentence.
    const kept: PlayerMention[] = [];
    const mergedStarts = new Set<number>();
    const strangerEndingAt = merged.size > 0 ? new Map(s.strangers.map((x) => [x.end, x.start])) : undefined;
    for (const m of s.mentions) {
      const into = merged.get(m);
      if (into) {
        const start = strangerEndingAt!.get(m.start)!;
        mergedStarts.add(start);
        kept.push({ start, end: m.end, candidates: [into.ordinal], link: 'unlinked', player: into.ordinal });
        continue;
      }
      // 1 and 2: lone registry words that are words, or the surname of someone named in full.
      const lone = (m.link === 'surname' || m.link === 'alias') && m.end - m.start === 1;
      const word = s.tokens[m.start]!.lower;
      if (lone && lowerWords.has(word)) continue;
      const sameSurname = lone ? bySurname.get(word) : undefined;
      if (sameSurname?.length === 1 && m.player !== undefined && !fullyNamed.has(m.player)) {
        const u = sameSurname[0]!;
        const joined: PlayerMention = { start: m.start, end: m.end, candidates: [u.ordinal], link: 'unlinked', player: u.ordinal };
        kept.push(joined);
        continue;
      }
      kept.push(m);
    }
    let added = false;
    for (const x of s.strangers) {
      if (mergedStarts.has(x.start)) continue;
      let u: Unknown | undefined;
      if (x.words >= 2) u = unknownFor(s, x);
      // A lone surname shared by several people named in full is the one named first: the
      // article introduces its subject before his father or his agent.
      else u = bySurname.get(lastWord(s, x.end))?.[0];
      if (!u) continue;
      const m: PlayerMention = { start: x.start, end: x.end, candidates: [u.ordinal], link: 'unlinked', player: u.ordinal };
      kept.push(m);
      added = true;
    }
    if (added) kept.sort((p, q) => p.start - q.start);
    replaceMentions(s, kept);
  }

  // 3: people with a role are not priced; a role is judged per person, over all mentions.
  const roles = new Map<number, { role: number; position: number; moving: number }>();
  // What the text says of the nationality of people the registry lacks: "il brasiliano Vitor Roque".
  const toldNationality = new Map<number, string>();
  // The headline's first person is its subject; others it names may be his coach or his buyer.
  const subject = headlineOf(doc).flatMap((s) => s.mentions.map((m) => ({ s, m })))[0];
  for (const s of doc) {
    if (s.mentions.length === 0) continue;
    const marks = cueMarks(s);
    const clubAt = new Uint8Array(s.tokens.length);
    for (const c of s.clubs) clubAt.fill(1, c.start, c.end);
    const moving = s.mentions.map(
      (m) => subject?.m === m || movesInSentence(s, m.start, words.forPlayer) || transferBeside(s, marks, words, m.start, m.end),
    );
    // Names listed together share the sign: "für Javi Martínez, Arturo Vidal und Mario Götze".
    // One pass: each group of coordinated names is closed when the next name is not joined to it.
    for (let first = 0, n = 1; n <= s.mentions.length; n++) {
      if (n < s.mentions.length && coordinatedNames(s, s.mentions[n - 1]!, s.mentions[n]!, words.coordinators)) continue;
      if (n - first > 1 && moving.slice(first, n).some(Boolean)) moving.fill(true, first, n);
      first = n;
    }
    s.mentions.forEach((m, n) => {
      if (m.player === undefined) return;
      const r = roles.get(m.player) ?? { role: 0, position: 0, moving: 0 };
      if (hasRole(s, marks, clubAt, m.start, m.end) || (m.link === 'unlinked' && ownsClub(s, m.start))) r.role++;
      if (hasPlayerWord(marks, m.start)) r.position++;
      const country = marks.countryEndingAt.get(m.start) ?? marks.countryEndingAt.get(m.start - 1);
      if (country && m.player >= ordinalBase) toldNationality.set(m.player, country);
      if (moving[n]) r.moving++;
      roles.set(m.player, r);
    });
  }
  const notPriced = new Set<number>();
  // A role beside the name rules a person out unless a position word says he plays. A registry
  // player is priced otherwise; a person the registry lacks only with something that says he is
  // the one moving: a position word, the headline, or as the object of a transfer ("for", "the
  // signing of").
  for (const [p, r] of roles) {
    if (r.position > 0) continue;
    if (r.role > 0 || (p >= ordinalBase && r.moving === 0)) notPriced.add(p);
  }
  if (notPriced.size > 0) {
    for (const s of doc) {
      // Kept aside: a figure past one of them, with another figure between, is not the earlier player's.
      for (const m of s.mentions) if (notPriced.has(m.player ?? -1)) s.unpriced.push(m);
      replaceMentions(
        s,
        s.mentions.filter((m) => !notPriced.has(m.player ?? -1)),
      );
    }
  }

  const links = new Map<number, LinkRule>();
  const clubs = new Set<string>();
  for (const s of doc) for (const c of s.clubs) clubs.add(c.club);
  const strength: Record<LinkRule, number> = { 'full-name': 4, 'surname-with-club': 3, surname: 2, alias: 1, unlinked: 0 };
  for (const s of doc) {
    for (const m of s.mentions) {
      if (m.player === undefined) continue;
      let link = m.link;
      if (link === 'surname' && clubs.has(index.players[m.player]?.canonicalClub ?? '')) link = 'surname-with-club';
      const known = links.get(m.player);
      if (!known || strength[link] > strength[known]) links.set(m.player, link);
    }
  }

  const people = list.map((u): Person => {
    const candidates = candidatesFor(index, u.key.split(' ').at(-1)!);
    const nationality = toldNationality.get(u.ordinal);
    return {
      ordinal: u.ordinal,
      name: u.name,
      linked: false,
      ...(candidates.length > 0 ? { candidates } : {}),
      ...(nationality ? { nationality } : {}),
    };
  });
  return {
    personOf(ordinal) {
      if (ordinal < ordinalBase) {
        const p = index.players[ordinal];
        return p ? { ...p, linked: true } : undefined;
      }
      return people[ordinal - ordinalBase];
    },
    linkOf(ordinal) {
      return ordinal >= ordinalBase ? 'unlinked' : (links.get(ordinal) ?? 'alias');
    },
  };
}
