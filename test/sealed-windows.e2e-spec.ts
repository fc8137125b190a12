import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auth, leagueWith, moves, playerId, type Manager } from './support/game.js';
import { LiveClient } from './support/live-client.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestApi, type TestApi } from './support/test-api.js';

const M = 1_000_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sealed-bid windows: bids nobody sees until the close; the close settles them once, in the database. */
describe('sealed-bid windows', () => {
  let db: TestDatabase;
  let api: TestApi;
  let gabbia: string;
  let krunic: string;
  const { events } = moves(() => api);
  const openWindow = (who: Manager, leagueId: string, body: object) =>
    api.http().post(`/api/v1/leagues/${leagueId}/windows`).set(auth(who)).send(body);
  const sealedBid = (who: Manager, leagueId: string, windowId: string, body: object) =>
    api.http().put(`/api/v1/leagues/${leagueId}/windows/${windowId}/bids`).set(auth(who)).send(body);
  const current = async (who: Manager, leagueId: string) =>
    (await api.http().get(`/api/v1/leagues/${leagueId}/windows/current`).set(auth(who)).expect(200)).body;
  const closingSoon = (seconds = 6) => new Date(Date.now() + seconds * 1000).toISOString();
  const closed = async (who: Manager, leagueId: string) => {
    for (let i = 0; i < 150; i += 1) {
      const window = await current(who, leagueId);
      if (window.status === 'closed') return window;
      await sleep(100);
    }
    throw new Error('the window did not close');
  };
  const squadOf = async (who: Manager, leagueId: string, userId: string) =>
    (await api.http().get(`/api/v1/leagues/${leagueId}`).set(auth(who)).expect(200)).body.managers.find(
      (m: { userId: string }) => m.userId === userId,
    ) as { budget: number; roster: { player: { id: string }; price: number }[] };

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startTestApi({}, db);
    gabbia = await playerId(api, 'Matteo Gabbia');
    krunic = await playerId(api, 'Rade Krunić');
  });
  afterAll(async () => {
    await api.close();
    await db.drop();
  });

  it('only the commissioner opens one, one at a time; bad input changes nothing', async () => {
    const {
      league,
      managers: [anna, bruno],
    } = await leagueWith(api, 2);
    expect((await openWindow(bruno, league.id, { closesAt: closingSoon(60) }).expect(403)).body.code).toBe('NOT_COMMISSIONER');
    for (const closesAt of ['tomorrow', new Date(Date.now() - 1000).toISOString(), new Date(Date.now() + 40 * 86_400_000).toISOString()]) {
      expect((await openWindow(anna, league.id, { closesAt }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    }
    expect((await api.http().get(`/api/v1/leagues/${league.id}/windows/current`).set(auth(anna)).expect(404)).body.code).toBe(
      'WINDOW_NOT_FOUND',
    );
    const { body: window } = await openWindow(anna, league.id, { closesAt: closingSoon(60), playerIds: [gabbia] }).expect(201);
    expect((await openWindow(anna, league.id, { closesAt: closingSoon(60) }).expect(409)).body.code).toBe('WINDOW_ALREADY_OPEN');
    expect((await sealedBid(bruno, league.id, window.id, { playerId: krunic, amount: 5 * M }).expect(409)).body.code).toBe(
      'PLAYER_NOT_ON_OFFER',
    );
    expect((await sealedBid(bruno, league.id, window.id, { playerId: gabbia, amount: 1 }).expect(422)).body.code).toBe('BID_TOO_LOW');
    expect((await sealedBid(bruno, league.id, window.id, { playerId: gabbia, amount: 400 * M }).expect(422)).body.code).toBe(
      'INSUFFICIENT_BUDGET',
    );
  });

  it('nobody sees another bid before the close (HTTP, events, sockets); at the close everything is revealed, ties to the earliest', async () => {
    const {
      league,
      managers: [anna, bruno, carla],
    } = await leagueWith(api, 3);
    const watcher = new LiveClient(api.url, carla.token);
    try {
      await watcher.connected();
      await watcher.request('league.join', { leagueId: league.id, afterSeq: 0 });
      const { body: window } = await openWindow(anna, league.id, { closesAt: closingSoon() }).expect(201);
      await sealedBid(anna, league.id, window.id, { playerId: gabbia, amount: 7_654_321 }).expect(200);
      await sealedBid(bruno, league.id, window.id, { playerId: gabbia, amount: 7_654_321 }).expect(200); // a tie: Anna was first
      await sealedBid(bruno, league.id, window.id, { playerId: krunic, amount: 6_543_210 }).expect(200);
      await sealedBid(carla, league.id, window.id, { playerId: krunic, amount: 5 * M }).expect(200);
      await sealedBid(carla, league.id, window.id, { playerId: krunic, amount: 6 * M }).expect(200); // changed
      // Each sees only his own bids; the log and the sockets carry no amount.
      expect((await current(bruno, league.id)).bids.map((b: { userId: string }) => b.userId)).toEqual([bruno.user.id, bruno.user.id]);
      expect((await current(carla, league.id)).bids).toEqual([expect.objectContaining({ playerId: krunic, amount: 6 * M })]);
      const before = JSON.stringify([await events(carla, league.id), watcher.received, await current(carla, league.id)]);
      for (const secret of ['7654321', '6543210']) expect(before).not.toContain(secret);

      const after = await closed(carla, league.id);
      expect(after.bids).toHaveLength(4);
      expect(after.bids).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ playerId: gabbia, userId: anna.user.id, amount: 7_654_321, outcome: 'won' }),
          expect.objectContaining({ playerId: gabbia, userId: bruno.user.id, amount: 7_654_321, outcome: 'lost' }),
          expect.objectContaining({ playerId: krunic, userId: bruno.user.id, amount: 6_543_210, outcome: 'won' }),
          expect.objectContaining({ playerId: krunic, userId: carla.user.id, amount: 6 * M, outcome: 'lost' }),
        ]),
      );
      const closing = await watcher.waitFor((r) => r.name === 'window.closed');
      expect(closing.payload.data?.won).toEqual([
        { playerId: gabbia, playerName: 'Matteo Gabbia', userId: anna.user.id, amount: 7_654_321 },
        { playerId: krunic, playerName: 'Rade Krunić', userId: bruno.user.id, amount: 6_543_210 },
      ]);
      expect((await squadOf(anna, league.id, anna.user.id)).budget).toBe(300 * M - 7_654_321);
      expect((await squadOf(anna, league.id, bruno.user.id)).roster.map((r) => r.player.id)).toEqual([krunic]);
      // Closed: no more bids.
      expect((await sealedBid(carla, league.id, window.id, { playerId: gabbia, amount: 9 * M }).expect(409)).body.code).toBe(
        'WINDOW_CLOSED',
      );
    } finally {
      watcher.close();
    }
  }, 20_000);

  it('a winner who cannot afford his second win is skipped for it, and the player goes to the next bid; ties by lower budget', async () => {
    const {
      league,
      managers: [anna, bruno, carla],
    } = await leagueWith(api, 3, {
      budget: 20 * M,
      roster: { size: 3, GK: [0, 3], DEF: [0, 3], MID: [0, 3], FWD: [0, 3] },
      auction: { minPrice: M, minIncrement: 500_000 },
      market: { sealedTieBreak: 'lower_budget' },
    });
    // Anna has less money than Bruno: on a tie she wins, though she bid later.
    await api
      .http()
      .post(`/api/v1/leagues/${league.id}/commissioner/budget`)
      .set(auth(anna))
      .send({ userId: anna.user.id, delta: -2 * M, reason: 'late fee' })
      .expect(201);
    const { body: window } = await openWindow(anna, league.id, { closesAt: closingSoon() }).expect(201);
    // Carla bids 15M on two players: each fits her 18M alone, not both.
    await sealedBid(carla, league.id, window.id, { playerId: gabbia, amount: 15 * M }).expect(200);
    await sealedBid(carla, league.id, window.id, { playerId: krunic, amount: 15 * M }).expect(200);
    await sealedBid(bruno, league.id, window.id, { playerId: krunic, amount: 5 * M }).expect(200);
    await sealedBid(anna, league.id, window.id, { playerId: krunic, amount: 5 * M }).expect(200);
    const after = await closed(anna, league.id);
    const outcome = (userId: string, player: string) =>
      after.bids.find((b: { userId: string; playerId: string }) => b.userId === userId && b.playerId === player)?.outcome;
    expect([outcome(carla.user.id, gabbia), outcome(carla.user.id, krunic)].sort()).toEqual(['skipped', 'won']);
    expect(outcome(anna.user.id, krunic)).toBe('won'); // the tie, to the manager lower in budget
    expect(outcome(bruno.user.id, krunic)).toBe('lost');
    const carlaNow = await squadOf(anna, league.id, carla.user.id);
    expect(carlaNow.roster).toHaveLength(1);
    expect(carlaNow.budget).toBe(5 * M);
  }, 20_000);

  it('a restart during the window: the close happens once, after the process comes back', async () => {
    const {
      league,
      managers: [anna, bruno],
    } = await leagueWith(api, 2);
    const { body: window } = await openWindow(anna, league.id, { closesAt: closingSoon() }).expect(201);
    await sealedBid(bruno, league.id, window.id, { playerId: gabbia, amount: 5 * M }).expect(200);
    await api.close();
    await sleep(Math.max(0, Date.parse(window.closesAt) - Date.now()) + 1_000);
    api = await startTestApi({}, db);
    await closed(anna, league.id);
    await sleep(1_500); // a sweep or two more
    expect((await events(anna, league.id)).filter((e) => e.type === 'window.closed')).toHaveLength(1);
    expect((await squadOf(anna, league.id, bruno.user.id)).roster.map((r) => r.price)).toEqual([5 * M]);
  }, 30_000);
});
