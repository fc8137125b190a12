import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { clubAliasesOf, detectLayout, parsePlayersCsv, productClub, readClubAliases, transfermarktPosition } from './import-file.js';
import { planImport, type KnownPlayer } from './import-plan.js';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'players');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const clubs = readClubAliases();

describe('detectLayout', () => {
  it('tells the registry, Transfermarkt players.csv and the 2022 snapshot apart by their headers', () => {
    expect(detectLayout(['ref', 'name', 'position'])).toBe('registry');
    expect(detectLayout(fixture('transfermarkt-players.csv').split('\n')[0]!.split(','))).toBe('transfermarkt');
    expect(detectLayout(fixture('transfermarkt-2022.csv').split('\n')[0]!.split(','))).toBe('transfermarkt-2022');
    expect(detectLayout(['id', 'full_name', 'team'])).toBeNull();
  });
});

describe('transfermarktPosition', () => {
  it.each([
    ['Goalkeeper', '', 'GK'],
    ['Defender', 'Centre-Back', 'DEF'],
    ['Midfield', 'Attacking Midfield', 'MID'],
    ['Attack', 'Left Winger', 'FWD'],
    ['0', 'Midfield', 'MID'],
    ['Missing', 'Right Winger', 'FWD'],
    ['Missing', 'Right-Back', 'DEF'],
  ])('%s / %s → %s', (position, sub, expected) => {
    expect(transfermarktPosition(position, sub)).toBe(expected);
  });
  it('knows nothing of other words', () => expect(transfermarktPosition('Striker', '')).toBeNull());
});

describe('productClub', () => {
  it("renames Transfermarkt's names through club-names.csv, keeps written names, flags the rest", () => {
    expect(productClub('Ac Mailand', clubs)).toEqual({ club: 'Milan', known: true });
    expect(productClub('fc  bayern munchen', clubs)).toEqual({ club: 'Bayern München', known: true });
    expect(productClub('Bayern München', clubs)).toEqual({ club: 'Bayern München', known: true });
    expect(productClub('Pro Sesto', clubs)).toEqual({ club: 'Pro Sesto', known: false });
    expect(productClub('', clubs)).toEqual({ club: null, known: true });
    expect(productClub('Old Name', clubAliasesOf([{ source_club: 'Old Name', club: 'New Name' }]))).toEqual({
      club: 'New Name',
      known: true,
    });
  });
});

describe('parsePlayersCsv', () => {
  it('reads a Transfermarkt players.csv: positions mapped, clubs renamed, dates cut, market values never read', () => {
    const file = parsePlayersCsv(fixture('transfermarkt-players.csv'), clubs);
    expect(file.layout).toBe('transfermarkt');
    expect(file.rows).toEqual([
      {
        ref: 'tm:48859',
        name: 'Simon Kjær',
        shortName: 'Kjær',
        aliases: [],
        club: 'Milan',
        league: 'IT1',
        position: 'DEF',
        role: 'Centre-Back',
        nationality: 'Denmark',
        birthDate: '1989-03-26',
        fantacalcioId: null,
        fplCode: null,
        tmId: 48859,
      },
      expect.objectContaining({ ref: 'tm:999000001', position: 'GK', role: null, club: 'Napoli', birthDate: '2004-01-02' }),
      expect.objectContaining({ ref: 'tm:999000002', position: 'FWD', role: 'Right Winger', club: 'Club Sconosciuto' }),
    ]);
    expect(file.lines).toEqual([2, 3, 4]);
    expect(JSON.stringify(file.rows)).not.toMatch(/30000000|1000000|price|value/i);
    expect(file.unknownClubs).toEqual(new Map([['Club Sconosciuto', 1]]));
    expect(file.problems).toEqual([
      { line: 5, message: 'unknown position "Striker"' },
      { line: 6, message: 'player id "not-an-id" is not an integer; birth date "31/12/2001" is not YYYY-MM-DD' },
    ]);
  });

  it('reads the 2022 snapshot: position 0 takes sub_position, a repeated id is reported', () => {
    const file = parsePlayersCsv(fixture('transfermarkt-2022.csv'), clubs);
    expect(file.layout).toBe('transfermarkt-2022');
    expect(file.rows.map((r) => [r.ref, r.name, r.club, r.position, r.role, r.nationality])).toEqual([
      ['tm:585949', 'Pierre Kalulu', 'Milan', 'DEF', 'Right-Back', 'France'],
      ['tm:999000010', 'Vecchio Centrocampista', 'Torino', 'MID', null, 'Italy'],
    ]);
    expect(file.problems).toEqual([{ line: 4, message: 'duplicate player id 585949 (first on line 2)' }]);
  });

  it("reads the registry's own layout as before, its clubs through the alias table", () => {
    const file = parsePlayersCsv('ref,name,position,club\nop:1,Uno,MID,Man Utd\nop:2,Due,XX,Milan\n', clubs);
    expect(file.layout).toBe('registry');
    expect(file.rows).toEqual([expect.objectContaining({ ref: 'op:1', club: 'Manchester United' })]);
    expect(file.lines).toEqual([2]);
    expect(file.problems).toEqual([{ line: 3, message: 'unknown position "XX"' }]);
  });

  it('refuses a header of no known layout', () => {
    expect(parsePlayersCsv('id,full_name\n1,x\n', clubs)).toMatchObject({ layout: null, rows: [], problems: [{ line: 1 }] });
  });
});

describe('planImport', () => {
  const known = (p: Partial<KnownPlayer> & { id: string; ref: string; name: string }): KnownPlayer => ({
    aliases: [],
    tmId: null,
    birthDate: null,
    fantasy: false,
    position: 'MID',
    mergedRefs: [],
    ...p,
  });
  const row = (r: Partial<ReturnType<typeof parsePlayersCsv>['rows'][number]> & { ref: string; name: string }) => ({
    shortName: null,
    aliases: [],
    club: null,
    league: null,
    position: 'DEF' as const,
    role: null,
    nationality: null,
    birthDate: null,
    fantacalcioId: null,
    fplCode: null,
    tmId: null,
    ...r,
  });
  const players = [
    known({ id: 'a', ref: 'fc:1', name: 'Simon Kjær', aliases: ['Kjaer'], tmId: 48859, fantasy: true, position: 'DEF' }),
    known({ id: 'b', ref: 'fpl:2', name: 'Lucas Torreira', birthDate: '1996-02-11', fantasy: true, position: 'MID' }),
    known({ id: 'c', ref: 'tm:3', name: 'Twin', tmId: 3 }),
    known({ id: 'd', ref: 'tm:4', name: 'Twin', tmId: 3 }),
    known({ id: 'e', ref: 'tm:5', name: 'Kept', tmId: 5, mergedRefs: ['fc:55'] }),
  ];

  it('matches by Transfermarkt id, else name + birth date, keeps written names and fantasy roles, and adds the rest', () => {
    const rows = [
      row({ ref: 'tm:48859', name: 'Simon Kjaer', tmId: 48859, club: 'Milan', position: 'DEF' }),
      row({ ref: 'tm:222', name: 'LUCAS Torreira', birthDate: '1996-02-11', tmId: 222, club: 'Galatasaray', position: 'FWD' }),
      row({ ref: 'tm:333', name: 'Lucas Torreira', birthDate: '1999-01-01', tmId: 333 }),
      row({ ref: 'tm:9', name: 'Twin', tmId: 3 }), // the ref is new, the tm id two players'
      row({ ref: 'fc:55', name: 'Merged Away' }),
      row({ ref: 'tm:48859', name: 'Simon Kjaer', tmId: 48859 }),
    ];
    const plan = planImport(rows, [2, 3, 4, 5, 6, 7], players, { fromTransfermarkt: true });
    expect(plan.matched).toEqual({ ref: 1, tmId: 1, nameBirth: 1 });
    expect(plan.added).toBe(1);
    expect(plan.rows.map((r) => [r.ref, r.name, r.club, r.position])).toEqual([
      ['fc:1', 'Simon Kjær', 'Milan', 'DEF'],
      ['fpl:2', 'Lucas Torreira', 'Galatasaray', 'MID'], // his name folds to the row's: kept
      ['tm:333', 'Lucas Torreira', null, 'DEF'],
      ['tm:5', 'Merged Away', null, 'DEF'],
    ]);
    expect(plan.rows[0]!.aliases).toEqual(['Simon Kjær', 'Kjaer', 'Simon Kjaer']);
    expect(plan.rows[1]!.aliases).toEqual(['Lucas Torreira']); // aliases are distinct after case-folding
    expect(plan.problems).toEqual([
      { line: 5, message: 'Transfermarkt id 3 is on 2 players (tm:3, tm:4): merge them first' },
      { line: 7, message: 'the same player as line 2 (fc:1): row skipped' },
    ]);
  });

  it("does not match by name + birth date a player whose Transfermarkt id differs from the row's: another person, added", () => {
    const stored = [known({ id: 'y', ref: 'op:rossi', name: 'Mario Rossi', birthDate: '2000-01-01', tmId: 700 })];
    const plan = planImport(
      [
        row({ ref: 'tm:800', name: 'Mario Rossi', birthDate: '2000-01-01', tmId: 800 }),
        row({ ref: 'tm:700', name: 'Mario Rossi', birthDate: '2000-01-01', tmId: 700 }),
      ],
      [2, 3],
      stored,
      { fromTransfermarkt: true },
    );
    expect(plan.matched).toEqual({ ref: 0, tmId: 1, nameBirth: 0 });
    expect(plan.added).toBe(1);
    expect(plan.rows.map((r) => [r.ref, r.tmId])).toEqual([
      ['tm:800', 800],
      ['op:rossi', 700],
    ]);
    expect(plan.problems).toEqual([]);
  });

  it('still matches by name + birth date a player with no Transfermarkt id, or a row with none', () => {
    const stored = [known({ id: 'y', ref: 'op:rossi', name: 'Mario Rossi', birthDate: '2000-01-01', tmId: 700 })];
    const plan = planImport([row({ ref: 'op:new', name: 'Mario Rossi', birthDate: '2000-01-01' })], [2], stored, {
      fromTransfermarkt: true,
    });
    expect(plan.matched.nameBirth).toBe(1);
    expect(plan.rows[0]!.ref).toBe('op:rossi');
  });

  it('writes a registry row matched by its own ref as it is', () => {
    const plan = planImport([row({ ref: 'fc:1', name: 'Simon Kjaer', position: 'MID' })], [2], players, { fromTransfermarkt: false });
    expect(plan.rows).toEqual([row({ ref: 'fc:1', name: 'Simon Kjaer', position: 'MID' })]);
    expect(plan.matched.ref).toBe(1);
  });
});
