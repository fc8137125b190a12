import { existsSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { normalizeName, parseRegistryCsv, readRegistryFile, STARTER_REGISTRY_PATH } from './registry-file.js';

describe('starter registry', () => {
  it('is found from the module location', () => {
    expect(STARTER_REGISTRY_PATH.replace(/\\/g, '/')).toMatch(/\/libs\/players\/data\/registry\.csv$/);
    expect(existsSync(STARTER_REGISTRY_PATH)).toBe(true);
  });

  it('parses without problems and holds the Serie A, Premier League and Transfermarkt players', async () => {
    const { rows, problems } = await readRegistryFile(STARTER_REGISTRY_PATH);
    expect(problems).toEqual([]);
    expect(rows.length).toBeGreaterThan(8000);
    expect(rows.filter((r) => r.fantacalcioId !== null || r.fplCode !== null).length).toBeGreaterThanOrEqual(1400);
    expect(new Set(rows.map((r) => r.ref)).size).toBe(rows.length);

    const kalulus = rows.filter((r) => normalizeName(r.name).endsWith(' kalulu'));
    const pierre = kalulus.filter((r) => r.name === 'Pierre Kalulu');
    expect(pierre).toHaveLength(1);
    expect(pierre[0]).toMatchObject({
      ref: `tm:${pierre[0].tmId}`,
      club: 'Milan',
      league: 'IT1',
      position: 'DEF',
      // The Transfermarkt snapshot (January 2022) lists him as Right-Back.
      role: 'Right-Back',
      nationality: 'France',
      birthDate: '2000-06-05',
      fantacalcioId: 4976,
    });
    // His brother is a different person and must stay a separate row.
    expect(kalulus.map((r) => r.name).sort()).toEqual(['Aldo Kalulu', 'Pierre Kalulu']);

    const kjaer = rows.filter((r) => normalizeName(r.name) === 'simon kjaer');
    expect(kjaer).toHaveLength(1);
    expect(kjaer[0].aliases.map(normalizeName)).toContain('kjaer');
    const odegaard = rows.find((r) => r.name === 'Martin Ødegaard');
    expect(odegaard?.aliases).toEqual(expect.arrayContaining(['Ødegaard', 'Martin Odegaard']));
  });
});

describe('normalizeName', () => {
  it.each([
    ['Simon Kjær', 'simon kjaer'],
    ['Martin Ødegaard', 'martin odegaard'],
    ["BALLO-TOURE'", 'ballo toure'],
    ['Pierre-Emile Højbjerg', 'pierre emile hojbjerg'],
    ["N'Golo Kanté", 'n golo kante'],
    ['Łukasz Fabiański', 'lukasz fabianski'],
    ['Jóhann Berg Guðmundsson', 'johann berg gudmundsson'],
    ['  Zapata   D. ', 'zapata d'],
    ['Dušan Vlahović', 'dusan vlahovic'],
    ['Đorđe Petrović', 'dorde petrovic'],
    ['Thomas Müller', 'thomas muller'],
    ['Kerem Aktürkoğlu', 'kerem akturkoglu'],
    ['Yunus Akgün Işık', 'yunus akgun isik'],
    ['Œuvre Straße', 'oeuvre strasse'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });
});

describe('parseRegistryCsv', () => {
  it('reports bad rows with their line numbers and keeps the others', () => {
    const csv = [
      'ref,name,position,birth_date,tm_id',
      'tm:1,Good One,DEF,2000-01-02,1',
      'tm:2,Bad Position,Libero,,2',
      'tm:3,"Also Good",FWD,,3',
      'tm:4,Bad Date,MID,2000-02-30,4',
      'tm:5,Last Good,GK,,',
    ].join('\n');
    const { rows, problems } = parseRegistryCsv(csv);
    expect(rows.map((r) => r.ref)).toEqual(['tm:1', 'tm:3', 'tm:5']);
    expect(problems.map((p) => p.line)).toEqual([3, 5]);
    expect(problems[0].message).toMatch(/position/);
    expect(problems[1].message).toMatch(/birth date/);
    expect(rows[0]).toEqual({
      ref: 'tm:1',
      name: 'Good One',
      shortName: null,
      aliases: [],
      club: null,
      league: null,
      position: 'DEF',
      role: null,
      nationality: null,
      birthDate: '2000-01-02',
      fantacalcioId: null,
      fplCode: null,
      tmId: 1,
    });
    expect(rows[2].tmId).toBeNull();
  });

  it('counts lines of quoted multi-line fields, blank lines and CRLF', () => {
    const csv = 'name,ref,position\r\n"Multi\r\nLine",a,MID\r\n\r\nNo Ref,,DEF\r\n';
    const { rows, problems } = parseRegistryCsv(csv);
    expect(rows).toHaveLength(1);
    expect(problems).toEqual([{ line: 5, message: 'missing ref' }]);
  });

  it('reads columns in any order and reports other unreadable rows', () => {
    const csv = [
      'Position,Name,Ref,Aliases,fpl_code,Short Name',
      'GKP,Keeper,fpl:1,Keeper | KEEPER | | Kpr,1,Kpr',
      'Midfield,Extra Column,fpl:2,,2,x,surplus',
      'A,Decimal Id,fpl:3,,3.5,',
      'FWD,,fpl:4,,4,',
      'P,Keeper Again,fpl:1,,1,',
    ].join('\n');
    const { rows, problems } = parseRegistryCsv(csv);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ ref: 'fpl:1', position: 'GK', aliases: ['Keeper', 'Kpr'], shortName: 'Kpr', fplCode: 1 });
    expect(problems.map((p) => p.line)).toEqual([3, 4, 5, 6]);
    expect(problems[0].message).toMatch(/expected 6 fields, found 7/);
    expect(problems[1].message).toMatch(/not an integer/);
    expect(problems[2].message).toMatch(/missing name/);
    expect(problems[3].message).toMatch(/duplicate ref "fpl:1" \(first on line 2\)/);
  });

  it('needs a header with ref, name and position', () => {
    expect(parseRegistryCsv('')).toEqual({ rows: [], problems: [{ line: 1, message: 'no header row' }] });
    const { rows, problems } = parseRegistryCsv('ref,name\nx,y\n');
    expect(rows).toEqual([]);
    expect(problems).toEqual([{ line: 1, message: 'header lacks required column(s): position' }]);
  });

  it('accepts position synonyms', () => {
    const synonyms: Record<string, string> = {
      GK: 'GK',
      GKP: 'GK',
      P: 'GK',
      Goalkeeper: 'GK',
      DEF: 'DEF',
      D: 'DEF',
      Defender: 'DEF',
      MID: 'MID',
      C: 'MID',
      Midfield: 'MID',
      midfielder: 'MID',
      FWD: 'FWD',
      A: 'FWD',
      Attack: 'FWD',
      Forward: 'FWD',
    };
    const csv = ['ref,name,position', ...Object.keys(synonyms).map((p, i) => `r${i},Player ${i},${p}`)].join('\n');
    const { rows, problems } = parseRegistryCsv(csv);
    expect(problems).toEqual([]);
    expect(rows.map((r) => r.position)).toEqual(Object.values(synonyms));
  });

  it('reports a broken quote instead of throwing', () => {
    const { rows, problems } = parseRegistryCsv('ref,name,position\na,"Bad"quote,MID\nb,Fine,DEF\n');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0].line).toBe(2);
    expect(rows.every((r) => r.ref !== 'a')).toBe(true);
  });
});
