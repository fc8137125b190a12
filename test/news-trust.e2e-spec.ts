import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { runCli } from './support/cli.js';
import { registerAdmin, registerUser, startTestApi, type TestApi } from './support/test-api.js';
import { SEED_ARTICLE } from './support/game.js';

const KALULU_URL = 'https://www.calciomercato.it/kalulu-real-madrid';

/** Finding 1 and 2 of the hardening issue: one article must not be able to wreck a price or steal a url. */
describe('prices that one article cannot wreck', () => {
  let api: TestApi;
  let admin: string;
  beforeAll(async () => {
    api = await startTestApi();
    admin = (await registerAdmin(api)).token;
  });
  afterAll(() => api.close());

  const as = (token: string) => ({
    post: (route: string, body: unknown = {}) =>
      api
        .http()
        .post(`/api/v1${route}`)
        .set('Authorization', `Bearer ${token}`)
        .send(body as object),
    get: (route: string) => api.http().get(`/api/v1${route}`).set('Authorization', `Bearer ${token}`),
  });
  const player = async (q: string) => (await api.http().get('/api/v1/players').query({ q })).body.items[0];
  const today = () => new Date().toISOString();

  it('a forged article posted first under a real url does not own it: the real one is stored too, both flagged', async () => {
    // (Its fee would be held anyway: this is about the url, so the forgery names no fee.)
    const forged = 'Il Milan ha deciso: Pierre Kalulu non si muove, nessuna trattativa con il Real Madrid.';
    const first = await as(admin).post('/news', { text: forged, url: KALULU_URL, publishedAt: '2022-05-15T08:00:00Z' }).expect(201);
    const real = await as(admin).post('/news', { text: SEED_ARTICLE, url: KALULU_URL, publishedAt: '2022-05-16T08:00:00Z' }).expect(201);
    expect(real.body.article.id).not.toBe(first.body.article.id);
    expect(real.body.article.urlConflict).toBe(true);
    expect(real.body.reports).toEqual([expect.objectContaining({ quote: expect.stringContaining('25 milioni'), status: 'used' })]);
    expect((await player('Pierre Kalulu')).price).toMatchObject({ eur: 25_000_000, reports: 1 });
    // The same text again is still answered from storage, with the flag now on the first one too.
    const again = await as(admin).post('/news', { text: forged, url: KALULU_URL }).expect(200);
    expect(again.body.article).toMatchObject({ id: first.body.article.id, urlConflict: true });
  });

  it('a report more than ×3 below the reported price is held: the price does not move', async () => {
    const before = (await player('Pierre Kalulu')).price;
    const held = await as(admin)
      .post('/news', { text: 'Il Real Madrid offre 100 mila euro al Milan per Pierre Kalulu.', publishedAt: today() })
      .expect(201);
    const report = held.body.reports.find((r: { player: { name: string } }) => r.player.name === 'Pierre Kalulu');
    expect(report).toMatchObject({ status: 'held', heldReason: expect.stringMatching(/3× away/) });
    expect((await player('Pierre Kalulu')).price).toEqual(before);
  });

  it('a figure above the ceiling is held even for a player the news never priced', async () => {
    const before = (await player('Rafael Leao')).price; // his starter report's price: no news yet
    const { body } = await as(admin)
      .post('/news', { text: 'Il Chelsea ha offerto 2.900 milioni di euro per Rafael Leão.', publishedAt: today() })
      .expect(201);
    expect(body.reports).toEqual([expect.objectContaining({ status: 'held', heldReason: expect.stringMatching(/ceiling/) })]);
    expect((await player('Rafael Leao')).price).toEqual(before);
  });

  it('a manager who is not an admin can neither see the held queue nor decide it: 403 FORBIDDEN', async () => {
    const manager = (await registerUser(api)).token;
    expect((await as(manager).get('/news/reports?status=held')).body.code).toBe('FORBIDDEN');
    const [held] = (await as(admin).get('/news/reports?status=held').expect(200)).body.items;
    const attempt = await as(manager).post(`/news/reports/${held.id}/accept`);
    expect(attempt.status).toBe(403);
    expect((await as(admin).get('/news/reports?status=held').expect(200)).body.items.map((r: { id: string }) => r.id)).toContain(held.id);
  });

  it('admins see the held queue and decide: accept prices the player, reject never does, a decision is final', async () => {
    const queue = await as(admin).get('/news/reports?status=held').expect(200);
    expect(queue.body.items.length).toBe(2);
    const leao = queue.body.items.find((r: { player: { name: string } }) => r.player.name === 'Rafael Leão');
    const kalulu = queue.body.items.find((r: { player: { name: string } }) => r.player.name === 'Pierre Kalulu');
    expect(leao.article).toMatchObject({ id: expect.any(String), urlConflict: false });

    const leaoBefore = (await player('Rafael Leao')).price;
    const rejected = await as(admin).post(`/news/reports/${leao.id}/reject`).expect(200);
    expect(rejected.body.status).toBe('rejected');
    expect((await player('Rafael Leao')).price).toEqual(leaoBefore);
    expect((await as(admin).post(`/news/reports/${leao.id}/accept`)).body.code).toBe('REPORT_NOT_HELD');

    const before = await player('Pierre Kalulu');
    const accepted = await as(admin).post(`/news/reports/${kalulu.id}/accept`).expect(200);
    expect(accepted.body.status).toBe('used');
    const after = await player('Pierre Kalulu');
    expect(after.price.reports).toBe(before.price.reports + 1);
    // The fresh report outweighs the one from 2022: the median moves to it.
    expect(after.price.eur).toBe(100_000);
    expect((await as(admin).get('/news/reports?status=held').expect(200)).body.items).toEqual([]);
  });

  it('the price history keeps which reports made each price', async () => {
    const kalulu = await player('Pierre Kalulu');
    const client = new pg.Client({ connectionString: api.db.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT eur::float8 AS eur, cardinality(report_ids) AS used FROM player_price_history WHERE player_id = $1 ORDER BY id`,
        [kalulu.id],
      );
      expect(rows.map((r) => r.used)).toEqual([1, 2]);
      expect(rows.at(-1).eur).toBe(100_000);
    } finally {
      await client.end();
    }
  });

  it('unknown or malformed report ids are 404 REPORT_NOT_FOUND; a bad status is 400', async () => {
    expect((await as(admin).post('/news/reports/not-a-uuid/accept')).body.code).toBe('REPORT_NOT_FOUND');
    expect((await as(admin).post('/news/reports/00000000-0000-4000-8000-000000000000/reject')).status).toBe(404);
    expect((await as(admin).get('/news/reports?status=maybe')).body.code).toBe('VALIDATION_FAILED');
  });

  it('a report of someone the registry does not hold is listed as unlinked, and an admin links it: the player is repriced', async () => {
    const { body } = await as(admin)
      .post('/news', { text: 'Il Milan ha chiesto 12 milioni di euro per Sandro Tonali.', publishedAt: today() })
      .expect(201);
    const reportId: string = body.reports[0].id;
    // Until the extractor reports people outside the registry, one is made by unlinking a stored report.
    const client = new pg.Client({ connectionString: api.db.url });
    await client.connect();
    try {
      await client.query(`UPDATE fee_reports SET player_id = NULL, player_name = 'João Neves' WHERE id = $1`, [reportId]);
    } finally {
      await client.end();
    }
    const unlinked = await as(admin).get('/news/reports?linked=false').expect(200);
    expect(unlinked.body.items).toEqual([expect.objectContaining({ id: reportId, linked: false, player: { name: 'João Neves' } })]);
    expect((await as(admin).get('/news/reports?linked=maybe')).body.code).toBe('VALIDATION_FAILED');

    const target = await player('Pierre Kalulu');
    const linked = await as(admin).post(`/news/reports/${reportId}/link`, { playerId: target.id }).expect(200);
    expect(linked.body).toMatchObject({ linked: true, player: { id: target.id } });
    expect((await player('Pierre Kalulu')).price.reports).toBe(target.price.reports + 1);
    expect((await as(admin).get('/news/reports?linked=false').expect(200)).body.items).toEqual([]);
    const other = await player('Rafael Leao');
    expect((await as(admin).post(`/news/reports/${reportId}/link`, { playerId: other.id })).body.code).toBe('REPORT_ALREADY_LINKED');
    const manager = (await registerUser(api)).token;
    expect((await as(manager).post(`/news/reports/${reportId}/link`, { playerId: other.id })).status).toBe(403);

    // The operator's way: npm run cli -- players:link <reportId> <playerId>.
    const again = new pg.Client({ connectionString: api.db.url });
    await again.connect();
    try {
      await again.query(`UPDATE fee_reports SET player_id = NULL WHERE id = $1`, [reportId]);
    } finally {
      await again.end();
    }
    const { stdout } = await runCli(api.db.url, 'players:link', reportId, other.id);
    expect(stdout).toContain(`now prices player ${other.id}`);
    expect((await player('Rafael Leao')).price).toMatchObject({ basis: 'reported', eur: 12_000_000 });
    const refused = await runCli(api.db.url, 'players:link', reportId, target.id).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toContain('REPORT_ALREADY_LINKED');
  });
});
