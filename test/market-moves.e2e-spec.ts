import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auth, leagueWith, moves, playerId, SEED_ARTICLE, type Manager } from './support/game.js';
import { registerAdmin, startTestApi, type TestApi } from './support/test-api.js';

const M = 1_000_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The real market moves the game: news that reprices a player or moves him out of a league's competitions. */
describe('the real market moves the game', () => {
  let api: TestApi;
  let admin: { token: string };
  let kalulu: string;
  const { open, events } = moves(() => api);
  const assign = (by: Manager, leagueId: string, body: { playerId: string; userId: string; price: number }) =>
    api
      .http()
      .post(`/api/v1/leagues/${leagueId}/commissioner/assign`)
      .set(auth(by))
      .send({ ...body, reason: 'table' })
      .expect(201);
  const news = (body: object) => api.http().post('/api/v1/news').set(auth(admin)).send(body);
  const priceOf = async (id: string) => (await api.http().get(`/api/v1/players/${id}`).expect(200)).body.price.eur as number;
  const ofType = async (who: Manager, leagueId: string, type: string) => (await events(who, leagueId)).filter((e) => e.type === type);
  const eventually = async (who: Manager, leagueId: string, type: string) => {
    for (let i = 0; i < 100; i += 1) {
      const found = await ofType(who, leagueId, type);
      if (found.length > 0) return found;
      await sleep(100);
    }
    throw new Error(`no ${type} in the league`);
  };

  beforeAll(async () => {
    api = await startTestApi();
    admin = await registerAdmin(api);
    kalulu = await playerId(api, 'Pierre Kalulu');
  });
  afterAll(() => api.close());

  it('a repricing reaches the leagues where he is owned or on auction, once, with its source — and no other', async () => {
    const owned = await leagueWith(api, 2);
    const onAuction = await leagueWith(api, 2);
    const elsewhere = await leagueWith(api, 2);
    await assign(owned.managers[0], owned.league.id, { playerId: kalulu, userId: owned.managers[1].user.id, price: 10 * M });
    await open(onAuction.managers[0], onAuction.league.id, { playerId: kalulu }).expect(201);
    const before = await priceOf(kalulu);

    await news({ text: SEED_ARTICLE, url: 'https://example.com/kalulu-real-madrid-25' }).expect(201);
    const after = await priceOf(kalulu);
    expect(after).not.toBe(before);
    for (const { league, managers } of [owned, onAuction]) {
      const [repriced] = await eventually(managers[1], league.id, 'player.repriced');
      expect(repriced!.data).toMatchObject({
        playerId: kalulu,
        playerName: 'Pierre Kalulu',
        newPrice: after,
        report: { url: 'https://example.com/kalulu-real-madrid-25', quote: expect.stringContaining('25 milioni') },
      });
      expect([before, null]).toContain(repriced!.data.oldPrice);
    }
    await sleep(2_500); // a few sweeps more: nothing told twice, nothing told elsewhere
    expect(await ofType(owned.managers[0], owned.league.id, 'player.repriced')).toHaveLength(1);
    expect(await ofType(onAuction.managers[0], onAuction.league.id, 'player.repriced')).toHaveLength(1);
    expect(await ofType(elsewhere.managers[0], elsewhere.league.id, 'player.repriced')).toEqual([]);
  }, 30_000);

  it("an agreed move out of the league's competitions: his owner is told, and releases him under the transfer rule", async () => {
    const serieA = await leagueWith(api, 2, { market: { releaseRefund: 'half' } });
    const withLaLiga = await leagueWith(api, 2, { market: { competitions: ['IT1', 'ES1'] } });
    const [anna, bruno] = serieA.managers;
    await assign(anna, serieA.league.id, { playerId: kalulu, userId: bruno.user.id, price: 12 * M });
    await assign(withLaLiga.managers[0], withLaLiga.league.id, { playerId: kalulu, userId: withLaLiga.managers[1].user.id, price: 9 * M });

    await news({
      text: "Il Real Madrid ha raggiunto l'accordo con il Milan per Pierre Kalulu: operazione da 30 milioni di euro.",
      publishedAt: new Date().toISOString(),
    }).expect(201);
    const [moved] = await eventually(bruno, serieA.league.id, 'player.transferred');
    expect(moved!.data).toMatchObject({
      playerId: kalulu,
      userId: bruno.user.id,
      toClub: 'Real Madrid',
      fee: 30 * M,
      rule: 'full',
      refund: 12 * M,
      report: { quote: expect.stringContaining('30 milioni') },
    });
    // LaLiga is one of the other league's competitions: he has not left it.
    await eventually(withLaLiga.managers[0], withLaLiga.league.id, 'player.repriced');
    await sleep(1_500);
    expect(await ofType(withLaLiga.managers[0], withLaLiga.league.id, 'player.transferred')).toEqual([]);
    expect(await ofType(bruno, serieA.league.id, 'player.transferred')).toHaveLength(1);

    // His owner is owed the transfer refund: a trade would pass that claim on, so he cannot be traded.
    const traded = await api
      .http()
      .post(`/api/v1/leagues/${serieA.league.id}/trades`)
      .set(auth(bruno))
      .send({ to: anna.user.id, give: [kalulu], take: [] })
      .expect(409);
    expect(traded.body.code).toBe('PLAYER_LEFT_LEAGUE');

    const detail = (await api.http().get(`/api/v1/leagues/${serieA.league.id}`).set(auth(bruno)).expect(200)).body;
    const entry = detail.managers.find((m: { userId: string }) => m.userId === bruno.user.id).roster[0];
    expect(entry).toMatchObject({ player: { id: kalulu }, leftTheLeague: true });
    const { body } = await api
      .http()
      .post(`/api/v1/leagues/${serieA.league.id}/releases`)
      .set(auth(bruno))
      .send({ playerId: kalulu })
      .expect(201);
    expect(body).toMatchObject({ refund: 12 * M, event: { data: { rule: 'full', leftTheLeague: true, paid: 12 * M } } });
  }, 30_000);
});
