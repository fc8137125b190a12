import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auth, leagueWith, moves, playerId, type Manager } from './support/game.js';
import { LiveClient } from './support/live-client.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { registerUser, startTestApi, type TestApi } from './support/test-api.js';

const M = 1_000_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Squad {
  userId: string;
  budget: number;
  roster: { player: { id: string }; price: number }[];
}

/** Trades: players each way and money either way, moved at once under the locks, or not at all. */
describe('trades', () => {
  let db: TestDatabase;
  let api: TestApi;
  let gabbia: string;
  let krunic: string;
  let balloToure: string;
  let rebic: string;
  const { events } = moves(() => api);
  const http = () => api.http();
  const propose = (who: Manager, leagueId: string, body: object) =>
    http().post(`/api/v1/leagues/${leagueId}/trades`).set(auth(who)).send(body);
  const act = (who: Manager, leagueId: string, tradeId: string, step: string, body: object = {}) =>
    http().post(`/api/v1/leagues/${leagueId}/trades/${tradeId}/${step}`).set(auth(who)).send(body);
  const tradeOf = async (who: Manager, leagueId: string, tradeId: string) =>
    (await http().get(`/api/v1/leagues/${leagueId}/trades/${tradeId}`).set(auth(who)).expect(200)).body;
  const assign = (by: Manager, leagueId: string, body: { playerId: string; userId: string; price: number }) =>
    http()
      .post(`/api/v1/leagues/${leagueId}/commissioner/assign`)
      .set(auth(by))
      .send({ ...body, reason: 'table' })
      .expect(201);
  const adjust = (by: Manager, leagueId: string, userId: string, delta: number) =>
    http().post(`/api/v1/leagues/${leagueId}/commissioner/budget`).set(auth(by)).send({ userId, delta, reason: 'test' }).expect(201);
  const squads = async (who: Manager, leagueId: string) =>
    new Map(
      ((await http().get(`/api/v1/leagues/${leagueId}`).set(auth(who)).expect(200)).body.managers as Squad[]).map((m) => [m.userId, m]),
    );
  const ids = (s: Squad | undefined) => (s?.roster ?? []).map((r) => r.player.id).sort();
  const until = async (who: Manager, leagueId: string, tradeId: string, status: string) => {
    for (let i = 0; i < 150; i += 1) {
      const trade = await tradeOf(who, leagueId, tradeId);
      if (trade.status === status) return trade;
      await sleep(100);
    }
    throw new Error(`the trade did not become ${status}`);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startTestApi({}, db);
    gabbia = await playerId(api, 'Matteo Gabbia'); // DEF
    krunic = await playerId(api, 'Rade Krunić'); // MID
    balloToure = await playerId(api, 'Fode Ballo-Touré'); // DEF
    rebic = await playerId(api, 'Ante Rebić'); // FWD
  });
  afterAll(async () => {
    await api.close();
    await db.drop();
  });

  it('accepted: players each way and the money move at once; both managers are told, privately and in the log', async () => {
    const {
      league,
      managers: [anna, bruno, carla],
    } = await leagueWith(api, 3);
    await assign(anna, league.id, { playerId: gabbia, userId: anna.user.id, price: 7 * M });
    await assign(anna, league.id, { playerId: krunic, userId: bruno.user.id, price: 5 * M });
    const liveBruno = new LiveClient(api.url, bruno.token);
    const liveCarla = new LiveClient(api.url, carla.token);
    try {
      await Promise.all([liveBruno.connected(), liveCarla.connected()]);
      await Promise.all([
        liveBruno.request('league.join', { leagueId: league.id }),
        liveCarla.request('league.join', { leagueId: league.id }),
      ]);
      const { body: proposed } = await propose(anna, league.id, {
        to: bruno.user.id,
        give: [gabbia],
        take: [krunic],
        money: 2 * M,
        note: 'Gabbia and two million for Krunić?',
      }).expect(201);
      expect(proposed).toMatchObject({
        status: 'proposed',
        proposerId: anna.user.id,
        receiverId: bruno.user.id,
        give: [{ id: gabbia, name: 'Matteo Gabbia', position: 'DEF' }],
        take: [{ id: krunic, position: 'MID' }],
        money: 2 * M,
        note: 'Gabbia and two million for Krunić?',
        executesAt: null,
      });
      // Bruno is told privately; Carla sees the proposal in the league's log but gets no private message.
      const told = await liveBruno.waitFor((r) => r.name === 'trade.updated');
      expect(told.payload).toMatchObject({ leagueId: league.id, trade: { id: proposed.id, status: 'proposed' } });
      await liveCarla.waitFor((r) => r.payload.type === 'trade.proposed');
      expect(liveCarla.received.some((r) => r.name === 'trade.updated')).toBe(false);

      const { body: done } = await act(bruno, league.id, proposed.id, 'accept').expect(200);
      expect(done).toMatchObject({ status: 'executed' });
      const after = await squads(anna, league.id);
      expect(ids(after.get(anna.user.id))).toEqual([krunic]);
      expect(ids(after.get(bruno.user.id))).toEqual([gabbia]);
      expect(after.get(anna.user.id)!.budget).toBe(300 * M - 7 * M - 2 * M);
      expect(after.get(bruno.user.id)!.budget).toBe(300 * M - 5 * M + 2 * M);
      // What each paid stays with the player (a release refunds from it).
      expect(after.get(bruno.user.id)!.roster[0]!.price).toBe(7 * M);
      const log = (await events(anna, league.id)).filter((e) => e.type.startsWith('trade.'));
      expect(log.map((e) => e.type)).toEqual(['trade.proposed', 'trade.accepted', 'trade.executed']);
      expect(log[2]!.data).toMatchObject({ tradeId: proposed.id, money: 2 * M, give: [{ id: gabbia }], take: [{ id: krunic }] });
      await liveBruno.waitFor((r) => r.name === 'budget.updated' && r.payload.budget === 297 * M);
      await liveBruno.waitFor((r) => r.name === 'trade.updated' && (r.payload.trade as { status: string }).status === 'executed');
      // Done is done.
      expect((await act(bruno, league.id, proposed.id, 'accept').expect(409)).body).toMatchObject({
        code: 'TRADE_NOT_OPEN',
        status: 'executed',
      });
    } finally {
      liveBruno.close();
      liveCarla.close();
    }
  });

  it('rejected and withdrawn; only the right manager answers; strangers learn nothing', async () => {
    const {
      league,
      managers: [anna, bruno, carla],
    } = await leagueWith(api, 3);
    await assign(anna, league.id, { playerId: gabbia, userId: anna.user.id, price: 7 * M });
    const { body: one } = await propose(anna, league.id, { to: bruno.user.id, give: [gabbia], take: [], money: -3 * M }).expect(201);
    expect((await act(anna, league.id, one.id, 'accept').expect(403)).body.code).toBe('NOT_TRADE_PARTY');
    expect((await act(carla, league.id, one.id, 'reject').expect(403)).body.code).toBe('NOT_TRADE_PARTY');
    expect((await act(bruno, league.id, one.id, 'withdraw').expect(403)).body.code).toBe('NOT_TRADE_PARTY');
    const stranger = await registerUser(api);
    expect((await act(stranger, league.id, one.id, 'accept').expect(404)).body.code).toBe('LEAGUE_NOT_FOUND');
    expect((await http().get(`/api/v1/leagues/${league.id}/trades`).set(auth(stranger)).expect(404)).body.code).toBe('LEAGUE_NOT_FOUND');
    // The note is between the two: the rest of the league sees the terms, not the word.
    const { body: withNote } = await propose(anna, league.id, { to: carla.user.id, give: [gabbia], take: [], note: 'for you only' }).expect(
      201,
    );
    expect(withNote.note).toBe('for you only');
    expect((await tradeOf(carla, league.id, withNote.id)).note).toBe('for you only');
    expect((await tradeOf(bruno, league.id, withNote.id)).note).toBeNull();
    const proposed = (await events(bruno, league.id)).find((e) => e.type === 'trade.proposed' && e.data.tradeId === withNote.id);
    expect(JSON.stringify(proposed)).not.toContain('for you only');
    await act(anna, league.id, withNote.id, 'withdraw').expect(200);
    expect((await act(bruno, league.id, one.id, 'reject').expect(200)).body).toMatchObject({
      status: 'rejected',
      decidedAt: expect.any(String),
    });
    expect((await act(bruno, league.id, one.id, 'accept').expect(409)).body.code).toBe('TRADE_NOT_OPEN');

    const { body: two } = await propose(anna, league.id, { to: carla.user.id, give: [gabbia], take: [], money: -3 * M }).expect(201);
    expect((await act(anna, league.id, two.id, 'withdraw').expect(200)).body.status).toBe('withdrawn');
    expect((await act(carla, league.id, two.id, 'accept').expect(409)).body.code).toBe('TRADE_NOT_OPEN');
    expect((await act(carla, league.id, '00000000-0000-4000-8000-000000000000', 'accept').expect(404)).body.code).toBe('TRADE_NOT_FOUND');
    expect((await act(carla, league.id, 'nope', 'accept').expect(404)).body.code).toBe('TRADE_NOT_FOUND');

    const { body: list } = await http().get(`/api/v1/leagues/${league.id}/trades`).set(auth(carla)).expect(200);
    expect(list.trades.map((t: { status: string }) => t.status)).toEqual(['withdrawn', 'withdrawn', 'rejected']);
    expect(ids((await squads(anna, league.id)).get(anna.user.id))).toEqual([gabbia]); // nothing moved
    const steps = (await events(anna, league.id)).filter((e) => e.type.startsWith('trade.')).map((e) => e.type);
    expect(steps).toEqual(['trade.proposed', 'trade.proposed', 'trade.withdrawn', 'trade.rejected', 'trade.proposed', 'trade.withdrawn']);
  });

  it('bad proposals are refused with a code and store nothing', async () => {
    const {
      league,
      managers: [anna, bruno],
    } = await leagueWith(api, 2, { roster: { size: 3, GK: [0, 1], DEF: [1, 1], MID: [0, 2], FWD: [0, 2] }, budget: 100 * M });
    await assign(anna, league.id, { playerId: gabbia, userId: bruno.user.id, price: 5 * M });
    await assign(anna, league.id, { playerId: balloToure, userId: anna.user.id, price: 5 * M });
    await assign(anna, league.id, { playerId: krunic, userId: anna.user.id, price: 5 * M });
    const refused = async (body: object, status: number) => (await propose(anna, league.id, body).expect(status)).body;
    expect((await refused({ to: bruno.user.id, give: [], take: [] }, 400)).code).toBe('VALIDATION_FAILED');
    expect((await refused({ to: anna.user.id, give: [krunic], take: [] }, 400)).code).toBe('VALIDATION_FAILED');
    expect((await refused({ to: bruno.user.id, give: [krunic, krunic], take: [] }, 400)).code).toBe('VALIDATION_FAILED');
    expect((await refused({ to: bruno.user.id, give: ['krunic'], take: [] }, 400)).code).toBe('VALIDATION_FAILED');
    expect((await refused({ to: bruno.user.id, give: [krunic], take: [], money: 1.5 }, 400)).code).toBe('VALIDATION_FAILED');
    expect((await refused({ to: bruno.user.id, give: [krunic], take: [], expiresAt: 'soon' }, 400)).code).toBe('VALIDATION_FAILED');
    // A time without its zone would be read in the server's: refused.
    const local = new Date(Date.now() + 3_600_000).toISOString().slice(0, 19);
    expect((await refused({ to: bruno.user.id, give: [krunic], take: [], expiresAt: local }, 400)).code).toBe('VALIDATION_FAILED');
    expect((await refused({ to: bruno.user.id, give: [rebic], take: [] }, 409)).code).toBe('PLAYER_NOT_OWNED');
    expect((await refused({ to: bruno.user.id, give: [], take: [krunic] }, 409)).code).toBe('PLAYER_NOT_OWNED');
    const stranger = await registerUser(api);
    expect((await refused({ to: stranger.user.id, give: [krunic], take: [] }, 404)).code).toBe('MEMBER_NOT_FOUND');
    // Bruno holds his one defender: a second would break his quota.
    expect(await refused({ to: bruno.user.id, give: [balloToure], take: [] }, 422)).toMatchObject({
      code: 'TRADE_BREAKS_SQUAD',
      userId: bruno.user.id,
      position: 'DEF',
    });
    // Bruno has €95M and, once Krunić comes, one place to fill at €1M at least: he cannot pay €95M.
    expect(await refused({ to: bruno.user.id, give: [krunic], take: [], money: -95 * M }, 422)).toMatchObject({
      code: 'TRADE_UNAFFORDABLE',
      userId: bruno.user.id,
    });
    const { body: list } = await http().get(`/api/v1/leagues/${league.id}/trades`).set(auth(anna)).expect(200);
    expect(list.trades).toEqual([]);
    expect((await events(anna, league.id)).filter((e) => e.type.startsWith('trade.'))).toEqual([]);
  });

  it('a squad that cannot take it at acceptance refuses it and it stays proposed; once it can, it goes through', async () => {
    const {
      league,
      managers: [anna, bruno],
    } = await leagueWith(api, 2);
    await assign(anna, league.id, { playerId: gabbia, userId: anna.user.id, price: 5 * M });
    const { body: trade } = await propose(anna, league.id, { to: bruno.user.id, give: [gabbia], take: [], money: -250 * M }).expect(201);
    await adjust(anna, league.id, bruno.user.id, -260 * M);
    expect((await act(bruno, league.id, trade.id, 'accept').expect(422)).body).toMatchObject({
      code: 'TRADE_UNAFFORDABLE',
      userId: bruno.user.id,
    });
    expect((await tradeOf(bruno, league.id, trade.id)).status).toBe('proposed');
    await adjust(anna, league.id, bruno.user.id, 260 * M);
    expect((await act(bruno, league.id, trade.id, 'accept').expect(200)).body.status).toBe('executed');
    const after = await squads(anna, league.id);
    expect(after.get(anna.user.id)!.budget).toBe(295 * M + 250 * M);
    expect(after.get(bruno.user.id)!.budget).toBe(50 * M);
  });

  it('a proposal expires at its time, once', async () => {
    const {
      league,
      managers: [anna, bruno],
    } = await leagueWith(api, 2);
    await assign(anna, league.id, { playerId: gabbia, userId: anna.user.id, price: 5 * M });
    const { body: trade } = await propose(anna, league.id, {
      to: bruno.user.id,
      give: [gabbia],
      take: [],
      expiresAt: new Date(Date.now() + 6_000).toISOString(),
    }).expect(201);
    await until(anna, league.id, trade.id, 'expired');
    expect((await act(bruno, league.id, trade.id, 'accept').expect(409)).body).toMatchObject({ code: 'TRADE_NOT_OPEN', status: 'expired' });
    await sleep(1_500);
    expect((await events(anna, league.id)).filter((e) => e.type === 'trade.expired')).toHaveLength(1);
  }, 20_000);

  it("the commissioner's review: a veto stops it; without one it executes when the review ends", async () => {
    const {
      league,
      managers: [anna, bruno, carla],
    } = await leagueWith(api, 3, { market: { tradeReviewSeconds: 4 } });
    await assign(anna, league.id, { playerId: gabbia, userId: bruno.user.id, price: 5 * M });
    await assign(anna, league.id, { playerId: krunic, userId: bruno.user.id, price: 5 * M });
    const { body: one } = await propose(bruno, league.id, { to: carla.user.id, give: [gabbia], take: [], money: -1 * M }).expect(201);
    expect((await act(anna, league.id, one.id, 'veto', { reason: 'too early' }).expect(409)).body.code).toBe('TRADE_NOT_IN_REVIEW');
    const { body: inReview } = await act(carla, league.id, one.id, 'accept').expect(200);
    expect(inReview).toMatchObject({ status: 'accepted', executesAt: expect.any(String) });
    expect(Date.parse(inReview.executesAt) - Date.parse(inReview.decidedAt)).toBe(4_000);
    expect((await act(bruno, league.id, one.id, 'veto', { reason: 'mine' }).expect(403)).body.code).toBe('NOT_COMMISSIONER');
    expect((await act(anna, league.id, one.id, 'veto', {}).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await act(anna, league.id, one.id, 'veto', { reason: 'a gift between friends' }).expect(200)).body).toMatchObject({
      status: 'vetoed',
      reason: 'a gift between friends',
    });
    await sleep(5_000); // past the review's end: nothing moves
    expect(ids((await squads(anna, league.id)).get(bruno.user.id))).toEqual([gabbia, krunic].sort());

    const { body: two } = await propose(bruno, league.id, { to: carla.user.id, give: [krunic], take: [], money: -1 * M }).expect(201);
    await act(carla, league.id, two.id, 'accept').expect(200);
    expect(ids((await squads(anna, league.id)).get(carla.user.id))).toEqual([]); // not yet
    const executed = await until(anna, league.id, two.id, 'executed');
    expect(executed.executesAt).not.toBeNull();
    const after = await squads(anna, league.id);
    expect(ids(after.get(carla.user.id))).toEqual([krunic]);
    expect(after.get(bruno.user.id)!.budget).toBe(290 * M + 1 * M);
    expect((await act(anna, league.id, two.id, 'veto', { reason: 'late' }).expect(409)).body.code).toBe('TRADE_NOT_IN_REVIEW');
    const steps = (await events(anna, league.id)).filter((e) => e.type.startsWith('trade.')).map((e) => e.type);
    expect(steps).toEqual(['trade.proposed', 'trade.accepted', 'trade.vetoed', 'trade.proposed', 'trade.accepted', 'trade.executed']);
  }, 30_000);

  it('two trades racing for the same player: one executes, the other fails cleanly; money counted once', async () => {
    for (let round = 0; round < 5; round += 1) {
      const {
        league,
        managers: [anna, bruno, carla],
      } = await leagueWith(api, 3);
      await assign(anna, league.id, { playerId: gabbia, userId: anna.user.id, price: 5 * M });
      const { body: toBruno } = await propose(anna, league.id, { to: bruno.user.id, give: [gabbia], take: [], money: -3 * M }).expect(201);
      const { body: toCarla } = await propose(anna, league.id, { to: carla.user.id, give: [gabbia], take: [], money: -4 * M }).expect(201);
      const answers = await Promise.all([act(bruno, league.id, toBruno.id, 'accept'), act(carla, league.id, toCarla.id, 'accept')]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const lost = answers.find((a) => a.status === 409)!;
      expect(lost.body.code).toBe('TRADE_NO_LONGER_VALID');
      const brunoWon = answers[0]!.status === 200;
      const [winner, loser, won, failed] = brunoWon ? [bruno, carla, toBruno, toCarla] : [carla, bruno, toCarla, toBruno];
      expect((await tradeOf(anna, league.id, won.id)).status).toBe('executed');
      expect((await tradeOf(anna, league.id, failed.id)).status).toBe('failed');
      const after = await squads(anna, league.id);
      expect(ids(after.get(winner.user.id))).toEqual([gabbia]);
      expect(ids(after.get(loser.user.id))).toEqual([]);
      expect(ids(after.get(anna.user.id))).toEqual([]);
      expect(after.get(anna.user.id)!.budget).toBe(295 * M + (brunoWon ? 3 : 4) * M);
      expect(after.get(winner.user.id)!.budget).toBe(300 * M - (brunoWon ? 3 : 4) * M);
      expect(after.get(loser.user.id)!.budget).toBe(300 * M);
      const steps = (await events(anna, league.id)).filter((e) => e.type === 'trade.executed' || e.type === 'trade.failed');
      expect(steps.map((e) => e.type).sort()).toEqual(['trade.executed', 'trade.failed']);
    }
  }, 60_000);

  it('a trade racing a release of its player: one of them happens, never both', async () => {
    for (let round = 0; round < 5; round += 1) {
      const {
        league,
        managers: [anna, bruno],
      } = await leagueWith(api, 2);
      await assign(anna, league.id, { playerId: gabbia, userId: anna.user.id, price: 6 * M });
      const { body: trade } = await propose(anna, league.id, { to: bruno.user.id, give: [gabbia], take: [] }).expect(201);
      const [accepted, released] = await Promise.all([
        act(bruno, league.id, trade.id, 'accept'),
        http().post(`/api/v1/leagues/${league.id}/releases`).set(auth(anna)).send({ playerId: gabbia }),
      ]);
      const after = await squads(anna, league.id);
      if (accepted.status === 200) {
        expect(released.status).toBe(409);
        expect(ids(after.get(bruno.user.id))).toEqual([gabbia]);
      } else {
        expect(accepted.body.code).toBe('TRADE_NO_LONGER_VALID');
        expect(released.status).toBe(201);
        expect(ids(after.get(bruno.user.id))).toEqual([]);
        expect(after.get(anna.user.id)!.budget).toBe(294 * M + 3 * M);
      }
    }
  }, 60_000);

  it('a restart during the review: the trade executes once, after the process comes back', async () => {
    const {
      league,
      managers: [anna, bruno],
    } = await leagueWith(api, 2, { market: { tradeReviewSeconds: 3 } });
    await assign(anna, league.id, { playerId: gabbia, userId: anna.user.id, price: 5 * M });
    const { body: trade } = await propose(anna, league.id, { to: bruno.user.id, give: [gabbia], take: [], money: -2 * M }).expect(201);
    const { body: accepted } = await act(bruno, league.id, trade.id, 'accept').expect(200);
    await api.close();
    await sleep(Math.max(0, Date.parse(accepted.executesAt) - Date.now()) + 1_000);
    api = await startTestApi({}, db);
    await until(anna, league.id, trade.id, 'executed');
    await sleep(1_500);
    expect((await events(anna, league.id)).filter((e) => e.type === 'trade.executed')).toHaveLength(1);
    expect(ids((await squads(anna, league.id)).get(bruno.user.id))).toEqual([gabbia]);
  }, 30_000);

  it('at most ten proposals waiting per manager', async () => {
    const {
      league,
      managers: [anna, bruno],
    } = await leagueWith(api, 2);
    await assign(anna, league.id, { playerId: gabbia, userId: anna.user.id, price: 5 * M });
    for (let i = 0; i < 10; i += 1) await propose(anna, league.id, { to: bruno.user.id, give: [gabbia], take: [] }).expect(201);
    expect((await propose(anna, league.id, { to: bruno.user.id, give: [gabbia], take: [] }).expect(409)).body).toMatchObject({
      code: 'TOO_MANY_TRADES',
      limit: 10,
    });
  });
});
