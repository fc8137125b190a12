import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { leagueWith, moves, playerId } from './support/game.js';
import { holdingsDrift } from './support/test-database.js';
import { startTestApi, type TestApi } from './support/test-api.js';

/**
 * The holdings counters on the membership row (migrations/…-HoldingsCounters.ts): what the quota
 * rule reads on every bid instead of counting roster entries and led auctions. Every suite checks
 * them against the truth as its database goes (test/support/test-database.ts); this one checks the
 * constraint that keeps them honest, and that the check itself sees a drift.
 */
describe('holdings counters', () => {
  let api: TestApi;
  let db: DataSource;
  const { open, bid } = moves(() => api);
  const held = async (leagueId: string, userId: string) =>
    (
      (await db.query(`SELECT held_gk, held_def, held_mid, held_fwd FROM memberships WHERE league_id = $1 AND user_id = $2`, [
        leagueId,
        userId,
      ])) as Record<string, number>[]
    )[0];

  beforeAll(async () => {
    api = await startTestApi();
    db = api.app.get(DataSource);
  });
  afterAll(() => api.close());

  it('move with the lead: the new leader gains the position, the one outbid loses it, and the quota reads them', async () => {
    const roster = { size: 3, GK: [0, 1], DEF: [0, 2], MID: [0, 2], FWD: [0, 2] };
    const { league, managers } = await leagueWith(api, 2, { roster, budget: 100_000_000 });
    const [anna, bruno] = managers;
    const [def1, def2, def3] = await Promise.all(['Pierre Kalulu', 'Matteo Gabbia', 'Simon Kjaer'].map((q) => playerId(api, q)));
    const { body: first } = await open(anna, league.id, { playerId: def1, openingBid: 5_000_000 }).expect(201);
    await open(anna, league.id, { playerId: def2, openingBid: 4_000_000 }).expect(201);
    expect(await held(league.id, anna.user.id)).toEqual({ held_gk: 0, held_def: 2, held_mid: 0, held_fwd: 0 });
    const { body: third } = await open(bruno, league.id, { playerId: def3 }).expect(201);
    expect((await bid(anna, third.id, { amount: 4_000_000 }).expect(422)).body).toMatchObject({ code: 'POSITION_FULL', position: 'DEF' });

    await bid(bruno, first.id, { amount: 6_000_000 }).expect(201);
    expect(await held(league.id, anna.user.id)).toEqual({ held_gk: 0, held_def: 1, held_mid: 0, held_fwd: 0 });
    expect(await held(league.id, bruno.user.id)).toEqual({ held_gk: 0, held_def: 1, held_mid: 0, held_fwd: 0 });
    await bid(anna, third.id, { amount: 4_000_000 }).expect(201); // a place at DEF is free again
  });

  it('refuses a statement that moves a squad without its counters (memberships_held_check)', async () => {
    const { league, managers } = await leagueWith(api, 1);
    const anna = managers[0];
    await expect(
      db.query(`UPDATE memberships SET owned_count = owned_count + 1 WHERE league_id = $1 AND user_id = $2`, [league.id, anna.user.id]),
    ).rejects.toMatchObject({ driverError: { code: '23514', constraint: 'memberships_held_check' } });
    await expect(
      db.query(`UPDATE memberships SET held_gk = held_gk - 1, held_def = held_def + 1 WHERE league_id = $1 AND user_id = $2`, [
        league.id,
        anna.user.id,
      ]),
    ).rejects.toMatchObject({ driverError: { code: '23514' } });
  });

  it("the suites' check sees counters that add up but sit at the wrong position", async () => {
    const { league, managers } = await leagueWith(api, 1, { budget: 100_000_000 });
    const anna = managers[0];
    await open(anna, league.id, { playerId: await playerId(api, 'Pierre Kalulu'), openingBid: 5_000_000 }).expect(201);
    expect(await holdingsDrift(api.db.url)).toEqual([]);
    await db.query(`UPDATE memberships SET held_def = 0, held_mid = 1 WHERE league_id = $1 AND user_id = $2`, [league.id, anna.user.id]);
    try {
      expect(await holdingsDrift(api.db.url)).toEqual([expect.objectContaining({ user_id: anna.user.id, held_def: 0, def: 1 })]);
    } finally {
      await db.query(`UPDATE memberships SET held_def = 1, held_mid = 0 WHERE league_id = $1 AND user_id = $2`, [league.id, anna.user.id]);
    }
  });
});
