import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import * as derive from '../../../scripts/registry-spellings.mjs';
import { normalizeName, readRegistryFile, STARTER_REGISTRY_PATH } from './registry-file.js';

const DATA = dirname(STARTER_REGISTRY_PATH);
const readCsv = <T>(file: string) => parse(readFileSync(join(DATA, file), 'utf8'), { columns: true, bom: true }) as T[];
const url = 'https://example.com/squad';

describe('applySpellings (scripts/registry-spellings.mjs)', () => {
  const names = new Map([
    ['tm:1', 'Simon Kjaer'],
    ['tm:2', 'Tono'],
    ['tm:3', 'Ruben Loftus Cheek'],
    ['tm:4', 'Dušan Vlahović'],
    ['tm:5', 'Rafael Leao'],
  ]);

  it('takes a spelling that only adds diacritics, capitals, hyphens or apostrophes', () => {
    const {
      names: out,
      applied,
      refused,
      unchanged,
    } = derive.applySpellings(names, [
      { ref: 'tm:1', name: 'Simon Kjær', url },
      { ref: 'tm:3', name: 'Ruben Loftus-Cheek', url },
      { ref: 'tm:4', name: 'Dušan Vlahović', url },
    ]);
    expect(refused).toEqual([]);
    expect(unchanged).toBe(1);
    expect(applied.map((a) => [a.from, a.to])).toEqual([
      ['Simon Kjaer', 'Simon Kjær'],
      ['Ruben Loftus Cheek', 'Ruben Loftus-Cheek'],
    ]);
    expect(out.get('tm:1')).toBe('Simon Kjær');
    expect(out.get('tm:5')).toBe('Rafael Leao'); // no spelling: the derived name stays
  });

  it('refuses a spelling that does not fold back to the registry name, and says why', () => {
    const {
      names: out,
      applied,
      refused,
    } = derive.applySpellings(names, [
      { ref: 'tm:2', name: 'Toño Ramírez', url }, // his fuller name: a different form, not a spelling
      { ref: 'tm:1', name: 'Simon Kjær Jensen', url },
      { ref: 'tm:5', name: 'Rafael León', url }, // one letter differs
    ]);
    expect(applied).toEqual([]);
    expect(refused.map((r) => [r.ref, r.reason])).toEqual([
      ['tm:1', 'does not fold to the registry name "Simon Kjaer"'],
      ['tm:2', 'does not fold to the registry name "Tono"'],
      ['tm:5', 'does not fold to the registry name "Rafael Leao"'],
    ]);
    expect([...out]).toEqual([...names]);
  });

  it('refuses spellings without a source, for unknown players, or two different ones for one player', () => {
    const { applied, refused } = derive.applySpellings(names, [
      { ref: 'tm:1', name: 'Simon Kjær', url: '' },
      { ref: 'tm:9', name: 'Nobody Known', url },
      { ref: 'tm:5', name: 'Rafael Leão', url },
      { ref: 'tm:5', name: 'Rafaël Leão', url },
    ]);
    expect(applied).toEqual([]);
    expect(refused.map((r) => r.reason)).toEqual([
      'no source url',
      'two different spellings of one player',
      'two different spellings of one player',
      'no registry row has this ref',
    ]);
  });
});

describe('clubAliases (scripts/registry-spellings.mjs)', () => {
  it('maps source club names to written ones, and refuses a defective table', () => {
    const table = derive.clubAliases([
      { source_club: 'Fc Bayern Munchen', club: 'Bayern München', url },
      { source_club: 'Milan', club: 'Milan', url },
    ]);
    expect(table.get('Fc Bayern Munchen')).toBe('Bayern München');
    expect(() =>
      derive.clubAliases([
        { source_club: 'Milan', club: 'Milan', url },
        { source_club: 'Milan', club: 'AC Milan', url },
      ]),
    ).toThrow(/line 3: "Milan" is listed twice/);
    expect(() => derive.clubAliases([{ source_club: 'Milan', club: 'Milan', url: '' }])).toThrow(/no source url/);
    expect(() => derive.clubAliases([{ source_club: 'Milan', club: '', url }])).toThrow(/required/);
  });
});

describe('the shipped registry', () => {
  it('folds names the way the registry is searched (derive and search keep one normalizeName)', async () => {
    const { rows } = await readRegistryFile(STARTER_REGISTRY_PATH);
    const spellings = readCsv<{ name: string }>('collected/spellings.csv');
    for (const text of [...rows.flatMap((r) => [r.name, ...r.aliases]), ...spellings.map((s) => s.name)]) {
      expect([text, derive.normalizeName(text)]).toEqual([text, normalizeName(text)]);
    }
  });

  it('has every cited spelling that folds back, keeps the old ASCII form as an alias, and writes every club through club-names.csv', async () => {
    const { rows } = await readRegistryFile(STARTER_REGISTRY_PATH);
    const byRef = new Map(rows.map((r) => [r.ref, r]));
    const spellings = readCsv<{ ref: string; name: string }>('collected/spellings.csv');
    let written = 0;
    for (const s of spellings) {
      const row = byRef.get(s.ref);
      // Either the registry writes the cited spelling, or the spelling was refused for other letters.
      expect([s.ref, row?.name === s.name || derive.compact(row?.name ?? '') !== derive.compact(s.name)]).toEqual([s.ref, true]);
      if (row?.name !== s.name) continue;
      written++;
      expect([s.ref, row.aliases]).toEqual([s.ref, expect.arrayContaining([derive.ascii(s.name)])]);
    }
    expect(written).toBeGreaterThanOrEqual(1500);
    expect(byRef.get('tm:48859')).toMatchObject({ name: 'Simon Kjær', shortName: 'Kjær', club: 'Milan' });
    expect(byRef.get('tm:58358')).toMatchObject({ name: 'Thomas Müller', club: 'Bayern München' });
    expect(byRef.get('tm:58358')!.aliases).toEqual(expect.arrayContaining(['Thomas Muller', 'Müller', 'Muller']));

    // Every club is a written name of the alias table: no "Fc Bayern Munchen" left beside "Bayern München".
    const writtenClubs = new Set(readCsv<{ club: string }>('club-names.csv').map((c) => c.club));
    expect(rows.filter((r) => !writtenClubs.has(r.club ?? '')).map((r) => `${r.ref} ${r.club}`)).toEqual([]);
  });
});
