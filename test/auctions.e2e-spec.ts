import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { auth, leagueWith, moves, playerId, SEED_ARTICLE } from './support/game.js';
import { registerAdmin, registerUser, startTestApi, type TestApi } from './support/test-api.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('auctions and bids', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
    const reader = await registerAdmin(api);
    await api.http().post('/api/v1/news').set(auth(reader)).send({ text: SEED_ARTICLE }).expect(201);
  });
  afterAll(() => api.close());

  const { open, bid, events } = moves(() => api);

  it('opens an auction on Kalulu at his news price, once', async () => {
    const { league, managers } = await leagueWith(api, 2);
    const kalulu = await playerId(api, 'Pierre Kalulu');
    const { body } = await open(managers[0]!, league.id, { playerId: kalulu }).expect(201);
    expect(body).toMatchObject({
      leagueId: league.id,
      player: { id: kalulu, name: 'Pierre Kalulu', position: 'DEF' },
      status: 'open',
      openingPrice: 25_000_000,
      highBid: null,
      highBidder: null,
      minBid: 25_000_000,
    });
    expect(new Date(body.endsAt).getTime() - new Date(body.serverTime).getTime()).toBeGreaterThan(59_000);
    expect((await open(managers[1]!, league.id, { playerId: kalulu }).expect(409)).body.code).toBe('PLAYER_UNAVAILABLE');
    expect((await events(managers[0]!, league.id)).map((e: { type: string }) => e.type)).toEqual([
      'member.joined',
      'member.joined',
      'auction.opened',
    ]);
  });

  it('rounds an unpriced player up to the increment and the minimum price', async () => {
    const { league, managers } = await leagueWith(api, 1, { auction: { minIncrement: 3_000_000, minPrice: 1_000_000 } });
    const { body } = await open(managers[0]!, league.id, { playerId: await playerId(api, 'Rade Krunic') }).expect(201);
    expect(body.openingPrice).toBe(6_000_000); // default MID €5M rounded up to a multiple of €3M
  });

  it("takes the opener's opening bid, and opens nothing when it is refused", async () => {
    const { league, managers } = await leagueWith(api, 1);
    const gabbia = await playerId(api, 'Matteo Gabbia');
    expect((await open(managers[0]!, league.id, { playerId: gabbia, openingBid: 1_000 }).expect(422)).body).toMatchObject({
      code: 'BID_TOO_LOW',
      minBid: 4_000_000,
    });
    const { body } = await open(managers[0]!, league.id, { playerId: gabbia, openingBid: 5_000_000 }).expect(201);
    expect(body).toMatchObject({ highBid: 5_000_000, highBidder: { userId: managers[0]!.user.id } });
  });

  it('refuses bids in the contract order and says the lowest acceptable bid', async () => {
    const { league, managers } = await leagueWith(api, 3, { budget: 49_500_000 });
    const [anna, bruno, carla] = managers;
    const { body: auction } = await open(anna, league.id, { playerId: await playerId(api, 'Pierre Kalulu') }).expect(201);
    expect((await bid(anna, auction.id, { amount: 24_999_999 }).expect(422)).body).toMatchObject({
      code: 'BID_TOO_LOW',
      minBid: 25_000_000,
    });
    const accepted = await bid(anna, auction.id, { amount: 25_000_000 }).expect(201);
    expect(accepted.body.auction).toMatchObject({
      highBid: 25_000_000,
      highBidder: { userId: anna.user.id },
      minBid: 25_500_000,
      bidCount: 1,
    });
    expect((await bid(anna, auction.id, { amount: 30_000_000 }).expect(422)).body.code).toBe('ALREADY_LEADING');
    expect((await bid(bruno, auction.id, { amount: 25_400_000 }).expect(422)).body).toMatchObject({
      code: 'BID_TOO_LOW',
      minBid: 25_500_000,
    });
    // €49.5M budget, 24 other empty slots kept at €1M each: at most €25.5M.
    expect((await bid(bruno, auction.id, { amount: 26_000_000 }).expect(422)).body).toMatchObject({
      code: 'INSUFFICIENT_BUDGET',
      available: 25_500_000,
    });
    const stranger = await registerUser(api);
    expect((await bid(stranger, auction.id, { amount: 26_000_000 }).expect(404)).body.code).toBe('AUCTION_NOT_FOUND');
    expect((await bid(carla, '00000000-0000-0000-0000-000000000000', { amount: 26_000_000 }).expect(404)).body.code).toBe(
      'AUCTION_NOT_FOUND',
    );
    const league1 = await api.http().get(`/api/v1/leagues/${league.id}`).set(auth(anna)).expect(200);
    const annaView = league1.body.managers.find((m: { userId: string }) => m.userId === anna.user.id);
    expect(annaView).toMatchObject({ budget: 49_500_000, committed: 25_000_000, available: 49_500_000 - 25_000_000 - 23_000_000 });
  });

  it.each([
    ['a string', { amount: '26000000' }],
    ['a float', { amount: 26_000_000.5 }],
    ['a negative', { amount: -26_000_000 }],
    ['zero', { amount: 0 }],
    ['1e300', { amount: 1e300 }],
    ['an unsafe integer', { amount: 2 ** 53 }],
    ['no amount', {}],
    ['an unknown field', { amount: 26_000_000, currency: 'EUR' }],
    ['null', { amount: null }],
    ['an idempotency key that is not a string', { amount: 26_000_000, idempotencyKey: 7 }],
  ])('refuses %s as a bid with 400 and changes nothing', async (_name, body) => {
    const { league, managers } = await leagueWith(api, 2);
    const { body: auction } = await open(managers[0]!, league.id, { playerId: await playerId(api, 'Pierre Kalulu') }).expect(201);
    const before = await events(managers[0]!, league.id);
    expect((await bid(managers[1]!, auction.id, body).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect(await events(managers[0]!, league.id)).toEqual(before);
    expect((await api.http().get(`/api/v1/auctions/${auction.id}`).set(auth(managers[0]!))).body).toMatchObject({
      highBid: null,
      bids: [],
    });
  });

  it('answers a retried idempotency key with the first answer, refusals too, and bids once', async () => {
    const { league, managers } = await leagueWith(api, 2);
    const [anna, bruno] = managers;
    const { body: auction } = await open(anna, league.id, { playerId: await playerId(api, 'Pierre Kalulu') }).expect(201);
    const first = await bid(anna, auction.id, { amount: 25_000_000, idempotencyKey: 'k1' }).expect(201);
    const again = await bid(anna, auction.id, { amount: 25_000_000, idempotencyKey: 'k1' }).expect(201);
    expect(again.body).toEqual(first.body);
    const refused = await bid(bruno, auction.id, { amount: 1, idempotencyKey: 'low' }).expect(422);
    await bid(bruno, auction.id, { amount: 26_000_000 }).expect(201);
    const retried = await bid(bruno, auction.id, { amount: 1, idempotencyKey: 'low' }).expect(422);
    expect(retried.body).toEqual(refused.body);
    // Concurrent retries of one key: one bid.
    const burst = await Promise.all(
      Array.from({ length: 5 }, () => bid(anna, auction.id, { amount: 27_000_000, idempotencyKey: 'burst' })),
    );
    expect(new Set(burst.map((r) => r.status))).toEqual(new Set([201]));
    expect(new Set(burst.map((r) => JSON.stringify(r.body))).size).toBe(1);
    const detail = await api.http().get(`/api/v1/auctions/${auction.id}`).set(auth(anna)).expect(200);
    expect(detail.body.bids.map((b: { amount: number }) => b.amount)).toEqual([27_000_000, 26_000_000, 25_000_000]);
  });

  it('keyed bids from different managers racing on one auction never deadlock into a 500', async () => {
    const { league, managers } = await leagueWith(api, 6);
    const { body: auction } = await open(managers[0]!, league.id, { playerId: await playerId(api, 'Pierre Kalulu') }).expect(201);
    const statuses: number[] = [];
    for (let wave = 0; wave < 8; wave += 1) {
      const answers = await Promise.all(
        managers.map((m, i) => bid(m, auction.id, { amount: 25_000_000 + (wave * 6 + i) * 500_000, idempotencyKey: `w${wave}-m${i}` })),
      );
      statuses.push(...answers.map((a) => a.status));
    }
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses).toContain(201);
  });

  it('opening with an opening bid while the opener is being outbid elsewhere never deadlocks', async () => {
    const { league, managers } = await leagueWith(api, 2);
    const [anna, bruno] = managers;
    const names = ['Rade Krunic', 'Ante Rebic', 'Theo Hernandez', 'Rafael Leao', 'Ismael Bennacer', 'Ciprian Tatarusanu'];
    const ids = await Promise.all(names.map((q) => playerId(api, q)));
    const { body: first } = await open(anna, league.id, { playerId: await playerId(api, 'Pierre Kalulu'), openingBid: 25_000_000 }).expect(
      201,
    );
    const statuses: number[] = [];
    let amount = 25_500_000;
    for (const id of ids) {
      const [opened, outbid] = await Promise.all([
        open(anna, league.id, { playerId: id, openingBid: 6_000_000 }),
        bid(bruno, first.id, { amount }),
      ]);
      statuses.push(opened.status, outbid.status);
      amount += 500_000;
      await bid(anna, first.id, { amount }); // anna leads again, so the next wave outbids her again
      amount += 500_000;
    }
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
  });

  it('a join does not wait for auctions being opened in the league', async () => {
    const db = api.app.get(DataSource);
    const { league, managers } = await leagueWith(api, 1);
    const joiner = await registerUser(api);
    const opening = db.createQueryRunner();
    await opening.connect();
    await opening.startTransaction();
    try {
      // An auction being opened and not yet committed: its insert holds a KEY SHARE lock on the league row.
      await opening.query(
        `INSERT INTO auctions (league_id, player_id, position, opened_by, opening_price, ends_at)
         SELECT $1, id, position, $2, 1000000, now() + interval '1 minute' FROM players ORDER BY id LIMIT 1`,
        [league.id, managers[0]!.user.id],
      );
      const joined = api
        .http()
        .post('/api/v1/leagues/join')
        .set(auth(joiner))
        .send({ inviteCode: league.inviteCode })
        .then((r) => r.status);
      const waited = sleep(2_000).then(() => 'still waiting');
      expect(await Promise.race([joined, waited])).toBe(201);
    } finally {
      await opening.rollbackTransaction();
      await opening.release();
    }
  });

  it('counts players led as held: POSITION_FULL and ROSTER_FULL', async () => {
    const roster = { size: 2, GK: [0, 1], DEF: [0, 1], MID: [0, 1], FWD: [0, 1] };
    const { league, managers } = await leagueWith(api, 1, { roster, budget: 100_000_000 });
    const anna = managers[0]!;
    const [def1, def2, mid, fwd] = await Promise.all(
      ['Pierre Kalulu', 'Matteo Gabbia', 'Rade Krunic', 'Ante Rebic'].map((q) => playerId(api, q)),
    );
    await open(anna, league.id, { playerId: def1, openingBid: 25_000_000 }).expect(201);
    const { body: second } = await open(anna, league.id, { playerId: def2 }).expect(201);
    expect((await bid(anna, second.id, { amount: 4_000_000 }).expect(422)).body).toMatchObject({ code: 'POSITION_FULL', position: 'DEF' });
    await open(anna, league.id, { playerId: mid, openingBid: 5_000_000 }).expect(201);
    const { body: fourth } = await open(anna, league.id, { playerId: fwd }).expect(201);
    expect((await bid(anna, fourth.id, { amount: 6_000_000 }).expect(422)).body.code).toBe('ROSTER_FULL');
  });

  it('keeps the last slots for positions still below their minimum', async () => {
    const roster = { size: 3, GK: [1, 1], DEF: [0, 3], MID: [0, 3], FWD: [0, 3] };
    const { league, managers } = await leagueWith(api, 1, { roster, budget: 100_000_000 });
    const anna = managers[0]!;
    const [def1, def2, def3, keeper] = await Promise.all(
      ['Pierre Kalulu', 'Matteo Gabbia', 'Simon Kjaer', 'Ciprian Tatarusanu'].map((q) => playerId(api, q)),
    );
    await open(anna, league.id, { playerId: def1, openingBid: 25_000_000 }).expect(201);
    await open(anna, league.id, { playerId: def2, openingBid: 4_000_000 }).expect(201);
    const { body: third } = await open(anna, league.id, { playerId: def3 }).expect(201);
    expect((await bid(anna, third.id, { amount: 4_000_000 }).expect(422)).body).toMatchObject({ code: 'POSITION_FULL', position: 'DEF' });
    await open(anna, league.id, { playerId: keeper, openingBid: 2_000_000 }).expect(201); // the slot kept for a goalkeeper
  });

  it('soft close: a late bid pushes the deadline to now + extendSeconds', async () => {
    const { league, managers } = await leagueWith(api, 2, { auction: { durationSeconds: 5, extendSeconds: 30 } });
    const { body: auction } = await open(managers[0]!, league.id, { playerId: await playerId(api, 'Pierre Kalulu') }).expect(201);
    const { body } = await bid(managers[1]!, auction.id, { amount: 25_000_000 }).expect(201);
    const left = new Date(body.auction.endsAt).getTime() - new Date(body.auction.serverTime).getTime();
    expect(left).toBeGreaterThan(29_000);
    expect(left).toBeLessThanOrEqual(30_100); // the deadline is set a moment after the clock was read
  });

  it('closes at the deadline: the winner pays, gets the player, and he cannot be auctioned again', async () => {
    const { league, managers } = await leagueWith(api, 2, { auction: { durationSeconds: 5, extendSeconds: 0 } });
    const [anna, bruno] = managers;
    const kalulu = await playerId(api, 'Pierre Kalulu');
    const { body: auction } = await open(anna, league.id, { playerId: kalulu, openingBid: 25_000_000 }).expect(201);
    await bid(bruno, auction.id, { amount: 26_000_000 }).expect(201);
    const deadline = new Date(auction.endsAt).getTime();
    let closed;
    for (;;) {
      closed = (await api.http().get(`/api/v1/auctions/${auction.id}`).set(auth(anna))).body;
      if (closed.status === 'closed' || Date.now() > deadline + 5_000) break;
      await sleep(100);
    }
    expect(closed).toMatchObject({ status: 'closed', winner: { userId: bruno.user.id }, price: 26_000_000 });
    expect(new Date(closed.closedAt).getTime() - deadline).toBeLessThan(2_000); // on time, by the timer
    expect((await bid(anna, auction.id, { amount: 30_000_000 }).expect(409)).body.code).toBe('AUCTION_CLOSED');
    const { body: view } = await api.http().get(`/api/v1/leagues/${league.id}`).set(auth(anna)).expect(200);
    const brunoView = view.managers.find((m: { userId: string }) => m.userId === bruno.user.id);
    expect(brunoView).toMatchObject({
      budget: 274_000_000,
      committed: 0,
      roster: [{ player: { id: kalulu, name: 'Pierre Kalulu', position: 'DEF' }, price: 26_000_000 }],
    });
    expect(brunoView.available).toBe(274_000_000 - 23 * 1_000_000);
    expect(view.managers.find((m: { userId: string }) => m.userId === anna.user.id)).toMatchObject({
      budget: 300_000_000,
      committed: 0,
      roster: [],
    });
    expect((await open(anna, league.id, { playerId: kalulu }).expect(409)).body.code).toBe('PLAYER_UNAVAILABLE');
    const log = await events(anna, league.id);
    expect(log.at(-1)).toMatchObject({
      type: 'auction.closed',
      data: { auctionId: auction.id, winnerId: bruno.user.id, price: 26_000_000 },
    });
  });

  it('an auction without bids closes unsold, and the player can be auctioned again', async () => {
    const { league, managers } = await leagueWith(api, 1, { auction: { durationSeconds: 5 } });
    const krunic = await playerId(api, 'Rade Krunic');
    const { body: auction } = await open(managers[0]!, league.id, { playerId: krunic }).expect(201);
    for (let i = 0; i < 80; i += 1) {
      const { body } = await api.http().get(`/api/v1/auctions/${auction.id}`).set(auth(managers[0]!));
      if (body.status === 'closed') {
        expect(body).toMatchObject({ winner: null, price: null });
        break;
      }
      await sleep(100);
    }
    await open(managers[0]!, league.id, { playerId: krunic }).expect(201);
    const closedList = await api
      .http()
      .get(`/api/v1/leagues/${league.id}/auctions`)
      .query({ status: 'closed' })
      .set(auth(managers[0]!))
      .expect(200);
    expect(closedList.body.items.map((a: { id: string }) => a.id)).toEqual([auction.id]);
  });
});
