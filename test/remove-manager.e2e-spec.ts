import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auth, leagueWith, moves, playerId, type Manager } from './support/game.js';
import { LiveClient } from './support/live-client.js';
import { registerUser, startTestApi, type TestApi } from './support/test-api.js';

/** The commissioner removes a manager: players back to the pool, nothing of the league his any more. */
describe('removing a manager', () => {
  let api: TestApi;
  let gabbia: string;
  let krunic: string;
  const { open, bid, events } = moves(() => api);
  const remove = (who: Manager, leagueId: string, body: object) =>
    api.http().post(`/api/v1/leagues/${leagueId}/commissioner/remove`).set(auth(who)).send(body);

  beforeAll(async () => {
    api = await startTestApi();
    gabbia = await playerId(api, 'Matteo Gabbia');
    krunic = await playerId(api, 'Rade Krunić');
  });
  afterAll(() => api.close());

  it('only the commissioner, never while the manager leads an auction, never himself; bad input changes nothing', async () => {
    const {
      league,
      managers: [anna, bruno, carla],
    } = await leagueWith(api, 3);
    expect((await remove(bruno, league.id, { userId: carla.user.id, reason: 'x' }).expect(403)).body.code).toBe('NOT_COMMISSIONER');
    expect((await remove(anna, league.id, { userId: anna.user.id, reason: 'x' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await remove(anna, league.id, { userId: carla.user.id }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await remove(anna, league.id, { userId: '00000000-0000-4000-8000-000000000000', reason: 'x' }).expect(404)).body.code).toBe(
      'MEMBER_NOT_FOUND',
    );
    const { body: auction } = await open(anna, league.id, { playerId: gabbia }).expect(201);
    await bid(carla, auction.id, { amount: auction.openingPrice }).expect(201);
    expect((await remove(anna, league.id, { userId: carla.user.id, reason: 'x' }).expect(409)).body).toMatchObject({
      code: 'MEMBER_LEADS_AUCTIONS',
      leading: 1,
    });
    const { body: view } = await api.http().get(`/api/v1/leagues/${league.id}`).set(auth(anna)).expect(200);
    expect(view.managers).toHaveLength(3);
  });

  it('his players return to the pool, he sees nothing of the league, cannot bid or rejoin, and his socket leaves the room', async () => {
    const {
      league,
      managers: [anna, bruno, carla],
    } = await leagueWith(api, 3, { auction: { durationSeconds: 600 } });
    // Bruno owns Gabbia, and has a bid in the history of another auction.
    await api
      .http()
      .post(`/api/v1/leagues/${league.id}/commissioner/assign`)
      .set(auth(anna))
      .send({ playerId: gabbia, userId: bruno.user.id, price: 4_000_000, reason: 'table' })
      .expect(201);
    const { body: auction } = await open(anna, league.id, { playerId: krunic }).expect(201);
    await bid(bruno, auction.id, { amount: auction.openingPrice }).expect(201);
    await bid(carla, auction.id, { amount: auction.openingPrice + 500_000 }).expect(201);
    const live = new LiveClient(api.url, bruno.token);
    try {
      await live.connected();
      await live.request('league.join', { leagueId: league.id, afterSeq: 0 });

      const { body } = await remove(anna, league.id, { userId: bruno.user.id, reason: 'never pays the pizza' }).expect(201);
      expect(body.event).toMatchObject({
        type: 'member.removed',
        data: { userId: bruno.user.id, playerIds: [gabbia], by: anna.user.id, reason: 'never pays the pizza' },
      });
      // He hears it, then his socket is out of the room: a later bid's event does not reach him.
      await live.waitFor((r) => r.name === 'member.removed');
      await new Promise((resolve) => setTimeout(resolve, 500));
      await bid(anna, auction.id, { amount: auction.openingPrice + 1_000_000 }).expect(201);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(live.received.filter((r) => r.name === 'bid.accepted').map((r) => r.payload.data?.bidderId)).not.toContain(anna.user.id);
      expect(await live.request('league.join', { leagueId: league.id, afterSeq: 0 })).toMatchObject({
        ok: false,
        error: { code: 'LEAGUE_NOT_FOUND' },
      });
    } finally {
      live.close();
    }
    // Nothing of the league is his: views, bids, the list of his leagues; he may not come back by the code.
    expect((await api.http().get(`/api/v1/leagues/${league.id}`).set(auth(bruno)).expect(404)).body.code).toBe('LEAGUE_NOT_FOUND');
    expect((await api.http().get('/api/v1/leagues').set(auth(bruno)).expect(200)).body).toEqual([]);
    expect((await bid(bruno, auction.id, { amount: 50_000_000 }).expect(404)).body.code).toBe('AUCTION_NOT_FOUND');
    expect(
      (await api.http().post('/api/v1/leagues/join').set(auth(bruno)).send({ inviteCode: league.inviteCode }).expect(403)).body.code,
    ).toBe('REMOVED_FROM_LEAGUE');
    // Gabbia is in the pool again: an auction opens on him. The league shows two managers; the log keeps Bruno's bid.
    await open(carla, league.id, { playerId: gabbia }).expect(201);
    const { body: view } = await api.http().get(`/api/v1/leagues/${league.id}`).set(auth(anna)).expect(200);
    expect(view.managers.map((m: { userId: string }) => m.userId)).toEqual([anna.user.id, carla.user.id]);
    const { body: detail } = await api.http().get(`/api/v1/auctions/${auction.id}`).set(auth(anna)).expect(200);
    expect(detail.bids.map((b: { bidder: { userId: string } }) => b.bidder.userId)).toContain(bruno.user.id);
    // His place and his name are free: someone new joins the full league under it.
    const newcomer = await registerUser(api);
    await api
      .http()
      .post('/api/v1/leagues/join')
      .set(auth(newcomer))
      .send({ inviteCode: league.inviteCode, nickname: bruno.user.displayName })
      .expect(201);
    expect((await events(anna, league.id)).map((e) => e.type)).toContain('member.removed');
  });

  it('removed while the draft is paused and he is on the clock: the next manager gets the turn, his clock starts on resume', async () => {
    const {
      league,
      managers: [anna, bruno, carla],
    } = await leagueWith(api, 3, { market: { mode: 'turns' } });
    const draft = (path: string, body: object) => api.http().post(`/api/v1/leagues/${league.id}/draft${path}`).set(auth(anna)).send(body);
    await draft('', { order: [bruno.user.id, carla.user.id, anna.user.id], nominationSeconds: 120 }).expect(201);
    await draft('/pause', { reason: 'break' }).expect(201);
    await remove(anna, league.id, { userId: bruno.user.id, reason: 'left' }).expect(201);
    const { body: paused } = await api.http().get(`/api/v1/leagues/${league.id}/draft`).set(auth(anna)).expect(200);
    expect(paused).toMatchObject({ status: 'paused', onClock: carla.user.id, clockEndsAt: null, remainingSeconds: 120 });
    expect((await events(anna, league.id)).at(-1)).toMatchObject({
      type: 'draft.turn',
      data: { userId: carla.user.id, clockEndsAt: null },
    });
    const { body: resumed } = await draft('/resume', { reason: 'back' }).expect(201);
    expect(new Date(resumed.clockEndsAt).getTime() - new Date(resumed.serverTime).getTime()).toBeGreaterThan(119_000);
  });

  it('in a draft he is passed over, and if he was on the clock the turn moves on at once', async () => {
    const {
      league,
      managers: [anna, bruno, carla],
    } = await leagueWith(api, 3, { market: { mode: 'turns' } });
    await api
      .http()
      .post(`/api/v1/leagues/${league.id}/draft`)
      .set(auth(anna))
      .send({ order: [bruno.user.id, carla.user.id, anna.user.id], nominationSeconds: 600 })
      .expect(201);
    await remove(anna, league.id, { userId: bruno.user.id, reason: 'left the group' }).expect(201);
    const { body: draft } = await api.http().get(`/api/v1/leagues/${league.id}/draft`).set(auth(anna)).expect(200);
    expect(draft.onClock).toBe(carla.user.id);
    const log = await events(anna, league.id);
    expect(log.at(-1)).toMatchObject({ type: 'draft.turn', data: { userId: carla.user.id } });
    expect(log.at(-2)).toMatchObject({ type: 'member.removed' });
  });
});
