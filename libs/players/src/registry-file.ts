// Reader for player registry CSV files (the shipped starter registry and `players:import <csv>`).
// Pure on purpose: no Nest, no database, so seeding, the CLI and tests share one parser.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

export type Position = 'GK' | 'DEF' | 'MID' | 'FWD';

export interface RegistryRow {
  ref: string;
  name: string;
  shortName: string | null;
  aliases: string[];
  club: string | null;
  league: string | null;
  position: Position;
  role: string | null;
  nationality: string | null;
  birthDate: string | null;
  fantacalcioId: number | null;
  fplCode: number | null;
  tmId: number | null;
}

export interface RegistryProblem {
  line: number;
  message: string;
}

const REGISTRY_RELATIVE = join('libs', 'players', 'data', 'registry.csv');

// From source this module sits in <repo>/libs/players/src, from the build in <repo>/dist/libs/players/src.
// The nearest package.json that actually has the data wins, because a build may put its own
// package.json into dist/; failing that, the nearest package.json at all.
function findRepoRoot(start: string): string {
  let fallback: string | undefined;
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      if (existsSync(join(dir, REGISTRY_RELATIVE))) return dir;
      fallback ??= dir;
    }
    if (dirname(dir) === dir) return fallback ?? join(start, '..', '..', '..');
  }
}

/** The club alias table: the sources' club names (`source_club`) and the names people write (`club`). */
export const CLUB_NAMES_PATH: string = join(
  findRepoRoot(dirname(fileURLToPath(import.meta.url))),
  'libs',
  'players',
  'data',
  'club-names.csv',
);

export const STARTER_REGISTRY_PATH: string = join(findRepoRoot(dirname(fileURLToPath(import.meta.url))), REGISTRY_RELATIVE);

const FOLD: Record<string, string> = {
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ł: 'l',
  đ: 'd',
  ı: 'i',
  ð: 'd',
  þ: 'th',
};

/** Matching key for names: case, diacritics and punctuation differences disappear. */
export function normalizeName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[øæœßłđıðþ]/g, (c) => FOLD[c] ?? c)
    .replace(/['’‘`´ʼ.\-‐‑–—]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export const POSITIONS: Readonly<Record<string, Position>> = {
  GK: 'GK',
  GKP: 'GK',
  P: 'GK',
  GOALKEEPER: 'GK',
  DEF: 'DEF',
  D: 'DEF',
  DEFENDER: 'DEF',
  MID: 'MID',
  C: 'MID',
  MIDFIELD: 'MID',
  MIDFIELDER: 'MID',
  FWD: 'FWD',
  A: 'FWD',
  ATTACK: 'FWD',
  FORWARD: 'FWD',
};

type Field = keyof RegistryRow;
// Header names are matched loosely (case, `_`, spaces) so hand-made import files
// with `shortName` or `Birth Date` headers still load.
const HEADER: Record<string, Field> = {
  ref: 'ref',
  name: 'name',
  shortname: 'shortName',
  aliases: 'aliases',
  club: 'club',
  league: 'league',
  position: 'position',
  role: 'role',
  nationality: 'nationality',
  birthdate: 'birthDate',
  fantacalcioid: 'fantacalcioId',
  fplcode: 'fplCode',
  tmid: 'tmId',
};
const REQUIRED: Field[] = ['ref', 'name', 'position'];
const ID_FIELDS = ['fantacalcioId', 'fplCode', 'tmId'] as const;
export const headerKey = (h: string): string => h.toLowerCase().replace(/[^a-z0-9]/g, '');

export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

function splitAliases(s: string): string[] {
  const seen = new Set<string>();
  return s
    .split('|')
    .map((a) => a.replace(/\s+/g, ' ').trim())
    .filter((a) => {
      const key = a.toLowerCase();
      if (!a || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

export interface RawRecord {
  fields: string[];
  line: number;
}

// csv-parse reports the line a record ends on; multi-line quoted fields and the blank lines it
// skipped before the record are subtracted so problems point at the line where the row starts.
function startLine(endLine: number, raw: string | undefined): number {
  const body = (raw ?? '').replace(/^\n+/, '').replace(/\n$/, '');
  return endLine - (body.match(/\n/g) ?? []).length;
}

const errorLine = (err: unknown): number => {
  const lines = (err as { lines?: unknown } | undefined)?.lines;
  return typeof lines === 'number' ? lines : 0;
};

/** The file's records with the line each starts on; what csv-parse cannot read goes into `problems`. */
export function readRecords(text: string, problems: RegistryProblem[]): RawRecord[] {
  const records: RawRecord[] = [];
  try {
    // csv-parse counts a CRLF inside a quoted field as two lines, so line endings are unified first.
    parse(text.replace(/\r\n?/g, '\n'), {
      bom: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (err) => {
        problems.push({ line: errorLine(err), message: `unreadable CSV: ${err?.message ?? 'unknown error'}` });
        return undefined;
      },
      on_record: (rec, ctx) => {
        const { record, raw } = rec as unknown as { record: string[]; raw: string };
        records.push({ fields: record.map((f) => f.trim()), line: startLine(ctx.lines, raw) });
        return null;
      },
    });
  } catch (err) {
    // Kept records stay usable; the rest of the file could not be read.
    const message = err instanceof Error ? err.message : String(err);
    problems.push({ line: errorLine(err), message: `unreadable CSV, stopped reading: ${message}` });
  }
  return records;
}

function toRow(fields: string[], columns: (Field | null)[]): { row?: RegistryRow; errors: string[] } {
  const errors: string[] = [];
  if (fields.length !== columns.length) {
    return { errors: [`expected ${columns.length} fields, found ${fields.length}`] };
  }
  const get = (field: Field): string => {
    const i = columns.indexOf(field);
    return i < 0 ? '' : fields[i];
  };
  for (const field of REQUIRED) if (!get(field)) errors.push(`missing ${field}`);
  const rawPosition = get('position');
  const position = POSITIONS[rawPosition.toUpperCase()];
  if (rawPosition && !position) errors.push(`unknown position "${rawPosition}"`);
  const birthDate = get('birthDate');
  if (birthDate && !isIsoDate(birthDate)) errors.push(`birth date "${birthDate}" is not YYYY-MM-DD`);
  const ids = {} as Record<(typeof ID_FIELDS)[number], number | null>;
  for (const field of ID_FIELDS) {
    const v = get(field);
    const n = Number(v);
    if (v && !(/^\d+$/.test(v) && Number.isSafeInteger(n))) errors.push(`${field} "${v}" is not an integer`);
    ids[field] = v ? n : null;
  }
  if (errors.length > 0 || !position) return { errors };
  const opt = (field: Field) => get(field) || null;
  return {
    errors,
    row: {
      ref: get('ref'),
      name: get('name').replace(/\s+/g, ' '),
      shortName: opt('shortName'),
      aliases: splitAliases(get('aliases')),
      club: opt('club'),
      league: opt('league'),
      position,
      role: opt('role'),
      nationality: opt('nationality'),
      birthDate: birthDate || null,
      ...ids,
    },
  };
}

/** Parses registry CSV text. Bad rows are skipped and reported with their 1-based line (header = 1). */
export function parseRegistryCsv(text: string): { rows: RegistryRow[]; problems: RegistryProblem[] } {
  const { rows, problems } = parseRegistryLines(text);
  return { rows, problems };
}

/** parseRegistryCsv, with the line each row starts on (`lines[i]` is `rows[i]`'s). */
export function parseRegistryLines(text: string): { rows: RegistryRow[]; lines: number[]; problems: RegistryProblem[] } {
  const problems: RegistryProblem[] = [];
  const records = readRecords(text, problems);
  const rows: RegistryRow[] = [];
  const lines: number[] = [];
  const header = records.shift();
  if (!header) {
    problems.push({ line: 1, message: 'no header row' });
    return { rows, lines, problems };
  }
  const columns = header.fields.map((h) => HEADER[headerKey(h)] ?? null);
  const missing = REQUIRED.filter((f) => !columns.includes(f));
  if (missing.length > 0) {
    problems.push({ line: header.line, message: `header lacks required column(s): ${missing.join(', ')}` });
    return { rows, lines, problems };
  }
  const seenRefs = new Map<string, number>();
  for (const { fields, line } of records) {
    if (fields.every((f) => f === '')) continue;
    const { row, errors } = toRow(fields, columns);
    if (row && seenRefs.has(row.ref)) {
      errors.push(`duplicate ref "${row.ref}" (first on line ${seenRefs.get(row.ref)})`);
    }
    if (!row || errors.length > 0) {
      problems.push({ line, message: errors.join('; ') });
      continue;
    }
    seenRefs.set(row.ref, line);
    rows.push(row);
    lines.push(line);
  }
  problems.sort((a, b) => a.line - b.line);
  return { rows, lines, problems };
}

export async function readRegistryFile(path: string): Promise<{ rows: RegistryRow[]; problems: RegistryProblem[] }> {
  return parseRegistryCsv(await readFile(path, 'utf8'));
}
