// Reader for `players:import <csv>`: the registry's own layout, and the Transfermarkt player lists
// operators refresh the registry from. Pure like registry-file.ts: no Nest, no database.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import {
  CLUB_NAMES_PATH,
  headerKey,
  isIsoDate,
  normalizeName,
  parseRegistryLines,
  POSITIONS,
  readRecords,
  type Position,
  type RegistryProblem,
  type RegistryRow,
} from './registry-file.js';

/**
 * - `registry`: the registry's own columns (`ref,name,position,…`, libs/players/data/README.md);
 * - `transfermarkt`: `players.csv` of dcaribou/transfermarkt-datasets (`player_id,first_name,last_name,name,…`);
 * - `transfermarkt-2022`: the 2022 big-five snapshot in /work/shared/data/players (`tm_player_id,name,slug,…`).
 */
export type ImportLayout = 'registry' | 'transfermarkt' | 'transfermarkt-2022';

export interface ImportFile {
  layout: ImportLayout | null;
  rows: RegistryRow[];
  /** The line each row starts on (`lines[i]` is `rows[i]`'s), for reporting. */
  lines: number[];
  problems: RegistryProblem[];
  /** Club names the alias table does not know, kept as the file gives them, with how many rows carry each. */
  unknownClubs: Map<string, number>;
}

/** The club alias table: a source's club name, folded, to the name the product writes; and the written names. */
export interface ClubAliases {
  bySource: ReadonlyMap<string, string>;
  written: ReadonlySet<string>;
}

export function clubAliasesOf(rows: readonly { source_club: string; club: string }[]): ClubAliases {
  return {
    bySource: new Map(rows.map((r) => [normalizeName(r.source_club), r.club.normalize('NFC')])),
    written: new Set(rows.map((r) => normalizeName(r.club))),
  };
}

/** Reads `club-names.csv` (`source_club,club,url`). */
export function readClubAliases(path: string = CLUB_NAMES_PATH): ClubAliases {
  return clubAliasesOf(parse(readFileSync(path, 'utf8'), { columns: true, bom: true, skip_empty_lines: true }));
}

/** Which layout a header is, or null. The registry's `ref` wins, then the 2022 snapshot's `tm_player_id`, then `player_id`. */
export function detectLayout(header: readonly string[]): ImportLayout | null {
  const keys = new Set(header.map(headerKey));
  if (keys.has('ref')) return 'registry';
  if (keys.has('tmplayerid') && keys.has('position')) return 'transfermarkt-2022';
  if (keys.has('playerid') && keys.has('position') && (keys.has('name') || keys.has('lastname'))) return 'transfermarkt';
  return null;
}

/** The columns each Transfermarkt layout names a fact by (header keys, folded). Market values are never read. */
const TM_COLUMNS: Record<Exclude<ImportLayout, 'registry'>, Record<TmField, string>> = {
  transfermarkt: {
    id: 'playerid',
    name: 'name',
    firstName: 'firstname',
    lastName: 'lastname',
    position: 'position',
    subPosition: 'subposition',
    club: 'currentclubname',
    league: 'currentclubdomesticcompetitionid',
    nationality: 'countryofcitizenship',
    birthDate: 'dateofbirth',
  },
  'transfermarkt-2022': {
    id: 'tmplayerid',
    name: 'name',
    firstName: '',
    lastName: '',
    position: 'position',
    subPosition: 'subposition',
    club: 'currentclubtmname',
    league: 'league',
    nationality: 'nationality',
    birthDate: 'dateofbirth',
  },
};
type TmField = 'id' | 'name' | 'firstName' | 'lastName' | 'position' | 'subPosition' | 'club' | 'league' | 'nationality' | 'birthDate';

/** Transfermarkt's detailed roles and the position each is. */
const SUB_POSITIONS: Record<string, Position> = {
  goalkeeper: 'GK',
  defender: 'DEF',
  centreback: 'DEF',
  leftback: 'DEF',
  rightback: 'DEF',
  sweeper: 'DEF',
  midfield: 'MID',
  defensivemidfield: 'MID',
  centralmidfield: 'MID',
  attackingmidfield: 'MID',
  leftmidfield: 'MID',
  rightmidfield: 'MID',
  attack: 'FWD',
  centreforward: 'FWD',
  secondstriker: 'FWD',
  leftwinger: 'FWD',
  rightwinger: 'FWD',
};
const COARSE = new Set(['goalkeeper', 'defender', 'midfield', 'attack']);

/**
 * A Transfermarkt position: `Goalkeeper`/`Defender`/`Midfield`/`Attack` (or GK…), else the detailed
 * role's (`Centre-Back` → DEF; some rows have position `0` or `Missing` and the coarse one in `sub_position`).
 */
export function transfermarktPosition(position: string, subPosition: string): Position | null {
  return POSITIONS[position.toUpperCase()] ?? SUB_POSITIONS[headerKey(subPosition)] ?? null;
}

/** The product's name of a club: the alias table's, else the name as given (`known: false` if the table lacks it). */
export function productClub(name: string, clubs: ClubAliases): { club: string | null; known: boolean } {
  const given = name.replace(/\s+/g, ' ').trim();
  if (!given) return { club: null, known: true };
  const key = normalizeName(given);
  const aliased = clubs.bySource.get(key);
  if (aliased) return { club: aliased, known: true };
  return { club: given, known: clubs.written.has(key) };
}

function transfermarktRows(
  layout: Exclude<ImportLayout, 'registry'>,
  header: string[],
  records: { fields: string[]; line: number }[],
  clubs: ClubAliases,
  problems: RegistryProblem[],
): { rows: RegistryRow[]; lines: number[]; unknownClubs: Map<string, number> } {
  const keys = header.map(headerKey);
  const index = Object.fromEntries(
    Object.entries(TM_COLUMNS[layout]).map(([field, key]) => [field, key ? keys.indexOf(key) : -1]),
  ) as Record<TmField, number>;
  const rows: RegistryRow[] = [];
  const lines: number[] = [];
  const unknownClubs = new Map<string, number>();
  const seen = new Map<number, number>();
  for (const { fields, line } of records) {
    if (fields.every((f) => f === '')) continue;
    if (fields.length !== header.length) {
      problems.push({ line, message: `expected ${header.length} fields, found ${fields.length}` });
      continue;
    }
    const get = (field: TmField) => (index[field] < 0 ? '' : fields[index[field]]);
    const errors: string[] = [];
    const rawId = get('id');
    const tmId = Number(rawId);
    if (!rawId) errors.push('missing player id');
    else if (!(/^\d+$/.test(rawId) && Number.isSafeInteger(tmId))) errors.push(`player id "${rawId}" is not an integer`);
    else if (seen.has(tmId)) errors.push(`duplicate player id ${tmId} (first on line ${seen.get(tmId)})`);
    const name = (get('name') || `${get('firstName')} ${get('lastName')}`).replace(/\s+/g, ' ').trim();
    if (!name) errors.push('missing name');
    const position = transfermarktPosition(get('position'), get('subPosition'));
    if (!position)
      errors.push(`unknown position "${get('position')}"${get('subPosition') ? ` (sub_position "${get('subPosition')}")` : ''}`);
    // dcaribou writes `2000-07-21 00:00:00`; the 2022 snapshot `2000-07-21`.
    const rawBirth = get('birthDate');
    const birthDate = rawBirth.slice(0, 10);
    if (rawBirth && !(isIsoDate(birthDate) && /^(\d{4}-\d{2}-\d{2})([ T]00:00(:00)?)?$/.test(rawBirth))) {
      errors.push(`birth date "${rawBirth}" is not YYYY-MM-DD`);
    }
    if (errors.length > 0 || !position) {
      problems.push({ line, message: errors.join('; ') });
      continue;
    }
    seen.set(tmId, line);
    const { club, known } = productClub(get('club'), clubs);
    if (club && !known) unknownClubs.set(club, (unknownClubs.get(club) ?? 0) + 1);
    const subPosition = get('subPosition');
    rows.push({
      ref: `tm:${tmId}`,
      name,
      shortName: get('lastName') || null,
      aliases: [],
      club,
      league: get('league') || null,
      position,
      role: subPosition && !COARSE.has(headerKey(subPosition)) ? subPosition : null,
      nationality: get('nationality') || null,
      birthDate: rawBirth ? birthDate : null,
      fantacalcioId: null,
      fplCode: null,
      tmId,
    });
    lines.push(line);
  }
  return { rows, lines, unknownClubs };
}

/**
 * Parses an import file of any known layout, detected from its header. Registry files read as
 * `parseRegistryCsv` reads them; Transfermarkt files become
 * registry rows with `ref` `tm:<player id>` and the position mapped to GK/DEF/MID/FWD. Every
 * layout's clubs are renamed through the alias table. Transfermarkt's market values are never read: prices come from the news.
 */
export function parsePlayersCsv(text: string, clubs: ClubAliases): ImportFile {
  const problems: RegistryProblem[] = [];
  const records = readRecords(text, problems);
  const header = records.shift();
  if (!header)
    return { layout: null, rows: [], lines: [], problems: [...problems, { line: 1, message: 'no header row' }], unknownClubs: new Map() };
  const layout = detectLayout(header.fields);
  if (layout === null) {
    problems.push({
      line: header.line,
      message: 'unknown layout: the header has neither ref (the registry), player_id (Transfermarkt players.csv) nor tm_player_id',
    });
    return { layout, rows: [], lines: [], problems, unknownClubs: new Map() };
  }
  if (layout === 'registry') {
    // The registry's own layout, read as ever; its clubs go through the alias table too ("Man Utd" → "Manchester United").
    const registry = parseRegistryLines(text);
    const unknownClubs = new Map<string, number>();
    const rows = registry.rows.map((row) => {
      const { club, known } = productClub(row.club ?? '', clubs);
      if (club && !known) unknownClubs.set(club, (unknownClubs.get(club) ?? 0) + 1);
      return { ...row, club };
    });
    return { layout, rows, lines: registry.lines, problems: registry.problems, unknownClubs };
  }
  const { rows, lines, unknownClubs } = transfermarktRows(layout, header.fields, records, clubs, problems);
  problems.sort((a, b) => a.line - b.line);
  return { layout, rows, lines, problems, unknownClubs };
}

export async function readPlayersFile(path: string, clubs: ClubAliases = readClubAliases()): Promise<ImportFile> {
  return parsePlayersCsv(await readFile(path, 'utf8'), clubs);
}
