#!/usr/bin/env node
// Derives the starter player registry (libs/players/data/registry.csv) from the shared
// real-player data, then writes names and clubs as people write them: cited player spellings
// (libs/players/data/collected/spellings.csv) and the club alias table (libs/players/data/club-names.csv).
// Facts only: prices, market values and stats in the sources are deliberately dropped, because
// other games' prices are not ours.
//   node scripts/derive-registry.mjs [sharedDataDir] [outFile]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { applySpellings, ascii, clubAliases, compact, normalizeName, tidy } from './registry-spellings.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolve(process.argv[2] ?? resolve(root, '../shared/data/players'));
const outFile = resolve(process.argv[3] ?? resolve(root, 'libs/players/data/registry.csv'));
const COLUMNS = [
  'ref',
  'name',
  'short_name',
  'aliases',
  'club',
  'league',
  'position',
  'role',
  'nationality',
  'birth_date',
  'fantacalcio_id',
  'fpl_code',
  'tm_id',
];

const read = (file) => parse(readFileSync(resolve(dataDir, file), 'utf8'), { columns: true, bom: true });
const sa = read('seriea_2021_22_fantacalcio.csv');
const pl = read('premier_league_2021_22_fpl.csv');
const tm = read('transfermarkt_2022_big5.csv');
const clubs = read('clubs_2021_22.csv');
// Kept in the repository, beside the registry they shape: reviewed data with a source url per row.
const readOwn = (file) => parse(readFileSync(resolve(root, 'libs/players/data', file), 'utf8'), { columns: true, bom: true });
const spellings = readOwn('collected/spellings.csv');
const clubNames = clubAliases(readOwn('club-names.csv'));

// ---- name helpers (ascii, normalizeName, compact, tidy: registry-spellings.mjs)
const nonAscii = (s) => (s.normalize('NFC').match(/[^\x00-\x7f]/g) ?? []).length;
// How much spelling information a form carries: diacritics, then punctuation and inner capitals
// (TM lowercases "McGinn" to "Mcginn" and drops hyphens and apostrophes).
const richness = (s) => nonAscii(s) * 4 + (s.match(/['’-]/g) ?? []).length + (s.match(/\p{Ll}\p{Lu}/gu) ?? []).length;

// The TM snapshot mangled "&scaron;" into " Scaron " ("Du Scaron An Vlahović" = Dušan Vlahović).
// A 1–2 letter fragment after it is the rest of the same word; anything longer is the next word.
const fixScaron = (s) =>
  tidy(s).replace(/(\p{L}) Scaron (\p{L}+)/gu, (_, a, b) => (b.length <= 2 ? `${a}š${b.toLowerCase()}` : `${a}š ${b}`));

// Re-spells runs of tokens in `base` with a richer spelling of the same letters from `sources`
// ("Fode Ballo Toure" + "Ballo-Touré" → "Fode Ballo-Touré", "Ruben Dias" + "Rúben …" → "Rúben Dias").
function respell(base, sources) {
  const best = new Map();
  for (const word of sources
    .filter(Boolean)
    .flatMap((s) => tidy(s).split(' '))
    .flatMap((w) => [w, ...w.split('-')])) {
    const key = compact(word);
    if (key && (!best.has(key) || richness(word) > richness(best.get(key)))) best.set(key, word);
  }
  const tokens = tidy(base).split(' ');
  const out = [];
  for (let i = 0; i < tokens.length;) {
    let used = 1;
    let text = tokens[i];
    for (let len = Math.min(3, tokens.length - i); len >= 1; len--) {
      const segment = tokens.slice(i, i + len).join(' ');
      const better = best.get(compact(segment));
      if (better && richness(better) > richness(segment)) {
        used = len;
        text = better;
        break;
      }
    }
    out.push(text);
    i += used;
  }
  return out.join(' ');
}

// Fantacalcio listing ("Traore' Hj.", "D'Ambrosio", "Zapata D."): a trailing apostrophe marks an
// accented final letter. French/Spanish names take the acute (Kessié, Marí), Italian the grave (Montipò).
const ACCENT = { a: 'à', e: 'é', i: 'í', o: 'ò', u: 'ù', A: 'À', E: 'É', I: 'Í', O: 'Ò', U: 'Ù' };
function cleanListing(display) {
  const tokens = tidy(display).split(' ');
  let cut = tokens.length;
  while (cut > 1 && /^(\p{L}{1,3}\.)+$/u.test(tokens[cut - 1])) cut--;
  const surname = tokens
    .slice(0, cut)
    .map((t, i) => (i === cut - 1 ? t.replace(/([aeiouAEIOU])'$/, (_, v) => ACCENT[v]) : t.replace(/'$/, '')))
    .join(' ');
  return { surname, listing: [surname, ...tokens.slice(cut)].join(' ') };
}

const PARTICLES = new Set([
  'de',
  'da',
  'di',
  'do',
  'dos',
  'das',
  'del',
  'della',
  'du',
  'van',
  'von',
  'der',
  'den',
  'ter',
  'ten',
  'le',
  'la',
  'el',
  'al',
  'mac',
  'st',
  'ben',
  'bin',
  'dal',
  'lo',
]);
function surnameOf(name) {
  const t = tidy(name).split(' ');
  let i = t.length - 1;
  while (i > 1 && PARTICLES.has(t[i - 1].toLowerCase())) i--;
  return t.slice(i).join(' ');
}

function aliasList(...forms) {
  const seen = new Set();
  const out = [];
  for (const f of forms
    .flat()
    .filter(Boolean)
    .flatMap((s) => [tidy(s), tidy(ascii(s))])) {
    const key = f.normalize('NFC').toLowerCase();
    if (f && !seen.has(key) && !f.includes('|')) {
      seen.add(key);
      out.push(f);
    }
  }
  return out;
}

// ---- facts
const POS = {
  P: 'GK',
  D: 'DEF',
  C: 'MID',
  A: 'FWD',
  GKP: 'GK',
  DEF: 'DEF',
  MID: 'MID',
  FWD: 'FWD',
  Goalkeeper: 'GK',
  Defender: 'DEF',
  Midfield: 'MID',
  Attack: 'FWD',
};
const COARSE = new Set(['defender', 'midfield', 'attack']);
const isDate = (s) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const first = (...vals) => vals.map(tidy).find(Boolean) ?? '';
const clubByName = new Map(clubs.map((c) => [c.club, c]));
const clubByTmId = new Map(clubs.map((c) => [c.tm_club_id, c]));
const LEAGUE = { 'Serie A': 'IT1', 'Premier League': 'GB1' };

const people = new Map();
const stats = {
  merged: { saPl: 0, fantasyTm: 0 },
  skipped: {},
  warnings: [],
  positionFromSubPosition: 0,
  fantasyVsTmPosition: 0,
  unmappedClubs: new Set(),
};
const skip = (why) => {
  stats.skipped[why] = (stats.skipped[why] ?? 0) + 1;
};
for (const s of sa) {
  const key = s.tm_player_id ? `tm:${s.tm_player_id}` : `fc:${s.fantacalcio_id}`;
  if (people.has(key)) {
    stats.warnings.push(`${key}: two Serie A rows, kept the first`);
    skip('duplicate Serie A person');
    continue;
  }
  people.set(key, { sa: s });
}
for (const p of pl) {
  const key = p.tm_player_id ? `tm:${p.tm_player_id}` : `fpl:${p.fpl_code}`;
  const person = people.get(key);
  if (person?.pl) {
    stats.warnings.push(`${key}: two Premier League rows, kept the first`);
    skip('duplicate PL person');
    continue;
  }
  if (person) {
    person.pl = p;
    stats.merged.saPl++;
  } else people.set(key, { pl: p });
}
for (const t of tm) {
  const person = people.get(`tm:${t.tm_player_id}`);
  if (person) {
    person.tm = t;
    stats.merged.fantasyTm++;
  } else people.set(`tm:${t.tm_player_id}`, { tm: t });
}

const rows = [];
const sourceForms = new Map(); // ref → what the aliases are made of besides the name and short name
for (const [ref, { sa: s, pl: p, tm: t }] of people) {
  // A player in both fantasy games belongs to the one he was still listed in at season end.
  const primary = s && p ? (s.in_latest_quotazioni === 'yes' ? 'sa' : p.status !== 'u' ? 'pl' : 'sa') : s ? 'sa' : p ? 'pl' : 'tm';
  const listing = s ? cleanListing(s.display_name || s.name) : null;
  const tmName = fixScaron(first(t?.name, p?.tm_name, s?.full_name));
  let name;
  if (p) {
    const full = tidy(p.full_name);
    name = !tmName || compact(tmName) === compact(full) ? full : respell(tmName, [full, p.web_name, listing?.surname]);
  } else if (s) {
    name = tmName ? respell(tmName, [listing.surname]) : listing.listing;
  } else {
    name = tmName;
  }
  const shortName = primary === 'pl' ? tidy(p.web_name) : primary === 'sa' ? listing.listing : surnameOf(name);

  let position = primary === 'sa' ? POS[s.role] : primary === 'pl' ? POS[p.position] : POS[t.position];
  if (!position && primary === 'tm' && COARSE.has(t.sub_position.toLowerCase())) {
    // Some snapshot rows carry "0" as position and the coarse position in sub_position.
    position = POS[t.sub_position[0].toUpperCase() + t.sub_position.slice(1).toLowerCase()];
    if (position) stats.positionFromSubPosition++;
  }
  if (!position) {
    skip(primary === 'tm' ? 'Transfermarkt pool row without usable position' : 'fantasy row without role');
    continue;
  }
  const tmPos = POS[first(t?.position, s?.tm_position, p?.tm_position)];
  if (primary !== 'tm' && tmPos && tmPos !== position) stats.fantasyVsTmPosition++;

  let club;
  let league;
  if (primary === 'sa' || primary === 'pl') {
    club = primary === 'sa' ? s.club : p.team;
    const known = clubByName.get(club);
    if (!known) stats.warnings.push(`${ref}: club "${club}" not in clubs_2021_22.csv`);
    league = known ? LEAGUE[known.league] : primary === 'sa' ? 'IT1' : 'GB1';
  } else {
    club = clubByTmId.get(t.current_club_id)?.club ?? tidy(t.current_club_tm_name);
    league = t.league;
  }
  const role = [t?.sub_position, s?.tm_sub_position, p?.tm_sub_position].map(tidy).find((r) => r && !COARSE.has(r.toLowerCase())) ?? '';
  const birth = first(s?.date_of_birth, p?.date_of_birth, t?.date_of_birth);
  if (birth && !isDate(birth)) stats.warnings.push(`${ref}: unreadable birth date "${birth}" dropped`);

  const written = clubNames.get(club);
  if (written === undefined) stats.unmappedClubs.add(club);
  rows.push({
    ref,
    name,
    short_name: shortName,
    club: written ?? club,
    league,
    position,
    role,
    nationality: first(s?.nationality, p?.nationality, t?.nationality),
    birth_date: isDate(birth) ? birth : '',
    fantacalcio_id: s?.fantacalcio_id ?? '',
    fpl_code: p?.fpl_code ?? '',
    tm_id: first(s?.tm_player_id, p?.tm_player_id, t?.tm_player_id),
  });
  // Aliases are written once the name's spelling is settled, below.
  sourceForms.set(ref, { primary, forms: [listing?.listing, s?.name, tmName, p?.full_name, p?.web_name] });
}

// ---- written spellings. A cited spelling replaces the derived name only when it folds to the same
// letters (applySpellings); the short name takes its accents where its words are the same words, and
// the derived name stays an alias with its ASCII form, so text written the old way still matches.
const spelled = applySpellings(new Map(rows.map((r) => [r.ref, r.name])), spellings);
for (const row of rows) {
  const { primary, forms } = sourceForms.get(row.ref);
  const derived = row.name;
  row.name = spelled.names.get(row.ref);
  if (row.name !== derived) row.short_name = primary === 'tm' ? surnameOf(row.name) : respell(row.short_name, [row.name]);
  row.aliases = aliasList(row.name, row.short_name, derived, ...forms).join(' | ');
}

// Ordinal comparisons keep the order independent of the machine's locale/ICU data.
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
rows.sort(
  (a, b) =>
    cmp(a.league, b.league) ||
    cmp(normalizeName(a.club), normalizeName(b.club)) ||
    cmp(normalizeName(a.name), normalizeName(b.name)) ||
    cmp(a.name, b.name) ||
    cmp(a.ref, b.ref),
);

mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, stringify(rows, { header: true, columns: COLUMNS, record_delimiter: 'unix' }), 'utf8');

// ---- summary. Same-person merging uses only the Transfermarkt id; fantasy rows the sources could not
// link are listed when another row has the same normalized name, so a human can judge them.
const groupBy = (list, fn) => list.reduce((acc, x) => ((acc[fn(x)] ??= []).push(x), acc), {});
const count = (key) =>
  Object.fromEntries(
    Object.entries(groupBy(rows, (r) => r[key]))
      .map(([k, v]) => [k, v.length])
      .sort(),
  );
const byName = groupBy(rows, (r) => normalizeName(r.name));
const suspects = rows
  .filter((r) => !r.tm_id && byName[normalizeName(r.name)].length > 1)
  .map(
    (r) =>
      `${r.ref} ${r.name} (${r.club}) ~ ${byName[normalizeName(r.name)]
        .filter((o) => o !== r)
        .map((o) => `${o.ref} (${o.club})`)
        .join(', ')}`,
  );
console.log(`wrote ${rows.length} rows to ${outFile}`);
console.log('rows per league:', count('league'));
console.log('rows per position:', count('position'));
console.log(`inputs: Serie A ${sa.length}, Premier League ${pl.length}, Transfermarkt pool ${tm.length}`);
console.log(
  `fantasy rows (Serie A or Premier League 2021-22): ${rows.filter((r) => r.fantacalcio_id || r.fpl_code).length}, Transfermarkt pool only: ${rows.filter((r) => !r.fantacalcio_id && !r.fpl_code).length}`,
);
console.log(
  `merged: ${stats.merged.saPl} Serie A + Premier League pairs (same tm id), ${stats.merged.fantasyTm} fantasy rows joined to their Transfermarkt profile`,
);
console.log(`fantasy rows without Transfermarkt id: ${rows.filter((r) => !r.tm_id).length}`);
console.log(`fantasy role differs from Transfermarkt position (fantasy kept): ${stats.fantasyVsTmPosition}`);
console.log(`Transfermarkt pool position taken from sub_position (position "0"): ${stats.positionFromSubPosition}`);
console.log('skipped:', Object.keys(stats.skipped).length ? stats.skipped : 'none');
console.log(
  `spellings: ${spellings.length} cited, ${spelled.applied.length} applied, ${spelled.unchanged} already so, ${spelled.refused.length} refused`,
);
for (const r of spelled.refused) console.log(`  refused ${r.ref} "${r.name}": ${r.reason}`);
const clubsOut = new Set(rows.map((r) => r.club));
console.log(
  `clubs: ${clubsOut.size} in the registry, ${[...clubNames].filter(([from, to]) => from !== to && clubsOut.has(to)).length} renamed through club-names.csv, ${stats.unmappedClubs.size} not in it (kept as the source gives them)`,
);
for (const c of [...stats.unmappedClubs].sort()) console.log(`  warning: club "${c}" is not in club-names.csv`);
for (const w of stats.warnings) console.log(`warning: ${w}`);
console.log(`possible duplicates to review (unlinked fantasy row with the same name as another row): ${suspects.length}`);
for (const s of suspects) console.log(`  ${s}`);
