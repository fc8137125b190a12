import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { auth, leagueWith, moves, type Manager } from './support/game.js';
import { runCli } from './support/cli.js';
import { startTestApi, type TestApi } from './support/test-api.js';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures', 'players');
const KJAER = 'tm:48859';
const KALULU = 'tm:585949';
const LEAO = 'tm:357164'; // priced by a starter report

/** The CLI's refusal: exit code and what it printed. */
async function refusal(url: string, ...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    await runCli(url, ...args);
  } catch (error) {
    const { code, stderr } = error as { code: number; stderr: string };
    return { code, stderr };
  }
  throw new Error(`${args.join(' ')} was not refused`);
}

describe('keeping the registry current (players:import of Transfermarkt files, players:merge)', () => {
  let api: TestApi;
  let db: DataSource;
  const one = async (sql: string, params: unknown[] = []) => ((await db.query(sql, params)) as Record<string, unknown>[])[0];
  beforeAll(async () => {
    api = await startTestApi();
    db = api.app.get(DataSource);
  });
  afterAll(() => api.close());

  it('matches a Transfermarkt players.csv row by Transfermarkt id: the player is updated, his written name kept, no price imported', async () => {
    // An operator's copy of Kjær under another ref: only the Transfermarkt id can find him.
    await db.query(`UPDATE players SET ref = 'op:kjaer', club = 'Fc Kobenhavn' WHERE ref = $1`, [KJAER]);
    const { stdout } = await runCli(api.db.url, 'players:import', path.join(FIXTURES, 'transfermarkt-players.csv'));
    expect(stdout).toContain('3 player(s) read (Transfermarkt players.csv layout): 2 added, 1 updated');
    expect(stdout).toContain('matched 0 by ref, 1 by Transfermarkt id, 0 by name + birth date');
    expect(stdout).toContain('line 5: unknown position "Striker"');
    expect(stdout).toContain('line 6: player id "not-an-id" is not an integer');
    expect(stdout).toContain('club "Club Sconosciuto" (1 row(s)) is not in the club alias table');
    expect(await one(`SELECT ref, name, club, position, tm_id FROM players WHERE tm_id = 48859`)).toEqual({
      ref: 'op:kjaer',
      name: 'Simon Kjær',
      club: 'Milan',
      position: 'DEF',
      tm_id: 48859,
    });
    expect(await one(`SELECT name, club, position, price_eur, price_reports FROM players WHERE ref = 'tm:999000001'`)).toEqual({
      name: 'Nuovo Portiere',
      club: 'Napoli',
      position: 'GK',
      price_eur: null,
      price_reports: 0,
    });
    expect((await api.http().get('/api/v1/players').query({ q: 'nuovo portiere' })).body.items[0].price).toMatchObject({
      basis: 'default',
    });
  });

  it('matches a 2022 snapshot row by name + birth date when no id links them, and gives the player the Transfermarkt id', async () => {
    await db.query(`UPDATE players SET ref = 'op:kalulu', tm_id = NULL, club = 'Lille' WHERE ref = $1`, [KALULU]);
    const { stdout } = await runCli(api.db.url, 'players:import', path.join(FIXTURES, 'transfermarkt-2022.csv'));
    expect(stdout).toContain('2 player(s) read (Transfermarkt 2022 snapshot layout): 1 added, 1 updated');
    expect(stdout).toContain('matched 0 by ref, 0 by Transfermarkt id, 1 by name + birth date');
    expect(stdout).toContain('line 4: duplicate player id 585949');
    expect(await one(`SELECT ref, name, club, tm_id FROM players WHERE ref = 'op:kalulu'`)).toEqual({
      ref: 'op:kalulu',
      name: 'Pierre Kalulu',
      club: 'Milan',
      tm_id: 585949,
    });
    expect(await one(`SELECT count(*)::int AS n FROM players WHERE tm_id = 585949`)).toEqual({ n: 1 });
  });

  describe('players:merge', () => {
    let anna: Manager;
    let bruno: Manager;
    let league: { id: string };
    const { open } = moves(() => api);
    const addPlayer = async (ref: string, name: string, position = 'FWD') =>
      (
        (await db.query(
          `INSERT INTO players (ref, name, aliases, search_text, club, position) VALUES ($1, $2, '{}', lower($2), 'Milan', $3) RETURNING id`,
          [ref, name, position],
        )) as { id: string }[]
      )[0]!.id;
    const assign = (playerId: string, to: Manager) =>
      api
        .http()
        .post(`/api/v1/leagues/${league.id}/commissioner/assign`)
        .set(auth(anna))
        .send({ playerId, userId: to.user.id, price: 5_000_000, reason: 'test' })
        .expect(201);
    beforeAll(async () => {
      ({
        league,
        managers: [anna, bruno],
      } = await leagueWith(api, 2));
    });

    it('refuses an unknown id, the same player twice, and players both owned in one league, changing nothing', async () => {
      const keep = await addPlayer('op:dup-a', 'Doppio Uno');
      const drop = await addPlayer('op:dup-b', 'Doppio Uno');
      expect(await refusal(api.db.url, 'players:merge', 'op:nobody', 'op:dup-b')).toEqual({
        code: 1,
        stderr: expect.stringContaining('PLAYER_NOT_FOUND: No player has id or ref "op:nobody"'),
      });
      expect(await refusal(api.db.url, 'players:merge', keep, 'op:dup-a')).toEqual({
        code: 1,
        stderr: expect.stringContaining('SAME_PLAYER'),
      });
      await assign(keep, anna);
      await assign(drop, bruno);
      expect(await refusal(api.db.url, 'players:merge', 'op:dup-a', 'op:dup-b')).toEqual({
        code: 1,
        stderr: expect.stringContaining('MERGE_CONFLICT: Both players are owned or on auction in "Lega del Bar"'),
      });
      expect(await one(`SELECT count(*)::int AS n FROM players WHERE ref IN ('op:dup-a', 'op:dup-b')`)).toEqual({ n: 2 });
      expect(await one(`SELECT count(*)::int AS n FROM roster_entries WHERE player_id = ANY($1::uuid[])`, [[keep, drop]])).toEqual({
        n: 2,
      });
    });

    it("moves the dropped player's reports, price history, ids, aliases and roster entry to the kept one, deletes him and reprices", async () => {
      const before = (await one(
        `SELECT p.id, p.price_eur, (SELECT count(*)::int FROM fee_reports r WHERE r.player_id = p.id) AS reports,
                (SELECT count(*)::int FROM player_price_history h WHERE h.player_id = p.id) AS history
           FROM players p WHERE ref = $1`,
        [LEAO],
      ))!;
      expect(before.reports).toBeGreaterThan(0);
      expect(before.history).toBeGreaterThan(0);
      const keep = await addPlayer('op:leao', 'R. Leão');
      await assign(before.id as string, bruno);
      await open(anna, league.id, { playerId: keep }).expect(201);
      // Owned (Leão) and on auction (the copy) in one league: refused too.
      expect((await refusal(api.db.url, 'players:merge', keep, LEAO)).stderr).toContain('MERGE_CONFLICT');
      await db.query(`UPDATE auctions SET status = 'closed', closed_at = now() WHERE player_id = $1`, [keep]);

      const { stdout } = await runCli(api.db.url, 'players:merge', keep, LEAO);
      expect(stdout).toContain(`merged ${LEAO} "Rafael Leão" into op:leao "R. Leão"`);
      expect(await one(`SELECT count(*)::int AS n FROM players WHERE id = $1 OR ref = $2`, [before.id, LEAO])).toEqual({ n: 0 });
      const after = (await one(
        `SELECT p.tm_id, p.price_eur, p.price_reports, p.aliases, p.merged_refs,
                (SELECT count(*)::int FROM fee_reports r WHERE r.player_id = p.id) AS reports,
                (SELECT count(*)::int FROM player_price_history h WHERE h.player_id = p.id) AS history,
                (SELECT user_id FROM roster_entries e WHERE e.player_id = p.id AND e.league_id = $2) AS owner,
                (SELECT count(*)::int FROM auctions a WHERE a.player_id = p.id) AS auctions
           FROM players p WHERE id = $1`,
        [keep, league.id],
      ))!;
      expect(after).toMatchObject({
        tm_id: 357164,
        price_eur: before.price_eur,
        reports: before.reports,
        history: (before.history as number) + 1, // his history, and the reprice
        owner: bruno.user.id,
        auctions: 1,
        merged_refs: [LEAO],
      });
      expect(after.aliases).toEqual(expect.arrayContaining(['Rafael Leão']));
      const found = (await api.http().get('/api/v1/players').query({ q: 'rafael leao' })).body.items;
      expect(found.map((p: { id: string }) => p.id)).toEqual([keep]);

      // The shipped registry names the dropped ref again: it is not brought back.
      const { stdout: again } = await runCli(api.db.url, 'players:import', path.join(FIXTURES, 'registry-leao.csv'));
      expect(again).toContain('matched 1 by ref');
      expect(await one(`SELECT count(*)::int AS n FROM players WHERE ref = $1`, [LEAO])).toEqual({ n: 0 });
      expect(await one(`SELECT club FROM players WHERE id = $1`, [keep])).toEqual({ club: 'Chelsea' });
    });
    /** Waits until some backend waits on a lock of this kind (pg_stat_activity), true, or false after `ms`. */
    const waitsOn = async (events: string[], ms = 10_000) => {
      for (const until = Date.now() + ms; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
        const row = await one(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = ANY($1)`, [
          events,
        ]);
        if ((row!.n as number) > 0) return true;
      }
      return false;
    };
    /** Whether these rows can be locked FOR UPDATE right now (NOWAIT), in a transaction rolled back at once. */
    const free = async (sql: string, params: unknown[]) => {
      const runner = db.createQueryRunner();
      await runner.startTransaction();
      try {
        await runner.query(`${sql} FOR UPDATE NOWAIT`, params);
        return true;
      } catch {
        return false;
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    };
    /** Whether a player's ownership advisory lock in a league is free right now. */
    const freeOwnership = async (leagueId: string, playerId: string) => {
      const runner = db.createQueryRunner();
      await runner.startTransaction();
      try {
        const [row] = (await runner.query(
          `SELECT pg_try_advisory_xact_lock(hashtextextended($1::uuid::text || ':' || $2::uuid::text, 0)) AS got`,
          [leagueId, playerId],
        )) as { got: boolean }[];
        return row!.got;
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    };
    const trade = (give: string[], take: string[], status: string) =>
      db.query(
        `INSERT INTO trades (league_id, proposer_id, receiver_id, give_ids, take_ids, status, expires_at, decided_at)
         VALUES ($1, $2, $3, $4::uuid[], $5::uuid[], $6, now() + interval '1 day', CASE WHEN $6 = 'proposed' THEN NULL ELSE now() END)
         RETURNING id`,
        [league.id, anna.user.id, bruno.user.id, give, take, status],
      ) as Promise<{ id: string }[]>;

    it('locks the fee reports, then the ownership advisory locks, then the player rows, as reviews, moves and releases do', async () => {
      const keep = await addPlayer('op:lock-a', 'Lucchetto');
      const drop = await addPlayer('op:lock-b', 'Lucchetto');
      await assign(drop, anna);
      const holder = db.createQueryRunner();
      await holder.startTransaction();
      // A release of the dropped player in this league holds his ownership lock.
      await holder.query(`SELECT pg_advisory_xact_lock(hashtextextended($1::uuid::text || ':' || $2::uuid::text, 0))`, [league.id, drop]);
      const merging = runCli(api.db.url, 'players:merge', keep, drop);
      try {
        expect(await waitsOn(['advisory'])).toBe(true);
        // Waiting there, the merge holds no player row (a closing auction's roster insert still gets its key share).
        expect(await free(`SELECT id FROM players WHERE id = ANY($1::uuid[])`, [[keep, drop]])).toBe(true);
      } finally {
        await holder.rollbackTransaction();
        await holder.release();
      }
      expect((await merging).stdout).toContain('merged op:lock-b');

      // reviewReport locks the report, then its player: the merge takes the reports before the players.
      const keep2 = await addPlayer('op:lock-c', 'Lucchetto Due');
      const drop2 = await addPlayer('op:lock-d', 'Lucchetto Due');
      const report = (await one(`SELECT id FROM fee_reports ORDER BY id LIMIT 1`))!.id as string;
      const { player_id: had } = (await one(`SELECT player_id FROM fee_reports WHERE id = $1`, [report]))!;
      await db.query(`UPDATE fee_reports SET player_id = $2 WHERE id = $1`, [report, drop2]);
      await assign(drop2, bruno);
      const reviewer = db.createQueryRunner();
      await reviewer.startTransaction();
      await reviewer.query(`SELECT id FROM fee_reports WHERE id = $1 FOR UPDATE`, [report]);
      const merging2 = runCli(api.db.url, 'players:merge', keep2, drop2);
      try {
        expect(await waitsOn(['transactionid', 'tuple'])).toBe(true);
        expect(await free(`SELECT id FROM players WHERE id = ANY($1::uuid[])`, [[keep2, drop2]])).toBe(true);
        // …nor the ownership lock: a move's announcement (tellMove) holds its report, then takes that lock.
        expect(await freeOwnership(league.id, drop2)).toBe(true);
      } finally {
        await reviewer.rollbackTransaction();
        await reviewer.release();
      }
      expect((await merging2).stdout).toContain('merged op:lock-d');
      await db.query(`UPDATE fee_reports SET player_id = $2 WHERE id = $1`, [report, had]);
    });

    it("keeps a manager's won (or higher) bid when he bid on both in a closed sealed window, and deletes the other", async () => {
      const keep = await addPlayer('op:sealed-a', 'Sigillo');
      const drop = await addPlayer('op:sealed-b', 'Sigillo');
      const [w] = (await db.query(
        `INSERT INTO sealed_windows (league_id, status, closes_at, closed_at, opened_by) VALUES ($1, 'closed', now(), now(), $2) RETURNING id`,
        [league.id, anna.user.id],
      )) as { id: string }[];
      await db.query(
        `INSERT INTO sealed_bids (window_id, league_id, user_id, player_id, amount, outcome)
         VALUES ($1, $2, $3, $4, 2000000, 'lost'), ($1, $2, $3, $5, 3000000, 'won'),
                ($1, $2, $6, $4, 4000000, 'lost'), ($1, $2, $6, $5, 1000000, 'lost')`,
        [w!.id, league.id, anna.user.id, keep, drop, bruno.user.id],
      );
      const { stdout } = await runCli(api.db.url, 'players:merge', keep, drop);
      expect(stdout).toContain('1 sealed bid(s) (2 duplicate(s) dropped)');
      expect(
        await db.query(`SELECT user_id, player_id, amount::int, outcome FROM sealed_bids WHERE window_id = $1 ORDER BY amount`, [w!.id]),
      ).toEqual([
        { user_id: anna.user.id, player_id: keep, amount: 3_000_000, outcome: 'won' },
        { user_id: bruno.user.id, player_id: keep, amount: 4_000_000, outcome: 'lost' },
      ]);
    });

    it('refuses a merge only for an open trade naming both; a settled one is rewritten naming the kept player once', async () => {
      const keep = await addPlayer('op:trade-a', 'Scambio');
      const drop = await addPlayer('op:trade-b', 'Scambio');
      const [t] = await trade([keep], [drop], 'proposed');
      expect((await refusal(api.db.url, 'players:merge', keep, drop)).stderr).toContain(`MERGE_CONFLICT: Open trade ${t!.id}`);
      await db.query(`UPDATE trades SET status = 'rejected', decided_at = now() WHERE id = $1`, [t!.id]);
      const [u] = await trade([drop, keep], [], 'expired');
      await runCli(api.db.url, 'players:merge', keep, drop);
      expect(await one(`SELECT give_ids, take_ids FROM trades WHERE id = $1`, [t!.id])).toEqual({ give_ids: [keep], take_ids: [] });
      expect(await one(`SELECT give_ids, take_ids FROM trades WHERE id = $1`, [u!.id])).toEqual({ give_ids: [keep], take_ids: [] });
    });

    it("gives moved roster entries and auctions the kept player's position, or refuses when a squad quota would break", async () => {
      const keep = await addPlayer('op:pos-a', 'Posizione', 'MID');
      const drop = await addPlayer('op:pos-b', 'Posizione', 'FWD');
      await assign(drop, anna);
      const { stdout } = await runCli(api.db.url, 'players:merge', keep, drop);
      expect(stdout).toContain('1 roster entr(y/ies)');
      expect(await one(`SELECT position FROM roster_entries WHERE player_id = $1`, [keep])).toEqual({ position: 'MID' });
      const keep3 = await addPlayer('op:pos-e', 'Asta', 'MID');
      const drop3 = await addPlayer('op:pos-f', 'Asta', 'FWD');
      await open(anna, league.id, { playerId: drop3 }).expect(201);
      await runCli(api.db.url, 'players:merge', keep3, drop3);
      expect(await one(`SELECT position FROM auctions WHERE player_id = $1`, [keep3])).toEqual({ position: 'MID' });

      const small = await leagueWith(api, 2, { roster: { size: 2, GK: [0, 1], DEF: [0, 1], MID: [0, 1], FWD: [0, 2] } });
      const [carla] = small.managers;
      const give = (playerId: string) =>
        api
          .http()
          .post(`/api/v1/leagues/${small.league.id}/commissioner/assign`)
          .set(auth(carla))
          .send({ playerId, userId: carla.user.id, price: 5_000_000, reason: 'test' })
          .expect(201);
      const keep2 = await addPlayer('op:pos-c', 'Quota', 'MID');
      const drop2 = await addPlayer('op:pos-d', 'Quota', 'FWD');
      await give(await addPlayer('op:pos-mid', 'Centrocampista', 'MID'));
      await give(drop2);
      expect((await refusal(api.db.url, 'players:merge', keep2, drop2)).stderr).toContain(
        `MERGE_CONFLICT: In "Lega del Bar" (${small.league.id}) ${carla.user.id} would hold one MID too many`,
      );
      expect(await one(`SELECT position FROM roster_entries WHERE player_id = $1`, [drop2])).toEqual({ position: 'FWD' });
    });

    it("lists the kept player once among a report's link candidates", async () => {
      const keep = await addPlayer('op:cand-a', 'Candidato');
      const drop = await addPlayer('op:cand-b', 'Candidato');
      const report = (await one(`SELECT id FROM fee_reports WHERE player_id IS NOT NULL ORDER BY id DESC LIMIT 1`))!.id;
      await db.query(`UPDATE fee_reports SET candidates = $2::jsonb WHERE id = $1`, [
        report,
        JSON.stringify([
          { id: drop, name: 'Candidato' },
          { id: keep, name: 'Candidato' },
        ]),
      ]);
      await runCli(api.db.url, 'players:merge', keep, drop);
      expect(await one(`SELECT candidates FROM fee_reports WHERE id = $1`, [report])).toEqual({
        candidates: [{ id: keep, name: 'Candidato' }],
      });
    });
  });
});
