import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { ascii } from '../scripts/registry-spellings.mjs';
import { readRegistryFile, searchTextOf, STARTER_REGISTRY_PATH, syncStarterRegistry, type RegistryRow } from '../libs/players/src/index.js';
import { dataSourceOptions } from '../libs/schema/src/index.js';
import { startTestApi, type TestApi } from './support/test-api.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const MULLER = 'tm:58358';
const KJAER = 'tm:48859';
const LEAO = 'tm:357164'; // priced by a starter report

/**
 * Turns a cloned test database (made the way a first start makes one) into one from before the
 * registry wrote spellings: ASCII names and aliases, the sources' club names ("Fc Bayern Munchen"),
 * no record of the shipped file. Plus what an operator may have done since: a price, an alias of
 * his own, a player of his own.
 */
async function ageDatabase(db: DataSource, rows: readonly RegistryRow[]): Promise<void> {
  const clubs = parse(readFileSync(join(dirname(STARTER_REGISTRY_PATH), 'club-names.csv'), 'utf8'), { columns: true }) as {
    source_club: string;
    club: string;
  }[];
  const sourceClub = new Map(clubs.map((c) => [c.club, c.source_club]));
  const old = rows.map((r) => {
    const aliases = r.aliases.filter((a) => ascii(a) === a);
    return {
      ref: r.ref,
      name: ascii(r.name),
      club: r.club ? (sourceClub.get(r.club) ?? r.club) : null,
      aliases,
      searchText: searchTextOf({ name: ascii(r.name), aliases }),
    };
  });
  await db.query(
    `UPDATE players p SET name = o.name, club = o.club, aliases = o.aliases, search_text = o."searchText"
       FROM jsonb_to_recordset($1::jsonb) AS o(ref text, name text, club text, aliases text[], "searchText" text)
      WHERE p.ref = o.ref`,
    [JSON.stringify(old)],
  );
  await db.query(`UPDATE players SET price_eur = 31000000, price_reports = 1, price_updated_at = now() WHERE ref = $1`, [MULLER]);
  await db.query(
    `UPDATE players SET aliases = aliases || '{Big Simon}'::text[], search_text = search_text || ' | big simon' WHERE ref = $1`,
    [KJAER],
  );
  await db.query(
    `INSERT INTO players (ref, name, aliases, search_text, club, position) VALUES ('op:1', 'Giocatore Locale', '{}', 'giocatore locale', 'Pro Sesto', 'MID')`,
  );
  await db.query(`DELETE FROM shipped_files`);
  const [muller] = await db.query(`SELECT name, club FROM players WHERE ref = $1`, [MULLER]);
  expect(muller).toEqual({ name: 'Thomas Muller', club: 'Fc Bayern Munchen' });
}

interface Facts {
  ref: string;
  id: string;
  name: string;
  club: string | null;
  price_eur: string | null;
  price_reports: number;
  reports: number;
}
const facts = (db: DataSource): Promise<Facts[]> =>
  db.query(
    `SELECT p.ref, p.id, p.name, p.club, p.price_eur, p.price_reports,
            (SELECT count(*)::int FROM fee_reports r WHERE r.player_id = p.id) AS reports
       FROM players p ORDER BY p.ref`,
  );

describe('a database from before the registry wrote spellings', () => {
  let rows: RegistryRow[];
  beforeAll(async () => {
    ({ rows } = await readRegistryFile(STARTER_REGISTRY_PATH));
  });

  describe('on start', () => {
    let db: TestDatabase;
    let source: DataSource;
    let before: Facts[];
    let apis: TestApi[] = [];
    beforeAll(async () => {
      db = await createTestDatabase();
      source = await new DataSource(dataSourceOptions(db.url, { poolSize: 2 })).initialize();
      await ageDatabase(source, rows);
      before = await facts(source);
      // Two API processes starting together on it.
      apis = await Promise.all([startTestApi({}, db), startTestApi({}, db)]);
    });
    afterAll(async () => {
      await Promise.all(apis.map((a) => a.close()));
      await source.destroy();
      await db.drop();
    });

    it('gets the written names and clubs, with every id, price and report kept', async () => {
      const after = await facts(source);
      const shipped = new Map(rows.map((r) => [r.ref, r]));
      // Same players, same ids, prices and reports; shipped rows now say what the file says.
      const keep = ({ ref, id, price_eur, price_reports, reports }: Facts) => ({ ref, id, price_eur, price_reports, reports });
      expect(after.map(keep)).toEqual(before.map(keep));
      const wrong = after.filter((p) => shipped.has(p.ref) && (p.name !== shipped.get(p.ref)!.name || p.club !== shipped.get(p.ref)!.club));
      expect(wrong).toEqual([]);

      const byRef = new Map(after.map((p) => [p.ref, p]));
      expect(byRef.get(MULLER)).toMatchObject({ name: 'Thomas Müller', club: 'Bayern München', price_eur: '31000000', price_reports: 1 });
      expect(byRef.get(KJAER)).toMatchObject({ name: 'Simon Kjær', club: 'Milan' });
      expect(byRef.get(LEAO)!.name).toBe('Rafael Leão');
      expect(byRef.get(LEAO)!.reports).toBeGreaterThan(0);
      expect(byRef.get('op:1')).toMatchObject({ name: 'Giocatore Locale', club: 'Pro Sesto' }); // not shipped: left alone

      const [record] = await source.query(`SELECT sha256 FROM shipped_files`);
      expect(record.sha256).toBe(createHash('sha256').update(readFileSync(STARTER_REGISTRY_PATH)).digest('hex'));
    });

    it('finds them by the old and the written spelling, in any case', async () => {
      const search = async (q: string) =>
        (await apis[0]!.http().get('/api/v1/players').query({ q }).expect(200)).body.items.map((p: { name: string }) => p.name);
      for (const q of ['muller', 'Müller', 'MÜLLER', 'Thomas Muller', 'thomas müller'])
        expect([q, await search(q)]).toEqual([q, expect.arrayContaining(['Thomas Müller'])]);
      for (const q of ['kjaer', 'KJÆR', 'Simon Kjaer', 'big simon'])
        expect([q, await search(q)]).toEqual([q, expect.arrayContaining(['Simon Kjær'])]);
      const [muller] = (await apis[1]!.http().get('/api/v1/players').query({ q: 'thomas muller' }).expect(200)).body.items;
      expect(muller).toMatchObject({ name: 'Thomas Müller', club: 'Bayern München', price: { eur: 31_000_000, basis: 'reported' } });
    });
  });

  it('is brought up to date once, when two processes start together, and then left alone', async () => {
    const db = await createTestDatabase();
    const sources = await Promise.all([0, 1].map(() => new DataSource(dataSourceOptions(db.url, { poolSize: 2 })).initialize()));
    try {
      await ageDatabase(sources[0]!, rows);
      const syncs = await Promise.all(sources.map((s) => syncStarterRegistry(s)));
      expect(syncs.filter((s) => s === null)).toHaveLength(1);
      expect(syncs.find((s) => s !== null)).toEqual({ inserted: 0, updated: rows.length });
      const settled = await facts(sources[0]!);
      expect(await syncStarterRegistry(sources[1]!)).toBeNull();
      expect(await facts(sources[0]!)).toEqual(settled);
    } finally {
      await Promise.all(sources.map((s) => s.destroy()));
      await db.drop();
    }
  });
});
