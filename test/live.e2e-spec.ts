import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { auth, leagueWith, playerId, SEED_ARTICLE, moves } from './support/game.js';
import { LiveClient } from './support/live-client.js';
import { registerAdmin, registerUser, startTestApi, type TestApi } from './support/test-api.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('live over Socket.IO', () => {
  let api: TestApi;
  const clients: LiveClient[] = [];
  const client = (token: string | undefined) => {
    const c = new LiveClient(api.url, token);
    clients.push(c);
    return c;
  };
  beforeAll(async () => {
    api = await startTestApi();
    const reader = await registerAdmin(api);
    await api.http().post('/api/v1/news').set(auth(reader)).send({ text: SEED_ARTICLE }).expect(201);
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });
  afterAll(() => api.close());

  it('refuses a missing or bad token at the handshake', async () => {
    expect((await client(undefined).refused()).data?.code).toBe('UNAUTHENTICATED');
    expect((await client('not-a-token').refused()).data?.code).toBe('INVALID_TOKEN');
  });

  it('the journey: Kalulu at €25M from the news, bids over HTTP and Socket.IO, a watcher sees each one, the winner pays', async () => {
    const { league, managers } = await leagueWith(api, 3, { auction: { durationSeconds: 5, extendSeconds: 2 } });
    const [anna, bruno, carla] = managers;
    const watcher = client(carla.token);
    const annaLive = client(anna.token);
    const brunoLive = client(bruno.token);
    await Promise.all([watcher.connected(), annaLive.connected(), brunoLive.connected()]);
    const joined = await watcher.request('league.join', { leagueId: league.id, afterSeq: 0 });
    expect(joined).toEqual({ ok: true, seq: 3 });
    await annaLive.request('league.join', { leagueId: league.id });
    await brunoLive.request('league.join', { leagueId: league.id });

    const kalulu = await playerId(api, 'Pierre Kalulu');
    const { body: auction } = await moves(api).open(anna, league.id, { playerId: kalulu }).expect(201);
    expect(auction.openingPrice).toBe(25_000_000);

    const t0 = performance.now();
    await api.http().post(`/api/v1/auctions/${auction.id}/bids`).set(auth(anna)).send({ amount: 25_000_000 }).expect(201);
    const httpSeen = await watcher.waitFor((r) => r.name === 'bid.accepted' && r.payload.data?.amount === 25_000_000);
    const t1 = performance.now();
    const ack = await brunoLive.request('bid.place', { auctionId: auction.id, amount: 26_000_000 });
    expect(ack).toMatchObject({ ok: true, auction: { highBid: 26_000_000, highBidder: { userId: bruno.user.id } } });
    const socketSeen = await watcher.waitFor((r) => r.name === 'bid.accepted' && r.payload.data?.amount === 26_000_000);
    process.stdout.write(
      `bid→watcher latency: HTTP bid ${(httpSeen.receivedAt - t0).toFixed(1)} ms, Socket.IO bid ${(socketSeen.receivedAt - t1).toFixed(1)} ms (each including the bid itself)\n`,
    );

    // Anna alone hears she was outbid; budgets are pushed to those whose numbers changed.
    const outbid = await annaLive.waitFor((r) => r.name === 'outbid');
    expect(outbid.payload).toMatchObject({
      auctionId: auction.id,
      amount: 26_000_000,
      by: { userId: bruno.user.id, displayName: bruno.displayName },
    });
    expect(watcher.received.some((r) => r.name === 'outbid')).toBe(false);
    await brunoLive.waitFor((r) => r.name === 'budget.updated' && r.payload.available === 300_000_000 - 26_000_000 - 23_000_000);

    const closed = await watcher.waitFor((r) => r.name === 'auction.closed', 15_000);
    expect(closed.payload.data).toEqual({ auctionId: auction.id, winnerId: bruno.user.id, price: 26_000_000 });
    await brunoLive.waitFor((r) => r.name === 'budget.updated' && r.payload.budget === 274_000_000);

    const events = watcher.leagueEvents();
    expect(events.map((e) => e.type)).toEqual([
      'member.joined',
      'member.joined',
      'member.joined',
      'auction.opened',
      'bid.accepted',
      'bid.accepted',
      'auction.closed',
    ]);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const e of events) expect(typeof e.serverTime).toBe('string');
    const { body: view } = await api.http().get(`/api/v1/leagues/${league.id}`).set(auth(carla)).expect(200);
    expect(view.managers.find((m: { userId: string }) => m.userId === bruno.user.id)).toMatchObject({
      budget: 274_000_000,
      roster: [{ player: { id: kalulu, name: 'Pierre Kalulu' }, price: 26_000_000 }],
    });
  });

  it('refuses non-members and bad payloads through the ack, never with a bare error', async () => {
    const { league, managers } = await leagueWith(api, 1);
    const { body: auction } = await moves(api)
      .open(managers[0]!, league.id, { playerId: await playerId(api, 'Rade Krunic') })
      .expect(201);
    const stranger = client((await registerUser(api)).token);
    await stranger.connected();
    expect(await stranger.request('league.join', { leagueId: league.id })).toEqual({
      ok: false,
      error: { code: 'LEAGUE_NOT_FOUND', message: expect.any(String) },
    });
    expect(await stranger.request('bid.place', { auctionId: auction.id, amount: 6_000_000 })).toEqual({
      ok: false,
      error: { code: 'AUCTION_NOT_FOUND', message: expect.any(String) },
    });

    const member = client(managers[0]!.token);
    await member.connected();
    for (const bad of [
      'string',
      42,
      null,
      [],
      {},
      { auctionId: auction.id },
      { auctionId: auction.id, amount: '6000000' },
      { auctionId: auction.id, amount: 1.5 },
      { auctionId: auction.id, amount: -1 },
      { auctionId: auction.id, amount: 1e300 },
      { auctionId: 7, amount: 6_000_000 },
      { auctionId: auction.id, amount: 6_000_000, extra: 1 },
    ]) {
      const answer = await member.request('bid.place', bad);
      expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    expect(await member.request('league.join', { leagueId: league.id, afterSeq: 1e9 })).toEqual({ ok: true, seq: 2 });
    for (const bad of [
      'x',
      { leagueId: 'nope' },
      { leagueId: league.id, afterSeq: -1 },
      { leagueId: league.id, afterSeq: 'a' },
      { leagueId: league.id, afterSeq: 1e20 },
    ]) {
      expect(await member.request('league.join', bad)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    expect(await member.request('bid.place', { auctionId: auction.id, amount: 1 })).toMatchObject({
      ok: false,
      error: { code: 'BID_TOO_LOW', minBid: 5_000_000 },
    });
    const { body: after } = await api.http().get(`/api/v1/auctions/${auction.id}`).set(auth(managers[0]!)).expect(200);
    expect(after.bids).toEqual([]);
  });

  it('replays what a client missed after a reconnect, then streams live: no gap, no duplicate', async () => {
    const { league, managers } = await leagueWith(api, 3);
    const [anna, bruno, carla] = managers;
    const { body: auction } = await moves(api)
      .open(anna, league.id, { playerId: await playerId(api, 'Pierre Kalulu') })
      .expect(201);
    const bid = (who: typeof anna, amount: number) =>
      api.http().post(`/api/v1/auctions/${auction.id}/bids`).set(auth(who)).send({ amount }).expect(201);

    const first = client(carla.token);
    await first.connected();
    const { seq } = await first.request('league.join', { leagueId: league.id, afterSeq: 0 });
    await bid(anna, 25_000_000);
    await first.waitFor((r) => r.payload.seq === seq + 1);
    const lastSeen = Math.max(...first.leagueEvents().map((e) => e.seq));
    first.close();

    await bid(bruno, 26_000_000); // missed while away
    await bid(anna, 27_000_000);

    const again = client(carla.token);
    await again.connected();
    const rejoined = again.request('league.join', { leagueId: league.id, afterSeq: lastSeen });
    const racing = (async () => {
      // bids while the replay runs
      await bid(bruno, 28_000_000);
      await bid(anna, 29_000_000);
    })();
    const ack = await rejoined;
    await racing;
    await again.waitFor((r) => r.payload.data?.amount === 29_000_000);
    await sleep(200);
    const seqs = again.leagueEvents().map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => lastSeen + 1 + i));
    expect(seqs.at(-1)).toBeGreaterThanOrEqual(ack.seq);
    const http = await api.http().get(`/api/v1/leagues/${league.id}/events`).query({ after: lastSeen }).set(auth(carla)).expect(200);
    expect(again.leagueEvents().map(({ serverTime: _t, ...e }) => e)).toEqual(http.body.items);
  });

  it('bid.place takes upTo too: the lowest bid accepted now, and the ack says the amount', async () => {
    const { league, managers } = await leagueWith(api, 2);
    const [anna, bruno] = managers;
    const { body: auction } = await moves(api)
      .open(anna, league.id, { playerId: await playerId(api, 'Pierre Kalulu') })
      .expect(201);
    const annaLive = client(anna.token);
    const brunoLive = client(bruno.token);
    await Promise.all([annaLive.connected(), brunoLive.connected()]);
    expect(await annaLive.request('bid.place', { auctionId: auction.id, upTo: 30_000_000 })).toMatchObject({
      ok: true,
      auction: { highBid: 25_000_000 },
    });
    expect(await brunoLive.request('bid.place', { auctionId: auction.id, upTo: 25_000_000 })).toMatchObject({
      ok: false,
      error: { code: 'BID_TOO_LOW', minBid: 25_500_000 },
    });
    expect(await brunoLive.request('bid.place', { auctionId: auction.id, upTo: 26_000_000, amount: 26_000_000 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await brunoLive.request('bid.place', { auctionId: auction.id, upTo: 26_000_000 })).toMatchObject({
      ok: true,
      auction: { highBid: 25_500_000 },
    });
  });

  it('racing bids from many managers: the highest accepted wins, accepted bids rise with seq, no 5xx', async () => {
    const racers = 8;
    const { league, managers } = await leagueWith(api, racers + 1);
    const watcher = client(managers[racers]!.token);
    await watcher.connected();
    await watcher.request('league.join', { leagueId: league.id });
    const { body: auction } = await moves(api)
      .open(managers[0]!, league.id, { playerId: await playerId(api, 'Pierre Kalulu') })
      .expect(201);
    const live = managers.slice(0, racers).map((m) => client(m.token));
    await Promise.all(live.map((c) => c.connected()));
    const statuses: number[] = [];
    const accepted: number[] = [];
    await Promise.all(
      managers.slice(0, racers).map(async (manager, i) => {
        for (let round = 0; round < 6; round += 1) {
          const amount = 25_000_000 + (round * racers + i) * 500_000 + (i % 3) * 100_000;
          if (i % 2 === 0) {
            const response = await api.http().post(`/api/v1/auctions/${auction.id}/bids`).set(auth(manager)).send({ amount });
            statuses.push(response.status);
            if (response.status === 201) accepted.push(amount);
          } else {
            const answer = await live[i]!.request('bid.place', { auctionId: auction.id, amount });
            statuses.push(answer.ok ? 201 : 422);
            expect(answer.ok || ['BID_TOO_LOW', 'ALREADY_LEADING'].includes(answer.error.code)).toBe(true);
            if (answer.ok) accepted.push(amount);
          }
        }
      }),
    );
    expect(statuses.every((s) => s < 500)).toBe(true);
    const { body: final } = await api.http().get(`/api/v1/auctions/${auction.id}`).set(auth(managers[0]!)).expect(200);
    expect(final.highBid).toBe(Math.max(...accepted));
    expect(final.bids).toHaveLength(accepted.length);
    const { body: log } = await api
      .http()
      .get(`/api/v1/leagues/${league.id}/events`)
      .query({ after: 0, limit: 1000 })
      .set(auth(managers[0]!))
      .expect(200);
    expect(log.items.map((e: { seq: number }) => e.seq)).toEqual(log.items.map((_: unknown, i: number) => i + 1));
    const bidAmounts = log.items
      .filter((e: { type: string }) => e.type === 'bid.accepted')
      .map((e: { data: { amount: number } }) => e.data.amount);
    expect(bidAmounts).toEqual([...accepted].sort((a, b) => a - b));
    await watcher.waitFor((r) => r.payload.data?.amount === final.highBid);
    expect(
      watcher
        .leagueEvents()
        .filter((e) => e.type === 'bid.accepted')
        .map((e) => e.data.amount),
    ).toEqual(bidAmounts);
  });

  it('a manager bidding in two auctions at once can never commit more than the budget', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      // €30M budget, 2 slots, €1M minimum: one €25M bid fits, two do not.
      const roster = { size: 2, GK: [0, 2], DEF: [0, 2], MID: [0, 2], FWD: [0, 2] };
      const { league, managers } = await leagueWith(api, 1, { budget: 30_000_000, roster });
      const anna = managers[0]!;
      const [a, b] = await Promise.all(
        ['Pierre Kalulu', 'Matteo Gabbia'].map(
          async (q) =>
            (
              await moves(api)
                .open(anna, league.id, { playerId: await playerId(api, q) })
                .expect(201)
            ).body,
        ),
      );
      const live = client(anna.token);
      await live.connected();
      const [overHttp, overSocket] = await Promise.all([
        api.http().post(`/api/v1/auctions/${a.id}/bids`).set(auth(anna)).send({ amount: 25_000_000 }),
        live.request('bid.place', { auctionId: b.id, amount: 25_000_000 }),
      ]);
      const outcomes = [overHttp.status === 201, overSocket.ok === true];
      expect(outcomes.filter(Boolean)).toHaveLength(1);
      const refusal = overHttp.status === 201 ? overSocket.error.code : overHttp.body.code;
      expect(refusal).toBe('INSUFFICIENT_BUDGET');
      const { body: view } = await api.http().get(`/api/v1/leagues/${league.id}`).set(auth(anna)).expect(200);
      expect(view.managers[0]).toMatchObject({ committed: 25_000_000, available: 5_000_000 });
      live.close();
    }
  });
});
