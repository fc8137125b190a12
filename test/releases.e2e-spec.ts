import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auth, leagueWith, moves, playerId, type Manager } from './support/game.js';
import { LiveClient } from './support/live-client.js';
import { registerUser, startTestApi, type TestApi } from './support/test-api.js';

/** Releases (svincoli): a player back to the pool, the refund by the league's rule. */
describe('releases', () => {
  let api: TestApi;
  let gabbia: string;
  let krunic: string;
  const { open, events } = moves(() => api);
  const release = (who: Manager, leagueId: string, body: object) =>
    api.http().post(`/api/v1/leagues/${leagueId}/releases`).set(auth(who)).send(body);
  const assign = (by: Manager, leagueId: string, body: { playerId: string; userId: string; price: number }) =>
    api
      .http()
      .post(`/api/v1/leagues/${leagueId}/commissioner/assign`)
      .set(auth(by))
      .send({ ...body, reason: 'table' })
      .expect(201);
  const budgetOf = async (who: Manager, leagueId: string) =>
    (await api.http().get(`/api/v1/leagues/${leagueId}`).set(auth(who)).expect(200)).body.managers.find(
      (m: { userId: string }) => m.userId === who.user.id,
    ) as { budget: number; roster: unknown[] };

  beforeAll(async () => {
    api = await startTestApi();
    gabbia = await playerId(api, 'Matteo Gabbia'); // no reported fee: priced at the defenders' default, €4M
    krunic = await playerId(api, 'Rade Krunić');
  });
  afterAll(() => api.close());

  it.each([
    ['none', 7_000_001, 0],
    ['half', 7_000_001, 3_500_000],
    ['full', 7_000_001, 7_000_001],
    ['price', 7_000_001, 4_000_000], // his price today, €4M, is below what was paid
    ['price', 3_000_000, 3_000_000], // …and never more than what was paid
  ] as const)('refund rule %s: paid %d, back %d', async (rule, paid, back) => {
    const {
      league,
      managers: [anna, bruno],
    } = await leagueWith(api, 2, { market: { releaseRefund: rule } });
    await assign(anna, league.id, { playerId: gabbia, userId: bruno.user.id, price: paid });
    const before = await budgetOf(bruno, league.id);
    const live = new LiveClient(api.url, bruno.token);
    try {
      await live.connected();
      const { body } = await release(bruno, league.id, { playerId: gabbia }).expect(201);
      expect(body).toMatchObject({
        refund: back,
        event: { type: 'player.released', data: { playerId: gabbia, userId: bruno.user.id, paid, refund: back, rule, position: 'DEF' } },
      });
      const after = await budgetOf(bruno, league.id);
      expect(after.budget).toBe(before.budget + back);
      expect(after.roster).toEqual([]);
      const pushed = await live.waitFor((r) => r.name === 'budget.updated' && r.payload.budget === before.budget + back);
      expect(pushed.payload.seq).toBe(body.event.seq);
    } finally {
      live.close();
    }
    // Back in the pool: anyone may put him up again.
    await open(anna, league.id, { playerId: gabbia }).expect(201);
  });

  it('only one of your own players; strangers learn nothing; bad input changes nothing', async () => {
    const {
      league,
      managers: [anna, bruno],
    } = await leagueWith(api, 2);
    await assign(anna, league.id, { playerId: krunic, userId: anna.user.id, price: 5_000_000 });
    expect((await release(bruno, league.id, { playerId: krunic }).expect(409)).body.code).toBe('PLAYER_NOT_OWNED');
    expect((await release(bruno, league.id, { playerId: gabbia }).expect(409)).body.code).toBe('PLAYER_NOT_OWNED');
    for (const body of [{}, { playerId: 'gabbia' }, { playerId: null }]) {
      expect((await release(anna, league.id, body).expect(400)).body.code).toBe('VALIDATION_FAILED');
    }
    const stranger = await registerUser(api);
    expect((await release(stranger, league.id, { playerId: krunic }).expect(404)).body.code).toBe('LEAGUE_NOT_FOUND');
    expect((await budgetOf(anna, league.id)).roster).toHaveLength(1);
    expect((await events(anna, league.id)).filter((e) => e.type === 'player.released')).toEqual([]);
  });
});
