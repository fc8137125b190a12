import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { registerAdmin, startTestApi, type TestApi } from './support/test-api.js';
import { SEED_ARTICLE } from './support/game.js';

describe('players priced from the news', () => {
  let api: TestApi;
  let token: string;
  beforeAll(async () => {
    api = await startTestApi();
    token = (await registerAdmin(api)).token; // POST /news is admin-only
  });
  afterAll(() => api.close());

  const post = (route: string, body: unknown) =>
    api
      .http()
      .post(`/api/v1${route}`)
      .set('Authorization', `Bearer ${token}`)
      .send(body as object);
  const kalulu = async () => (await api.http().get('/api/v1/players').query({ q: 'Pierre Kalulu' })).body.items[0];

  it("a dry run finds the seed article's one fee and stores nothing", async () => {
    const { body } = await post('/news/extract', { text: SEED_ARTICLE }).expect(200);
    expect(body.language).toBe('it');
    expect(body.reports).toHaveLength(1);
    expect(body.reports[0]).toMatchObject({
      player: { id: (await kalulu()).id, name: 'Pierre Kalulu' },
      from: 'Milan',
      to: ['Real Madrid'],
      kind: 'asking',
      amount: { min: 25_000_000, max: 25_000_000, currency: 'EUR' },
      eur: { min: 25_000_000, max: 25_000_000 },
      approx: true,
    });
    expect(body.reports[0].quote).toContain('25 milioni');
    expect((await kalulu()).price.basis).toBe('default');
  });

  it('ingesting the seed article prices Kalulu at €25M, with the report as provenance', async () => {
    const publishedAt = '2022-05-16T08:00:00.000Z';
    const first = await post('/news', {
      text: SEED_ARTICLE,
      url: 'https://example.com/kalulu-real-madrid',
      title: 'Kalulu',
      publishedAt,
    }).expect(201);
    expect(first.body.article).toMatchObject({ language: 'it', url: 'https://example.com/kalulu-real-madrid', publishedAt });
    expect(first.body.reports).toHaveLength(1);

    const player = await kalulu();
    expect(player.price).toMatchObject({ eur: 25_000_000, basis: 'reported', reports: 1 });
    const detail = await api.http().get(`/api/v1/players/${player.id}`).expect(200);
    expect(detail.body.reports).toEqual([
      expect.objectContaining({ kind: 'asking', quote: expect.stringContaining('25 milioni'), publishedAt }),
    ]);

    // No fee for the other players the article names.
    for (const name of ['Rade Krunic', 'Alessandro Florenzi', 'Simon Kjaer', 'Alessio Romagnoli', 'Matteo Gabbia']) {
      const [other] = (await api.http().get('/api/v1/players').query({ q: name })).body.items;
      expect(other.price.basis).toBe('default');
    }
  });

  it('the same text again is answered from storage, nothing doubled', async () => {
    const byText = await post('/news', { text: SEED_ARTICLE }).expect(200);
    const again = await post('/news', { text: `${SEED_ARTICLE}\n`, url: 'https://example.com/kalulu-real-madrid' }).expect(200);
    expect(again.body.article.id).toBe(byText.body.article.id);
    const detail = await api
      .http()
      .get(`/api/v1/players/${(await kalulu()).id}`)
      .expect(200);
    expect(detail.body.reports).toHaveLength(1);
    expect(detail.body.price.reports).toBe(1);
  });

  it('a second report moves the price by the documented weights (weighted median)', async () => {
    await post('/news', {
      text: "Il Real Madrid ha raggiunto l'accordo con il Milan per Pierre Kalulu: operazione da 30 milioni di euro.",
      publishedAt: new Date().toISOString(),
    }).expect(201);
    const player = await kalulu();
    expect(player.price.reports).toBe(2);
    expect(player.price.eur).toBe(30_000_000); // the fresh agreed fee weighs more than a 2022 asking price
  });

  it('reduces HTML to its text', async () => {
    const html = `<html><head><script>var x = "90 milioni";</script></head><body><p>${SEED_ARTICLE.replaceAll('\n', '</p><p>')}</p></body></html>`;
    const { body } = await post('/news/extract', { text: html }).expect(200);
    expect(body.reports.map((r: { player: { name: string } }) => r.player.name)).toEqual(['Pierre Kalulu']);
  });

  it.each([
    ['empty text', { text: '' }, 400, 'VALIDATION_FAILED'],
    ['blank text', { text: ' \n\t ' }, 400, 'VALIDATION_FAILED'],
    ['no text', {}, 400, 'VALIDATION_FAILED'],
    ['a number as text', { text: 42 }, 400, 'VALIDATION_FAILED'],
    ['an unknown language', { text: 'x', language: 'xx' }, 400, 'VALIDATION_FAILED'],
    ['text over 200 kB', { text: 'a'.repeat(205 * 1024) }, 413, 'PAYLOAD_TOO_LARGE'],
  ])('refuses %s', async (_name, body, status, code) => {
    for (const route of ['/news/extract', '/news']) {
      const response = await post(route, body);
      expect(response.status).toBe(status);
      expect(response.body.code).toBe(code);
    }
  });

  it('refuses a bad url or date on ingest', async () => {
    expect((await post('/news', { text: 'x', url: 'javascript:alert(1)' })).body.code).toBe('VALIDATION_FAILED');
    expect((await post('/news', { text: 'x', publishedAt: 'yesterday' })).body.code).toBe('VALIDATION_FAILED');
  });

  it('answers garbage with no reports rather than an error', async () => {
    const garbage = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256)).toString('latin1');
    const { body } = await post('/news/extract', { text: garbage }).expect(200);
    expect(body.reports).toEqual([]);
  });

  it('needs a signed-in user', async () => {
    const response = await api.http().post('/api/v1/news/extract').send({ text: SEED_ARTICLE }).expect(401);
    expect(response.body.code).toBe('UNAUTHENTICATED');
  });
});
