import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { auth, leagueWith, playerId } from './support/game.js';
import { LiveClient } from './support/live-client.js';
import { REDIS_URL, describeWithRedis as withRedis } from './support/redis.js';
import { registerUser, startTestApi, type TestApi } from './support/test-api.js';

/**
 * Two API processes' worth of application (two Nest apps, two HTTP servers, two sweepers) on one
 * database and one Redis: a watcher on one sees bids placed on the other, and the auction closes once.
 */
const describeWithRedis = await withRedis('scale-out suite');

describeWithRedis('several API processes behind one league (Redis adapter)', () => {
  let apps: TestApi[] = [];
  beforeAll(async () => {
    const first = await startTestApi({ REDIS_URL });
    const second = await startTestApi({ REDIS_URL }, first.db);
    apps = [first, second];
  });
  afterAll(async () => {
    const [first, second] = apps;
    await second?.close();
    await first?.close();
  });

  it('a watcher on one process sees bids placed on the other, in order, and the auction closes once', async () => {
    const [one, two] = apps as [TestApi, TestApi];
    const { league, managers } = await leagueWith(one, 3, { auction: { durationSeconds: 5, extendSeconds: 1 } });
    const [anna, bruno, carla] = managers;
    const watcher = new LiveClient(one.url, carla.token);
    const annaOnOne = new LiveClient(one.url, anna.token);
    const brunoOnTwo = new LiveClient(two.url, bruno.token);
    try {
      await Promise.all([watcher.connected(), annaOnOne.connected(), brunoOnTwo.connected()]);
      await watcher.request('league.join', { leagueId: league.id, afterSeq: 0 });
      const { body: auction } = await two
        .http()
        .post(`/api/v1/leagues/${league.id}/auctions`)
        .set(auth(bruno))
        .send({ playerId: await playerId(two, 'Pierre Kalulu') })
        .expect(201);
      await two.http().post(`/api/v1/auctions/${auction.id}/bids`).set(auth(bruno)).send({ amount: 25_000_000 }).expect(201);
      expect(await annaOnOne.request('bid.place', { auctionId: auction.id, amount: 26_000_000 })).toMatchObject({ ok: true });
      expect(await brunoOnTwo.request('bid.place', { auctionId: auction.id, amount: 27_000_000 })).toMatchObject({ ok: true });
      await annaOnOne.waitFor((r) => r.name === 'outbid' && r.payload.amount === 27_000_000); // personal, across processes

      await watcher.waitFor((r) => r.name === 'auction.closed', 15_000);
      const events = watcher.leagueEvents();
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      expect(events.filter((e) => e.type === 'bid.accepted').map((e) => e.data.amount)).toEqual([25_000_000, 26_000_000, 27_000_000]);
      const { body: log } = await one.http().get(`/api/v1/leagues/${league.id}/events`).query({ after: 0 }).set(auth(carla)).expect(200);
      expect(log.items.filter((e: { type: string }) => e.type === 'auction.closed')).toEqual([
        expect.objectContaining({ data: { auctionId: auction.id, winnerId: bruno.user.id, price: 27_000_000 } }),
      ]);
    } finally {
      for (const c of [watcher, annaOnOne, brunoOnTwo]) c.close();
    }
  });

  it('a draft across two processes: a clock that runs out and a lot that closes each move the turn exactly once; both see who is in', async () => {
    const [one, two] = apps as [TestApi, TestApi];
    const { league, managers } = await leagueWith(one, 2, {
      roster: { size: 1, GK: [0, 1], DEF: [0, 1], MID: [0, 1], FWD: [0, 1] },
      auction: { durationSeconds: 5, extendSeconds: 0 },
      market: { mode: 'turns' },
    });
    const [anna, bruno] = managers;
    const annaOnOne = new LiveClient(one.url, anna.token);
    const brunoOnTwo = new LiveClient(two.url, bruno.token);
    const presence = (c: LiveClient) =>
      [...c.received].reverse().find((r) => r.name === 'presence')?.payload.userIds as string[] | undefined;
    try {
      await Promise.all([annaOnOne.connected(), brunoOnTwo.connected()]);
      await annaOnOne.request('league.join', { leagueId: league.id, afterSeq: 0 });
      await brunoOnTwo.request('league.join', { leagueId: league.id, afterSeq: 0 });
      for (const c of [annaOnOne, brunoOnTwo]) {
        await c.waitFor(() => [...(presence(c) ?? [])].sort().join() === [anna.user.id, bruno.user.id].sort().join());
      }
      // Anna (first) lets her clock run out: both processes' sweepers race for it, one wins.
      await one
        .http()
        .post(`/api/v1/leagues/${league.id}/draft`)
        .set(auth(anna))
        .send({ order: 'joined', nominationSeconds: 5, whenIdle: 'skip' })
        .expect(201);
      await brunoOnTwo.waitFor((r) => r.name === 'draft.turn' && r.payload.data?.userId === bruno.user.id, 10_000);
      const { body: auction } = await two
        .http()
        .post(`/api/v1/leagues/${league.id}/auctions`)
        .set(auth(bruno))
        .send({ playerId: await playerId(two, 'Matteo Gabbia'), openingBid: 4_000_000 })
        .expect(201);
      // The lot closes (on either process) and the turn comes back to Anna, once, on both.
      const closed = await annaOnOne.waitFor((r) => r.name === 'auction.closed' && r.payload.data?.auctionId === auction.id, 12_000);
      await annaOnOne.waitFor(
        (r) => r.name === 'draft.turn' && r.payload.data?.userId === anna.user.id && (r.payload.seq ?? 0) > (closed.payload.seq ?? 0),
      );
      await new Promise((resolve) => setTimeout(resolve, 1_500)); // a sweep or two more on each process
      const { body: log } = await two.http().get(`/api/v1/leagues/${league.id}/events`).query({ after: 0 }).set(auth(anna)).expect(200);
      const items = log.items as { seq: number; type: string; data: { userId?: string; skipped?: string } }[];
      expect(items.map((e) => e.seq)).toEqual(items.map((_, i) => i + 1));
      const turns = items.filter((e) => e.type === 'draft.turn');
      expect(turns.slice(0, 3).map((e) => [e.data.userId, e.data.skipped])).toEqual([
        [anna.user.id, undefined],
        [bruno.user.id, anna.user.id],
        [anna.user.id, undefined],
      ]);
      expect(items.filter((e) => e.type === 'auction.closed')).toHaveLength(1);
      const lotClosed = items.findIndex((e) => e.type === 'auction.closed');
      expect(items[lotClosed + 1]!.type).toBe('draft.turn'); // in the same transaction as the close
    } finally {
      annaOnOne.close();
      brunoOnTwo.close();
    }
  }, 40_000);

  it("logging out on one process drops the session's socket held by the other", async () => {
    const [one, two] = apps as [TestApi, TestApi];
    const anna = await registerUser(one);
    const onTwo = new LiveClient(two.url, anna.token);
    try {
      await onTwo.connected();
      await one.http().post('/api/v1/auth/logout').send({ refreshToken: anna.refreshToken }).expect(204);
      expect((await onTwo.waitFor((r) => r.name === 'session.expired')).payload).toEqual({ reason: 'revoked' });
      expect(await onTwo.disconnected()).toBe('io server disconnect');
    } finally {
      onTwo.close();
    }
  });
});
