import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { BidLanes } from '../libs/market/src/index.js';
import { auth, leagueWith, moves, type Manager } from './support/game.js';
import { registerUser, startTestApi, type TestApi } from './support/test-api.js';

/**
 * One database call carrying bids for several auctions (place_bids_across, BidLanes): each bid is
 * answered exactly as the same bids sent one after another, and calls that share leagues and
 * managers, from two processes at once, wait for each other's locks and never deadlock.
 */
describe('bids across auctions in one call', () => {
  let api: TestApi;
  let db: DataSource;
  const { open } = moves(() => api);

  /** A small world: three leagues, managers in more than one, tight budgets and quotas, standing maxima in one. */
  async function world(): Promise<{
    auctions: { id: string; leagueId: string; openingPrice: number }[];
    users: string[];
    managers: Manager[];
  }> {
    const roster = { size: 3, GK: [0, 1], DEF: [0, 2], MID: [0, 2], FWD: [0, 2] };
    const { body: page } = await api.http().get('/api/v1/players').query({ limit: 100 }).expect(200);
    const players = page.items as { id: string; position: string }[];
    const leagues = [];
    for (const [i, rules] of [
      { roster, budget: 12_000_000 },
      { roster, budget: 9_000_000 },
      { roster, budget: 20_000_000, auction: { maxBids: true } },
    ].entries()) {
      const created = await leagueWith(api, 3, { ...rules, name: `Across ${i}`, maxManagers: 10 });
      leagues.push(created);
    }
    // The first league's managers are in the other two as well.
    for (const { league } of leagues.slice(1)) {
      for (const m of leagues[0]!.managers) {
        await api.http().post('/api/v1/leagues/join').set(auth(m)).send({ inviteCode: league.inviteCode }).expect(201);
      }
    }
    const auctions: { id: string; leagueId: string; openingPrice: number }[] = [];
    let next = 0;
    for (const { league, managers } of leagues) {
      // Four lots each that these budgets can reach (an opened lot priced higher simply stays out of the walk).
      for (let k = 0; auctions.filter((a) => a.leagueId === league.id).length < 4; k += 1) {
        const { status, body } = await open(managers[k % 3]!, league.id, { playerId: players[next++]!.id });
        if (status === 201 && body.openingPrice <= 4_000_000)
          auctions.push({ id: body.id, leagueId: league.id, openingPrice: body.openingPrice });
      }
    }
    // Standing maxima in the third league.
    const third = leagues[2]!;
    for (const [k, m] of third.managers.entries()) {
      await api
        .http()
        .put(`/api/v1/auctions/${auctions[8 + k]!.id}/max-bid`)
        .set(auth(m))
        .send({ amount: auctions[8 + k]!.openingPrice + 1_000_000 + k * 700_000 })
        .expect(200);
    }
    const managers = [...leagues.flatMap((l) => l.managers), await registerUser(api)]; // the last one is in no league
    return { auctions, users: managers.map((m) => m.user.id), managers };
  }

  /** A seeded random walk of bids: auctions, bidders, amounts near what is accepted, ceilings. */
  function bidsFor(seed: number, auctions: { id: string; openingPrice: number }[], users: string[], n: number) {
    let s = seed;
    const rand = () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    return Array.from({ length: n }, () => {
      const lot = auctions[Math.floor(rand() * auctions.length)]!;
      const auction = lot.id;
      const user = users[Math.floor(rand() * users.length)]!;
      const amount = lot.openingPrice + Math.floor(rand() * 14) * 500_000;
      return rand() < 0.3 ? { auction, user, amount: null, upTo: amount + 2_000_000 } : { auction, user, amount, upTo: null };
    });
  }

  /** Answers without their clock readings (each call reads clock_timestamp() at its own moment). */
  function timeless(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(timeless);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value)
          .filter(([k]) => !/(^at$|At$|Time$)/.test(k))
          .map(([k, v]) => [k, timeless(v)]),
      );
    }
    return value;
  }

  beforeAll(async () => {
    api = await startTestApi();
    db = api.app.get(DataSource);
  });
  afterAll(() => api.close());

  it('answers each bid of a call across auctions exactly as the same bids one after another', async () => {
    const { auctions, users } = await world();
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const bids = bidsFor(seed, auctions, users, 60);
      const together = db.createQueryRunner();
      const alone = db.createQueryRunner();
      try {
        await together.startTransaction();
        const [{ results }] = await together.query(
          `SELECT place_bids_across($1::uuid[], $2::uuid[], $3::bigint[], $4::bigint[]) AS results`,
          [bids.map((b) => b.auction), bids.map((b) => b.user), bids.map((b) => b.amount), bids.map((b) => b.upTo)],
        );
        await together.rollbackTransaction();
        await alone.startTransaction();
        const oneByOne: unknown[] = [];
        for (const b of bids) {
          const [{ results: one }] = await alone.query(`SELECT place_bids($1, $2::uuid[], $3::bigint[], $4::bigint[]) AS results`, [
            b.auction,
            [b.user],
            [b.amount],
            [b.upTo],
          ]);
          oneByOne.push(...one);
        }
        await alone.rollbackTransaction();
        expect(timeless(results)).toEqual(timeless(oneByOne));
        const accepted = (results as { ok: boolean; proxies?: unknown[] }[]).filter((r) => r.ok);
        expect(accepted.length).toBeGreaterThan(5); // the walk exercises acceptance, not only refusals
      } finally {
        await together.release();
        await alone.release();
      }
    }
  });

  it('two processes sending calls over the same leagues and managers at once never deadlock, and the books hold', async () => {
    const { auctions, users } = await world();
    const pools = [new pg.Pool({ connectionString: api.db.url, max: 4 }), new pg.Pool({ connectionString: api.db.url, max: 4 })];
    const lanes = pools.map((master) => new BidLanes({ driver: { master } } as unknown as DataSource, { bidCallsInFlight: 4 }));
    try {
      const answers = await Promise.all(
        lanes.flatMap((lane, p) =>
          [0, 1, 2, 3, 4, 5, 6, 7].map(async (worker) => {
            const out: { ok: boolean; code?: string }[] = [];
            for (const b of bidsFor(100 + p * 10 + worker, p === 0 ? auctions : [...auctions].reverse(), users, 40)) {
              out.push(await lane.place(b.auction, b.user, b.amount === null ? { upTo: b.upTo! } : { amount: b.amount }));
            }
            return out;
          }),
        ),
      );
      const flat = answers.flat();
      expect(flat).toHaveLength(2 * 8 * 40);
      expect(flat.filter((a) => a.ok).length).toBeGreaterThan(10);
      expect(lanes.map((l) => l.stats.auctionsInOneCall).some((n) => n > 1)).toBe(true); // calls did carry several auctions
      expect(lanes.map((l) => l.stats.retriedAlone)).toEqual([0, 0]); // no call was rolled back (a deadlock would be)
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
    // The books: each manager's committed money is the high bids he leads, in every league.
    const wrong = await db.query(
      `SELECT m.league_id, m.user_id, m.committed, coalesce(sum(a.high_bid), 0) AS leads
         FROM memberships m LEFT JOIN auctions a ON a.league_id = m.league_id AND a.high_bidder_id = m.user_id AND a.status = 'open'
        GROUP BY m.league_id, m.user_id, m.committed HAVING m.committed <> coalesce(sum(a.high_bid), 0)`,
    );
    expect(wrong).toEqual([]);
  });
});
