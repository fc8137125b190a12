import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { BidLanes } from '../libs/market/src/index.js';
import { auth, leagueWith, playerId, moves } from './support/game.js';
import { registerUser, startTestApi, type TestApi } from './support/test-api.js';

/**
 * Bids that reach one auction while a call for it is in flight go to PostgreSQL together as one
 * place_bids call; the database must judge them exactly as if they had come one after another.
 */
describe('bids on one auction, batched', () => {
  let api: TestApi;
  let lanes: BidLanes;
  let db: DataSource;
  beforeAll(async () => {
    api = await startTestApi();
    lanes = api.app.get(BidLanes);
    db = api.app.get(DataSource);
  });
  afterAll(() => api.close());

  it('judges a batch in arrival order, with every rule, in one call', async () => {
    const { league, managers } = await leagueWith(api, 4);
    const [m0, m1, m2, m3] = managers.map((m) => m.user.id) as [string, string, string, string];
    const stranger = (await registerUser(api)).user.id;
    const { body: auction } = await moves(api)
      .open(managers[0]!, league.id, { playerId: await playerId(api, 'Pierre Kalulu') })
      .expect(201);
    const callsBefore = lanes.stats.calls;
    // Placed in one tick: the first goes alone, the others wait for it and go as one batch.
    const answers = await Promise.all([
      lanes.place(auction.id, m0, { amount: 25_000_000 }), // accepted
      lanes.place(auction.id, m1, { amount: 25_000_000 }), // too low now: m0 holds 25M
      lanes.place(auction.id, m2, { amount: 25_500_000 }), // accepted, outbids m0
      lanes.place(auction.id, m2, { amount: 26_000_000 }), // m2 leads
      lanes.place(auction.id, m0, { amount: 26_000_000 }), // accepted, outbids m2
      lanes.place(auction.id, m3, { amount: 26_000_000 }), // too low: the next is 26.5M
      lanes.place(auction.id, stranger, { amount: 30_000_000 }), // not a member: as if the auction did not exist
      lanes.place(auction.id, m1, { amount: 26_500_000 }), // accepted
    ]);
    expect(lanes.stats.calls - callsBefore).toBe(2);
    expect(answers.map((a) => (a.ok ? 'ok' : a.code))).toEqual([
      'ok',
      'BID_TOO_LOW',
      'ok',
      'ALREADY_LEADING',
      'ok',
      'BID_TOO_LOW',
      'AUCTION_NOT_FOUND',
      'ok',
    ]);
    expect(answers[1]).toMatchObject({ minBid: 25_500_000 });
    expect(answers[5]).toMatchObject({ minBid: 26_500_000 });

    const [row] = await db.query(`SELECT high_bid, high_bidder_id, bid_count FROM auctions WHERE id = $1`, [auction.id]);
    expect(row).toEqual({ high_bid: '26500000', high_bidder_id: m1, bid_count: 4 });
    const bids = await db.query(`SELECT bidder_id, amount FROM bids WHERE auction_id = $1 ORDER BY amount`, [auction.id]);
    expect(bids.map((b: { bidder_id: string; amount: string }) => [b.bidder_id, Number(b.amount)])).toEqual([
      [m0, 25_000_000],
      [m2, 25_500_000],
      [m0, 26_000_000],
      [m1, 26_500_000],
    ]);
    const money = await db.query(`SELECT user_id, committed, leading_count FROM memberships WHERE league_id = $1`, [league.id]);
    const committed = Object.fromEntries(
      money.map((m: { user_id: string; committed: string; leading_count: number }) => [m.user_id, [Number(m.committed), m.leading_count]]),
    );
    expect(committed).toEqual({ [m0]: [0, 0], [m1]: [26_500_000, 1], [m2]: [0, 0], [m3]: [0, 0] });
    // Four accepted bids, four events, in the order the bids were accepted.
    const events = await db.query(`SELECT seq, data FROM league_events WHERE league_id = $1 AND type = 'bid.accepted' ORDER BY seq`, [
      league.id,
    ]);
    expect(events.map((e: { data: { amount: number } }) => e.data.amount)).toEqual([25_000_000, 25_500_000, 26_000_000, 26_500_000]);
    const seqs = answers.filter((a) => a.ok).map((a) => Number((a as unknown as { event: { seq: number } }).event.seq));
    expect(seqs).toEqual(events.map((e: { seq: string }) => Number(e.seq)));
  });

  it('a single bid the lock-free look refuses takes no lock and no transaction id', async () => {
    const { league, managers } = await leagueWith(api, 2);
    const { body: auction } = await moves(api)
      .open(managers[0]!, league.id, { playerId: await playerId(api, 'Matteo Gabbia'), openingBid: 5_000_000 })
      .expect(201);
    const runner = db.createQueryRunner();
    try {
      await runner.startTransaction();
      const [{ results }] = await runner.query(`SELECT place_bids($1, $2::uuid[], $3::bigint[], $4::bigint[]) AS results`, [
        auction.id,
        [managers[1]!.user.id],
        [4_000_000],
        [null],
      ]);
      expect(results).toEqual([{ ok: false, code: 'BID_TOO_LOW', minBid: 5_500_000 }]);
      const [{ xid }] = await runner.query(`SELECT pg_current_xact_id_if_assigned() AS xid`);
      expect(xid).toBeNull();
      // The locked path, for contrast, takes a transaction id.
      await runner.query(`SELECT place_bids($1, $2::uuid[], $3::bigint[], $4::bigint[])`, [
        auction.id,
        [managers[1]!.user.id],
        [6_000_000],
        [null],
      ]);
      const [{ xid: after }] = await runner.query(`SELECT pg_current_xact_id_if_assigned() AS xid`);
      expect(after).not.toBeNull();
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('many managers racing over HTTP on one auction: batches form, and the answers stay exact', async () => {
    const racers = 10;
    const { league, managers } = await leagueWith(api, racers);
    const { body: auction } = await moves(api)
      .open(managers[0]!, league.id, { playerId: await playerId(api, 'Rade Krunic') })
      .expect(201);
    const before = { ...lanes.stats };
    let minBid = auction.openingPrice as number;
    const accepted: number[] = [];
    const statuses: number[] = [];
    await Promise.all(
      managers.map(async (manager) => {
        for (let round = 0; round < 15; round += 1) {
          const amount = minBid;
          const { status, body } = await api.http().post(`/api/v1/auctions/${auction.id}/bids`).set(auth(manager)).send({ amount });
          statuses.push(status);
          if (status === 201) accepted.push(amount);
          minBid = Math.max(minBid, status === 201 ? body.auction.minBid : (body.minBid ?? minBid));
        }
      }),
    );
    expect(statuses.filter((s) => s !== 201 && s !== 422)).toEqual([]);
    expect(lanes.stats.bids - before.bids).toBe(racers * 15);
    expect(lanes.stats.calls - before.calls).toBeLessThan(racers * 15); // some bids shared a call
    const { body: final } = await api.http().get(`/api/v1/auctions/${auction.id}`).set(auth(managers[0]!)).expect(200);
    expect(final.highBid).toBe(Math.max(...accepted));
    expect(final.bids.map((b: { amount: number }) => b.amount).sort((a: number, b: number) => a - b)).toEqual(
      [...accepted].sort((a, b) => a - b),
    );
  });

  it('upTo bids the lowest amount accepted at that moment, within the ceiling', async () => {
    // €30M, 25 places at €1M minimum: with nothing held a manager can bid at most €6M.
    const { league, managers } = await leagueWith(api, 3, { budget: 30_000_000 });
    const [anna, bruno, carla] = managers;
    const { body: auction } = await moves(api)
      .open(anna, league.id, { playerId: await playerId(api, 'Pierre Kalulu') })
      .expect(201);
    expect(auction.openingPrice).toBe(4_000_000); // unpriced here: the DEF default
    const bid = (who: { token: string }, body: object) => api.http().post(`/api/v1/auctions/${auction.id}/bids`).set(auth(who)).send(body);
    expect((await bid(anna, { upTo: 30_000_000 }).expect(201)).body.auction).toMatchObject({ highBid: 4_000_000, minBid: 4_500_000 });
    expect((await bid(anna, { upTo: 30_000_000 }).expect(422)).body.code).toBe('ALREADY_LEADING');
    expect((await bid(bruno, { upTo: 4_499_999 }).expect(422)).body).toMatchObject({ code: 'BID_TOO_LOW', minBid: 4_500_000 });
    expect((await bid(bruno, { upTo: 4_500_000 }).expect(201)).body.auction).toMatchObject({
      highBid: 4_500_000,
      highBidder: { userId: bruno.user.id },
    });
    await bid(anna, { upTo: 6_000_000 }).expect(201); // 5.0
    await bid(bruno, { upTo: 6_000_000 }).expect(201); // 5.5
    await bid(anna, { upTo: 6_000_000 }).expect(201); // 6.0
    // The budget is checked on what the ceiling would bid (6.5M), not on the ceiling.
    expect((await bid(carla, { upTo: 40_000_000 }).expect(422)).body).toMatchObject({ code: 'INSUFFICIENT_BUDGET', available: 6_000_000 });
    for (const body of [{ amount: 7_000_000, upTo: 8_000_000 }, { upTo: 7_000_000.5 }, { upTo: -1 }, { upTo: '7000000' }, {}]) {
      expect((await bid(carla, body).expect(400)).body.code).toBe('VALIDATION_FAILED');
    }
    const events = await db.query(`SELECT data FROM league_events WHERE league_id = $1 AND type = 'bid.accepted' ORDER BY seq`, [
      league.id,
    ]);
    expect(events.map((e: { data: { amount: number } }) => e.data.amount)).toEqual([4_000_000, 4_500_000, 5_000_000, 5_500_000, 6_000_000]);
  });

  it('ten managers racing with upTo: every bid lands one increment above the last, none collide', async () => {
    const racers = 10;
    const { league, managers } = await leagueWith(api, racers);
    const { body: auction } = await moves(api)
      .open(managers[0]!, league.id, { playerId: await playerId(api, 'Ante Rebic') })
      .expect(201);
    const codes: (string | number)[] = [];
    const accepted: number[] = [];
    await Promise.all(
      managers.map(async (manager) => {
        for (let round = 0; round < 10; round += 1) {
          const { status, body } = await api
            .http()
            .post(`/api/v1/auctions/${auction.id}/bids`)
            .set(auth(manager))
            .send({ upTo: 900_000_000 });
          codes.push(status === 201 ? 201 : body.code);
          if (status === 201) accepted.push(body.auction.highBid);
        }
      }),
    );
    // The only refusal possible is bidding while leading; the amounts are the opening price, then +0.5M each.
    expect(codes.filter((c) => c !== 201 && c !== 'ALREADY_LEADING')).toEqual([]);
    const sorted = [...accepted].sort((a, b) => a - b);
    expect(sorted).toEqual(sorted.map((_, i) => auction.openingPrice + i * 500_000));
    expect(accepted.length).toBeGreaterThan((racers * 10) / 2);
    const { body: final } = await api.http().get(`/api/v1/auctions/${auction.id}`).set(auth(managers[0]!)).expect(200);
    expect(final.highBid).toBe(sorted.at(-1));
    expect(final.bidCount).toBe(accepted.length);
  });
});

describe('the bid rate limit', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_BIDS: '2' });
  });
  afterAll(() => api.close());

  it('limits a manager to RATE_LIMIT_BIDS bids a second, and still answers a non-member 404 first', async () => {
    const { league, managers } = await leagueWith(api, 2);
    const { body: auction } = await moves(api)
      .open(managers[0]!, league.id, { playerId: await playerId(api, 'Pierre Kalulu') })
      .expect(201);
    const bid = (who: { token: string }, amount: number) =>
      api.http().post(`/api/v1/auctions/${auction.id}/bids`).set(auth(who)).send({ amount });
    const member = await Promise.all([1, 2, 3, 4].map((i) => bid(managers[1]!, 1_000 * i)));
    expect(member.map((r) => r.status).sort()).toEqual([422, 422, 429, 429]);
    const limited = member.find((r) => r.status === 429)!;
    expect(limited.body).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    const stranger = await registerUser(api);
    const outsider = await Promise.all([1, 2, 3, 4].map((i) => bid(stranger, 1_000 * i)));
    expect(outsider.map((r) => [r.status, r.body.code])).toEqual(Array(4).fill([404, 'AUCTION_NOT_FOUND']));
  });
});
