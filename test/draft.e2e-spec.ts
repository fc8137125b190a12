import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { auth, leagueWith, moves, playerId, type Manager } from './support/game.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestApi, type TestApi } from './support/test-api.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Small squads, short lots: a turns league whose whole draft fits in a test. */
const TURNS = {
  budget: 20_000_000,
  roster: { size: 2, GK: [0, 2], DEF: [0, 2], MID: [0, 2], FWD: [0, 2] },
  auction: { durationSeconds: 5, extendSeconds: 0, minIncrement: 500_000, minPrice: 1_000_000 },
  market: { mode: 'turns' },
};

type Draft = {
  id: string;
  status: 'running' | 'paused' | 'ended';
  order: string[];
  round: number;
  onClock: string | null;
  clockEndsAt: string | null;
  lotAuctionId: string | null;
  remainingSeconds: number | null;
  endReason: string | null;
  serverTime: string;
};

/** Draft night: turns, nomination clocks, pauses and ends held by PostgreSQL, every change a league event. */
describe('draft night', () => {
  let db: TestDatabase;
  let api: TestApi;
  const { open, bid, events } = moves(() => api);
  const draftRoute = (who: Manager, leagueId: string, action = '', body: object = {}) =>
    api
      .http()
      .post(`/api/v1/leagues/${leagueId}/draft${action ? `/${action}` : ''}`)
      .set(auth(who))
      .send(body);
  const draftOf = async (who: Manager, leagueId: string): Promise<Draft> =>
    (await api.http().get(`/api/v1/leagues/${leagueId}/draft`).set(auth(who)).expect(200)).body;
  const until = async <T>(what: () => Promise<T>, ok: (value: T) => boolean, ms = 15_000): Promise<T> => {
    const end = Date.now() + ms;
    for (;;) {
      const value = await what();
      if (ok(value) || Date.now() > end) return value;
      await sleep(100);
    }
  };
  const cheap: string[] = [];
  const sql = async (text: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      return await client.query(text, values);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startTestApi({}, db);
    // Players at their position's default price (no starter report): cheap lots.
    for (const name of ['Rade Krunić', 'Matteo Gabbia', 'Ante Rebic', 'Ciprian Tatarusanu', 'Fode Ballo-Touré', 'Samu Castillejo']) {
      cheap.push(await playerId(api, name));
    }
  });
  afterAll(async () => {
    await api.close();
    await db.drop();
  });

  it('a turns league: nobody opens an auction without a draft; only the commissioner starts one; bad starts change nothing', async () => {
    const {
      league,
      managers: [anna, bruno],
    } = await leagueWith(api, 2, TURNS);
    expect((await open(anna, league.id, { playerId: cheap[0] }).expect(409)).body.code).toBe('DRAFT_NOT_RUNNING');
    expect((await api.http().get(`/api/v1/leagues/${league.id}/draft`).set(auth(anna)).expect(404)).body.code).toBe('DRAFT_NOT_FOUND');
    expect((await draftRoute(bruno, league.id, '', { order: 'joined' }).expect(403)).body.code).toBe('NOT_COMMISSIONER');
    for (const body of [
      { order: [anna.user.id] }, // not every manager
      { order: [anna.user.id, anna.user.id] },
      { order: 'alphabetical' },
      { nominationSeconds: 2 },
      { whenIdle: 'sleep' },
    ]) {
      expect((await draftRoute(anna, league.id, '', body).expect(400)).body.code).toBe('VALIDATION_FAILED');
    }
    expect((await draftRoute(anna, league.id, 'pause', { reason: 'x' }).expect(409)).body.code).toBe('DRAFT_NOT_RUNNING');
    expect((await events(anna, league.id)).map((e) => e.type)).toEqual(['member.joined', 'member.joined']);

    // An open league has no draft.
    const openLeague = await leagueWith(api, 2);
    expect((await draftRoute(openLeague.managers[0], openLeague.league.id, '').expect(409)).body.code).toBe('NOT_A_TURNS_LEAGUE');
    const { body: shown } = await api.http().get(`/api/v1/leagues/${openLeague.league.id}`).set(auth(openLeague.managers[0])).expect(200);
    expect(shown.market).toEqual({
      mode: 'open',
      releaseRefund: 'half',
      sealedTieBreak: 'earliest',
      tradeReviewSeconds: 0,
      competitions: ['IT1'],
      transferRefund: 'full',
    });
  });

  it('runs a whole draft of three managers to the end: turns in order, one lot at a time, every squad full, budgets as the log says', async () => {
    const {
      league,
      managers: [anna, bruno, carla],
    } = await leagueWith(api, 3, TURNS);
    const order = [bruno.user.id, carla.user.id, anna.user.id];
    const started = await draftRoute(anna, league.id, '', { order, nominationSeconds: 60 }).expect(201);
    expect(started.body).toMatchObject({ status: 'running', order, round: 1, onClock: bruno.user.id, lotAuctionId: null });
    expect((await draftRoute(anna, league.id, '', { order }).expect(409)).body.code).toBe('DRAFT_ALREADY_RUNNING');
    // Only the manager on the clock calls, and only one lot at a time.
    expect((await open(anna, league.id, { playerId: cheap[0] }).expect(409)).body.code).toBe('NOT_YOUR_TURN');

    const byId = { [anna.user.id]: anna, [bruno.user.id]: bruno, [carla.user.id]: carla };
    const seen: string[] = [];
    let lastRound = 1;
    for (let lot = 0; lot < 6; lot += 1) {
      const draft = await draftOf(anna, league.id);
      expect(draft).toMatchObject({ status: 'running', lotAuctionId: null });
      expect(draft.round).toBeGreaterThanOrEqual(lastRound);
      lastRound = draft.round;
      const caller = byId[draft.onClock!]!;
      seen.push(draft.onClock!);
      const { body: auction } = await open(caller, league.id, { playerId: cheap[lot] }).expect(201);
      await bid(caller, auction.id, { upTo: 12_000_000 }).expect(201);
      expect((await open(caller, league.id, { playerId: cheap[(lot + 1) % 6] }).expect(409)).body).toMatchObject({
        code: 'NOT_YOUR_TURN',
        lotAuctionId: auction.id,
      });
      // On even lots another manager with room raises once, so squads fill unevenly.
      if (lot % 2 === 0) {
        const { body: view } = await api.http().get(`/api/v1/leagues/${league.id}`).set(auth(anna)).expect(200);
        const room = (view.managers as { userId: string; roster: unknown[] }[]).find(
          (m) => m.userId !== caller.user.id && m.roster.length < 2,
        );
        if (room) await bid(byId[room.userId]!, auction.id, { upTo: 12_000_000 }).expect(201);
      }
      await until(
        () => draftOf(anna, league.id),
        (d) => d.status === 'ended' || (d.lotAuctionId === null && d.onClock !== null && d.clockEndsAt !== null),
      );
    }
    const ended = await until(
      () => draftOf(anna, league.id),
      (d) => d.status === 'ended',
    );
    expect(ended).toMatchObject({ status: 'ended', endReason: 'complete', onClock: null, lotAuctionId: null });

    const log = await events(anna, league.id);
    const { body: view } = await api.http().get(`/api/v1/leagues/${league.id}`).set(auth(anna)).expect(200);
    for (const m of view.managers as { userId: string; budget: number; roster: { price: number }[] }[]) {
      const wins = log.filter((e) => e.type === 'auction.closed' && e.data.winnerId === m.userId);
      expect(m.roster).toHaveLength(2);
      expect(wins).toHaveLength(2);
      expect(m.budget).toBe(20_000_000 - wins.reduce((sum, e) => sum + Number(e.data.price), 0));
      expect(m.roster.map((r) => r.price).sort()).toEqual(wins.map((e) => Number(e.data.price)).sort());
    }
    // Turns moved on only when a lot closed, and a manager with a full squad was passed over.
    const types = log.map((e) => e.type).filter((t) => t.startsWith('draft.') || t.startsWith('auction.'));
    expect(types[0]).toBe('draft.started');
    expect(types.at(-1)).toBe('draft.ended');
    for (let i = 0; i < types.length; i += 1) {
      if (types[i] === 'auction.closed') expect(['draft.turn', 'draft.ended']).toContain(types[i + 1]);
    }
    const turns = log.filter((e) => e.type === 'draft.turn').map((e) => e.data.userId as string);
    expect(turns).toEqual(seen);
    const fullWhenCalled = (userId: string, index: number) =>
      log.filter(
        (e) => e.type === 'auction.closed' && e.data.winnerId === userId && e.seq < log.filter((x) => x.type === 'draft.turn')[index]!.seq,
      ).length >= 2;
    expect(turns.some((userId, i) => fullWhenCalled(userId, i))).toBe(false);
    expect(log.filter((e) => e.type === 'draft.ended')).toEqual([
      expect.objectContaining({ data: { draftId: ended.id, endReason: 'complete' } }),
    ]);
    // The draft is over: nobody calls a player any more.
    expect((await open(anna, league.id, { playerId: cheap[0] }).expect(409)).body.code).toBe('DRAFT_NOT_RUNNING');
  }, 90_000);

  it('the nomination clock: `skip` passes the turn of a manager who lets it run out', async () => {
    const {
      league,
      managers: [anna, bruno],
    } = await leagueWith(api, 2, TURNS);
    const { body: draft } = await draftRoute(anna, league.id, '', {
      order: [bruno.user.id, anna.user.id],
      nominationSeconds: 5,
      whenIdle: 'skip',
    }).expect(201);
    expect(draft.onClock).toBe(bruno.user.id);
    const after = await until(
      () => draftOf(anna, league.id),
      (d) => d.onClock === anna.user.id,
      9_000,
    );
    expect(after).toMatchObject({ onClock: anna.user.id, round: 1, lotAuctionId: null });
    const turn = (await events(anna, league.id)).filter((e) => e.type === 'draft.turn');
    expect(turn.map((e) => e.data)).toEqual([
      expect.objectContaining({ userId: bruno.user.id, round: 1 }),
      expect.objectContaining({ userId: anna.user.id, round: 1, skipped: bruno.user.id }),
    ]);
    // Nobody called for him, and the clock that ran out ended when the database said so.
    const { body: auctions } = await api.http().get(`/api/v1/leagues/${league.id}/auctions`).set(auth(anna)).expect(200);
    expect(auctions.items).toEqual([]);
    expect(new Date(after.clockEndsAt!).getTime() - new Date(draft.clockEndsAt).getTime()).toBeGreaterThanOrEqual(5_000);
    await draftRoute(anna, league.id, 'end', { reason: 'test over' }).expect(201);
  }, 20_000);

  it('the nomination clock: `auto` calls for him the cheapest available player that fits his squad, bidding its opening price', async () => {
    const {
      league,
      managers: [anna, bruno],
    } = await leagueWith(api, 2, { ...TURNS, roster: { size: 2, GK: [1, 1], DEF: [0, 1], MID: [0, 1], FWD: [0, 1] } });
    // Bruno already holds his one goalkeeper: auto must not call another.
    await api
      .http()
      .post(`/api/v1/leagues/${league.id}/commissioner/assign`)
      .set(auth(anna))
      .send({ playerId: cheap[3], userId: bruno.user.id, price: 1_000_000, reason: 'keeper bought at the table' })
      .expect(201);
    await draftRoute(anna, league.id, '', { order: [bruno.user.id, anna.user.id], nominationSeconds: 5, whenIdle: 'auto' }).expect(201);
    const lot = await until(
      () => draftOf(anna, league.id),
      (d) => d.lotAuctionId !== null,
      9_000,
    );
    const { body: auction } = await api.http().get(`/api/v1/auctions/${lot.lotAuctionId}`).set(auth(anna)).expect(200);
    expect(auction.player.position).not.toBe('GK');
    expect(auction.highBidder).toMatchObject({ userId: bruno.user.id });
    expect(auction.highBid).toBe(auction.openingPrice);
    const opened = (await events(anna, league.id)).find((e) => e.type === 'auction.opened')!;
    expect(opened.data).toMatchObject({ auto: true, auction: { id: lot.lotAuctionId } });
    // The cheapest: no outfield player of the registry (none is owned in this league) costs less.
    const { rows } = await sql(
      `SELECT min(coalesce(price_eur, CASE position WHEN 'DEF' THEN 4000000 WHEN 'MID' THEN 5000000 ELSE 6000000 END))::bigint AS least
         FROM players WHERE position <> 'GK'`,
    );
    const { body: called } = await api.http().get(`/api/v1/players/${auction.player.id}`).expect(200);
    expect(called.price.eur).toBe(Number(rows[0].least));
    await draftRoute(anna, league.id, 'end', { reason: 'test over' }).expect(201);
  }, 20_000);

  it('pause → restart the process → resume: the lot keeps the time it had left, bids wait, and the events say who and why', async () => {
    const {
      league,
      managers: [anna, bruno],
    } = await leagueWith(api, 2, { ...TURNS, auction: { ...TURNS.auction, durationSeconds: 30 } });
    await draftRoute(anna, league.id, '', { order: 'joined', nominationSeconds: 60 }).expect(201);
    const { body: auction } = await open(anna, league.id, { playerId: cheap[1] }).expect(201);
    await bid(anna, auction.id, { upTo: 10_000_000 }).expect(201);
    await sleep(1_000);
    expect((await draftRoute(bruno, league.id, 'pause', { reason: 'mine' }).expect(403)).body.code).toBe('NOT_COMMISSIONER');
    const { body: paused } = await draftRoute(anna, league.id, 'pause', { reason: 'pizza arrived' }).expect(201);
    expect(paused).toMatchObject({ status: 'paused', lotAuctionId: auction.id });
    const left = paused.remainingSeconds as number;
    expect(left).toBeGreaterThan(26);
    expect(left).toBeLessThan(29.5);
    expect((await bid(bruno, auction.id, { upTo: 10_000_000 }).expect(409)).body.code).toBe('AUCTION_PAUSED');
    expect((await draftRoute(anna, league.id, 'pause', { reason: 'again' }).expect(409)).body.code).toBe('DRAFT_PAUSED');

    // The process goes away for longer than the lot had left… and comes back: still paused.
    await api.close();
    await sql(`UPDATE auctions SET ends_at = now() - interval '1 minute' WHERE id = $1`, [auction.id]); // the old deadline is long gone
    await sleep(1_500);
    api = await startTestApi({}, db);
    await sleep(1_500); // a closer sweep or two
    expect((await api.http().get(`/api/v1/auctions/${auction.id}`).set(auth(anna)).expect(200)).body.status).toBe('open');
    expect(await draftOf(anna, league.id)).toMatchObject({ status: 'paused', remainingSeconds: left });

    const { body: resumed } = await draftRoute(anna, league.id, 'resume', { reason: 'pizza eaten' }).expect(201);
    expect(resumed).toMatchObject({ status: 'running', lotAuctionId: auction.id, remainingSeconds: null });
    const { body: lot } = await api.http().get(`/api/v1/auctions/${auction.id}`).set(auth(anna)).expect(200);
    const resumedLeft = (new Date(lot.endsAt).getTime() - new Date(lot.serverTime).getTime()) / 1000;
    expect(Math.abs(resumedLeft - left)).toBeLessThan(1);
    await bid(bruno, auction.id, { upTo: 10_000_000 }).expect(201);

    const log = (await events(anna, league.id)).filter((e) => e.type === 'draft.paused' || e.type === 'draft.resumed');
    expect(log.map((e) => e.data)).toEqual([
      { draftId: paused.id, lotAuctionId: auction.id, remainingSeconds: left, by: anna.user.id, reason: 'pizza arrived' },
      { draftId: paused.id, lotAuctionId: auction.id, endsAt: lot.endsAt, clockEndsAt: null, by: anna.user.id, reason: 'pizza eaten' },
    ]);
    await draftRoute(anna, league.id, 'end', { reason: 'test over' }).expect(201);
  }, 40_000);

  it('ending a draft whose lot is paused resumes the lot (draft.resumed, then draft.ended) so it can close', async () => {
    const {
      league,
      managers: [anna, bruno],
    } = await leagueWith(api, 2, { ...TURNS, auction: { ...TURNS.auction, durationSeconds: 60 } });
    await draftRoute(anna, league.id, '', { order: 'joined', nominationSeconds: 60 }).expect(201);
    const { body: auction } = await open(anna, league.id, { playerId: cheap[4] }).expect(201);
    await draftRoute(anna, league.id, 'pause', { reason: 'wait' }).expect(201);
    await draftRoute(anna, league.id, 'end', { reason: 'enough' }).expect(201);
    const tail = (await events(anna, league.id)).slice(-2);
    expect(tail.map((e) => e.type)).toEqual(['draft.resumed', 'draft.ended']);
    expect(tail[0]!.data).toMatchObject({ lotAuctionId: auction.id, by: anna.user.id, reason: 'enough' });
    await bid(bruno, auction.id, { upTo: 10_000_000 }).expect(201); // the lot runs again
  });

  it('a pause between lots freezes the nomination clock, and an ended draft leaves its lot to close with no next turn', async () => {
    const {
      league,
      managers: [anna, bruno],
    } = await leagueWith(api, 2, TURNS);
    await draftRoute(anna, league.id, '', { order: [bruno.user.id, anna.user.id], nominationSeconds: 5, whenIdle: 'skip' }).expect(201);
    const { body: paused } = await draftRoute(anna, league.id, 'pause', { reason: 'Bruno is on the phone' }).expect(201);
    expect(paused).toMatchObject({ status: 'paused', onClock: bruno.user.id, clockEndsAt: null, lotAuctionId: null });
    expect((await open(bruno, league.id, { playerId: cheap[2] }).expect(409)).body.code).toBe('DRAFT_PAUSED');
    await sleep(6_000); // longer than the whole nomination clock: nothing passes while paused
    expect(await draftOf(anna, league.id)).toMatchObject({ status: 'paused', onClock: bruno.user.id });
    const { body: resumed } = await draftRoute(anna, league.id, 'resume', { reason: 'back' }).expect(201);
    const left = (new Date(resumed.clockEndsAt).getTime() - new Date(resumed.serverTime).getTime()) / 1000;
    expect(Math.abs(left - paused.remainingSeconds)).toBeLessThan(1);

    const { body: auction } = await open(bruno, league.id, { playerId: cheap[2] }).expect(201);
    const { body: ended } = await draftRoute(anna, league.id, 'end', { reason: 'we stop here' }).expect(201);
    expect(ended).toMatchObject({ status: 'ended', endReason: 'ended', lotAuctionId: null, onClock: null });
    await until(
      async () => (await api.http().get(`/api/v1/auctions/${auction.id}`).set(auth(anna))).body.status as string,
      (status) => status === 'closed',
      9_000,
    );
    await sleep(300);
    const log = await events(anna, league.id);
    const last = log.filter((e) => e.type.startsWith('draft.')).at(-1)!;
    expect(last).toMatchObject({ type: 'draft.ended', data: { endReason: 'ended', by: anna.user.id, reason: 'we stop here' } });
    expect(log.at(-1)!.type).toBe('auction.closed');
  }, 30_000);
});
