import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../libs/schema/src/index.js';
import { loadStarterReportsIfMissing, parseStarterReports, STARTER_REPORTS_PATH } from '../libs/pricing/src/index.js';
import { readFileSync } from 'node:fs';
import { registerAdmin, startTestApi, type TestApi } from './support/test-api.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/** A first start (the test template is made the way a first start makes a database) prices the well-known players. */
describe('starter reports', () => {
  let api: TestApi;
  let db: DataSource;
  beforeAll(async () => {
    api = await startTestApi();
    db = await new DataSource(dataSourceOptions(api.db.url, { poolSize: 2 })).initialize();
  });
  afterAll(async () => {
    await db.destroy();
    await api.close();
  });

  const player = async (name: string) => {
    const { body } = await api.http().get('/api/v1/players').query({ q: name }).expect(200);
    const found = body.items.find((p: { name: string }) => p.name === name);
    return (await api.http().get(`/api/v1/players/${found.id}`).expect(200)).body;
  };

  it('price at least 150 players from reports, each with its source', async () => {
    const [{ priced }] = await db.query(`SELECT count(*)::int AS priced FROM players WHERE price_reports > 0`);
    expect(priced).toBeGreaterThanOrEqual(150);
    const rows = parseStarterReports(readFileSync(STARTER_REPORTS_PATH, 'utf8'));
    const [{ stored }] = await db.query(
      `SELECT count(*)::int AS stored FROM fee_reports r JOIN articles a ON a.id = r.article_id WHERE a.origin = 'starter'`,
    );
    expect(stored).toBe(rows.length);

    const grealish = await player('Jack Grealish');
    expect(grealish.price).toMatchObject({ basis: 'reported', origin: 'starter', reports: 1, eur: 117_000_000 }); // £100M at the fixed 1.17
    expect(grealish.reports).toEqual([
      expect.objectContaining({
        kind: 'agreed',
        from: 'Aston Villa',
        to: ['Manchester City'],
        amount: { min: 100_000_000, max: 100_000_000, currency: 'GBP' },
        eur: { min: 117_000_000, max: 117_000_000 },
        publishedAt: '2021-08-05T00:00:00.000Z',
        source: { url: expect.stringMatching(/^https:\/\/www\.si\.com\//), title: null, origin: 'starter' },
      }),
    ]);
    expect(grealish.reports[0].quote).toContain('starter data');
  });

  it('are replaced by the first news report about the player; a figure far from the starter price is held, like any', async () => {
    const before = await player('Dušan Vlahović');
    expect(before.price).toMatchObject({ basis: 'reported', origin: 'starter', eur: 70_000_000 });
    const { token } = await registerAdmin(api);
    const store = (text: string, url: string) =>
      api.http().post('/api/v1/news').set('Authorization', `Bearer ${token}`).send({ text, url }).expect(201);
    // 20 M is more than three times below the checked starter fee: held for an admin, the price does not move.
    const wild = await store(
      'Dušan Vlahović potrebbe lasciare la Juventus: il club chiede 20 milioni di euro per il serbo.',
      'https://example.com/vlahovic-20',
    );
    expect(wild.body.reports).toEqual([expect.objectContaining({ status: 'held', heldReason: expect.stringMatching(/3× away/) })]);
    expect((await player('Dušan Vlahović')).price).toMatchObject({ origin: 'starter', eur: 70_000_000 });
    // 60 M is within the bounds: it prices him, and the starter report no longer counts.
    const { body } = await store(
      'Dušan Vlahović potrebbe lasciare la Juventus: il club chiede 60 milioni di euro per il serbo.',
      'https://example.com/vlahovic-60',
    );
    expect(body.reports).toEqual([
      expect.objectContaining({ status: 'used', player: expect.objectContaining({ name: 'Dušan Vlahović' }) }),
    ]);
    const after = await player('Dušan Vlahović');
    expect(after.price).toMatchObject({ basis: 'reported', origin: 'news', reports: 1, eur: 60_000_000 });
    expect(after.reports.map((r: { source: { origin: string } }) => r.source.origin)).toEqual(['news']);
  });

  it('are stored once: again on a start that finds them, and once when two processes start together', async () => {
    expect(await loadStarterReportsIfMissing(db)).toBeNull();
    const fresh: TestDatabase = await createTestDatabase();
    const sources = await Promise.all([0, 1].map(() => new DataSource(dataSourceOptions(fresh.url, { poolSize: 2 })).initialize()));
    try {
      // A database from before starter reports shipped: players and prices, no starter articles.
      await sources[0]!.query(`DELETE FROM articles WHERE origin = 'starter'`);
      await sources[0]!.query(`UPDATE players SET price_eur = NULL, price_reports = 0, price_updated_at = NULL`);
      const loads = await Promise.all(sources.map((s) => loadStarterReportsIfMissing(s)));
      expect(loads.filter((l) => l !== null)).toHaveLength(1);
      const done = loads.find((l) => l !== null)!;
      expect(done.players).toBeGreaterThanOrEqual(150);
      const [{ starter }] = await sources[0]!.query(`SELECT count(*)::int AS starter FROM articles WHERE origin = 'starter'`);
      expect(starter).toBe(done.reports);
    } finally {
      await Promise.all(sources.map((s) => s.destroy()));
      await fresh.drop();
    }
  });
});
