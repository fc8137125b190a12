import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { registerAdmin, startTestApi, type TestApi } from './support/test-api.js';
import { SEED_ARTICLE } from './support/game.js';

const SEED = {
  url: 'https://example.com/kalulu-real-madrid',
  title: 'Kalulu, il Real Madrid ci pensa',
  publishedAt: '2022-05-16T08:00:00.000Z',
};
const AGREED = {
  text: "Il Real Madrid ha raggiunto l'accordo con il Milan per Pierre Kalulu: operazione da 30 milioni di euro.",
  url: 'https://example.com/kalulu-accordo',
  title: 'Kalulu al Real, è fatta',
};

/** GET /players/:id/prices: every price the news gave a player, oldest first, each with the report and source that moved it. */
describe("a player's price history", () => {
  let api: TestApi;
  let token: string;
  let kalulu: string;
  const reportIds: string[] = [];

  beforeAll(async () => {
    api = await startTestApi();
    token = (await registerAdmin(api)).token;
    kalulu = (await api.http().get('/api/v1/players').query({ q: 'Pierre Kalulu' })).body.items[0].id;
  });
  afterAll(() => api.close());

  const ingest = (body: object) => api.http().post('/api/v1/news').set('Authorization', `Bearer ${token}`).send(body);
  const prices = (id: string, query: Record<string, string> = {}) => api.http().get(`/api/v1/players/${id}/prices`).query(query);

  it('is empty for a player only ever at his default price, and public', async () => {
    const { body } = await prices(kalulu).expect(200);
    expect(body).toEqual({ items: [], truncated: false });
  });

  it('holds one point per repricing, oldest first, each with the price before it and the report and source behind it', async () => {
    // A price is not a registry fact: the registry's version (what the extractor's index is rebuilt on) stays.
    const version = async () => (await api.app.get(DataSource).query(`SELECT max(updated_at)::text AS v FROM players`))[0].v;
    const before = await version();
    reportIds.push((await ingest({ text: SEED_ARTICLE, ...SEED }).expect(201)).body.reports[0].id);
    expect(await version()).toBe(before);
    const agreedAt = new Date(Date.now() - 60_000).toISOString();
    reportIds.push((await ingest({ ...AGREED, publishedAt: agreedAt }).expect(201)).body.reports[0].id);

    const { body } = await prices(kalulu).expect(200);
    expect(body.truncated).toBe(false);
    expect(body.items).toEqual([
      {
        at: expect.any(String),
        priceEur: 25_000_000,
        previousEur: null,
        report: {
          id: reportIds[0],
          kind: 'asking',
          quote: expect.stringContaining('25 milioni'),
          source: { url: SEED.url, title: SEED.title, origin: 'news' },
          publishedAt: SEED.publishedAt,
        },
      },
      {
        at: expect.any(String),
        priceEur: 30_000_000,
        previousEur: 25_000_000,
        report: {
          id: reportIds[1],
          kind: 'agreed',
          quote: expect.stringContaining('30 milioni'),
          source: { url: AGREED.url, title: AGREED.title, origin: 'news' },
          publishedAt: agreedAt,
        },
      },
    ]);
    const [first, second] = body.items as { at: string }[];
    expect(new Date(first!.at).toISOString()).toBe(first!.at);
    expect(Date.parse(first!.at)).toBeLessThan(Date.parse(second!.at));
    // The last point is the price the player has now.
    const { body: player } = await api.http().get(`/api/v1/players/${kalulu}`).expect(200);
    expect(player.price.eur).toBe(30_000_000);
  });

  it('keeps the last `limit` points and says older ones were left off', async () => {
    const { body } = await prices(kalulu, { limit: '1' }).expect(200);
    expect(body.truncated).toBe(true);
    expect(body.items.map((p: { priceEur: number }) => p.priceEur)).toEqual([30_000_000]);
    expect((await prices(kalulu, { limit: '2' }).expect(200)).body.truncated).toBe(false);
  });

  it('clamps an out-of-range limit, as every list does, and refuses one that is not a number', async () => {
    expect((await prices(kalulu, { limit: '0' }).expect(200)).body.items).toHaveLength(1);
    expect((await prices(kalulu, { limit: '-5' }).expect(200)).body.items).toHaveLength(1);
    expect((await prices(kalulu, { limit: '100000' }).expect(200)).body.items).toHaveLength(2);
    const refused: Record<string, string>[] = [{ limit: 'ten' }, { limit: '1e' }, { since: 'yesterday' }];
    for (const query of refused) {
      const response = await prices(kalulu, query).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    }
  });

  it('answers 404 PLAYER_NOT_FOUND for an unknown player or an id that is not one', async () => {
    for (const id of [randomUUID(), 'not-a-uuid', '1', encodeURIComponent("' OR 1=1 --")]) {
      const response = await prices(id).expect(404);
      expect(response.body.code).toBe('PLAYER_NOT_FOUND');
    }
  });

  it('is in the OpenAPI document with its limit and point shapes', async () => {
    const { body: doc } = await api.http().get('/api/docs/openapi.json').expect(200);
    const route = doc.paths['/api/v1/players/{id}/prices']?.get;
    expect(route).toBeDefined();
    expect(route.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'limit', in: 'query', schema: expect.objectContaining({ maximum: 100 }) })]),
    );
    expect(Object.keys(doc.components.schemas.PricePointDto.properties).sort()).toEqual(['at', 'previousEur', 'priceEur', 'report']);
    expect(Object.keys(doc.components.schemas.PricePointReportDto.properties).sort()).toEqual([
      'id',
      'kind',
      'publishedAt',
      'quote',
      'source',
    ]);
  });
});
