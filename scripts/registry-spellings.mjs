// The name helpers of the registry derivation, and the two rules that bring cited spellings into it:
// player names from libs/players/data/collected/spellings.csv and club names through the alias table
// libs/players/data/club-names.csv. Pure (no I/O), so that scripts/derive-registry.mjs and the unit
// test (libs/players/src/registry-spellings.spec.ts) run the same code.

// normalizeName must stay in step with libs/players/src/registry-file.ts: the registry is searched with
// that one, so a spelling accepted here is found there by its ASCII form (the unit test compares them).
const FOLD = {
  Ø: 'O',
  ø: 'o',
  Æ: 'Ae',
  æ: 'ae',
  Œ: 'Oe',
  œ: 'oe',
  ß: 'ss',
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  ı: 'i',
  Ð: 'D',
  ð: 'd',
  Þ: 'Th',
  þ: 'th',
};
export const ascii = (s) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ØøÆæŒœßŁłĐđıÐðÞþ]/g, (c) => FOLD[c]);
export const normalizeName = (s) =>
  ascii(s)
    .toLowerCase()
    .replace(/['’‘`´ʼ.\-‐‑–—]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
/** The letters of a name: what a spelling must share with the name it replaces. */
export const compact = (s) => normalizeName(s).replace(/ /g, '');
export const tidy = (s) => (s ?? '').replace(/\s+/g, ' ').trim();

/**
 * Chooses each player's written name from cited spellings (`{ ref, name, url }` rows).
 *
 * A spelling replaces the registry's name only when it folds to the same letters: it may add
 * diacritics, capitals, hyphens and apostrophes, never change a letter, add or drop a word. So a
 * source row that belongs to someone else, or gives a fuller or shorter form of the name, is
 * refused with its reason instead of guessed into the registry. A spelling without a source url,
 * for a ref the registry lacks, or one of two different spellings of one player, is refused too.
 *
 * @param {Map<string, string>} names ref → the name derived from the player sources
 * @param {{ ref: string, name: string, url: string }[]} spellings
 * @returns {{ names: Map<string, string>, applied: { ref: string, from: string, to: string, url: string }[],
 *   unchanged: number, refused: { ref: string, name: string, url: string, reason: string }[] }}
 */
export function applySpellings(names, spellings) {
  const out = new Map(names);
  const applied = [];
  const refused = [];
  let unchanged = 0;
  const byRef = new Map();
  for (const row of spellings) {
    const spelling = { ref: tidy(row.ref), name: tidy(row.name).normalize('NFC'), url: tidy(row.url) };
    byRef.set(spelling.ref, [...(byRef.get(spelling.ref) ?? []), spelling]);
  }
  for (const [ref, rows] of byRef) {
    const refuse = (reason) => {
      for (const r of rows) refused.push({ ...r, reason });
    };
    const current = names.get(ref);
    if (current === undefined) {
      refuse('no registry row has this ref');
      continue;
    }
    if (new Set(rows.map((r) => r.name)).size > 1) {
      refuse('two different spellings of one player');
      continue;
    }
    const [{ name, url }] = rows;
    if (!name) {
      refuse('empty name');
      continue;
    }
    if (!/^https?:\/\/\S+$/.test(url)) {
      refuse('no source url');
      continue;
    }
    if (compact(name) !== compact(current)) {
      refuse(`does not fold to the registry name "${current}"`);
      continue;
    }
    if (name === current) {
      unchanged++;
      continue;
    }
    out.set(ref, name);
    applied.push({ ref, from: current, to: name, url });
  }
  const order = (a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0);
  return { names: out, applied: applied.sort(order), unchanged, refused: refused.sort(order) };
}

/**
 * The club alias table (`{ source_club, club, url }` rows of club-names.csv) as a map from a club
 * name the sources use ("Fc Bayern Munchen", "Man Utd") to the name people write ("Bayern München",
 * "Manchester United"). The table is reviewed data, so a defect in it stops the derivation rather
 * than shipping a half-mapped registry: a source name listed twice, or a row without club or url.
 *
 * @param {{ source_club: string, club: string, url: string }[]} rows
 * @returns {Map<string, string>}
 */
export function clubAliases(rows) {
  const table = new Map();
  rows.forEach((row, i) => {
    const source = tidy(row.source_club);
    const club = tidy(row.club).normalize('NFC');
    const line = i + 2; // the header is line 1
    if (!source || !club) throw new Error(`club-names.csv line ${line}: source_club and club are required`);
    if (!/^https?:\/\/\S+$/.test(tidy(row.url))) throw new Error(`club-names.csv line ${line}: no source url for "${source}"`);
    if (table.has(source)) throw new Error(`club-names.csv line ${line}: "${source}" is listed twice`);
    table.set(source, club);
  });
  return table;
}
