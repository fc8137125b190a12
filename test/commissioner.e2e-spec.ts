import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auth, leagueWith, moves, playerId, type Manager } from './support/game.js';
import { registerUser, startTestApi, type TestApi } from './support/test-api.js';

/** The commissioner's tools: each an audited league event, only the commissioner may, bad input changes nothing. */
describe("the commissioner's tools", () => {
  let api: TestApi;
  let league: { id: string; inviteCode: string };
  let anna: Manager;
  let bruno: Manager;
  let carla: Manager;
  let gabbia: string;
  const { open, events } = moves(() => api);
  const tool = (who: Manager, action: string, body: object) =>
    api.http().post(`/api/v1/leagues/${league.id}/commissioner/${action}`).set(auth(who)).send(body);
  const managerOf = async (who: Manager) => {
    const { body } = await api.http().get(`/api/v1/leagues/${league.id}`).set(auth(who)).expect(200);
    return (userId: string) => body.managers.find((m: { userId: string }) => m.userId === userId);
  };

  beforeAll(async () => {
    api = await startTestApi();
    ({
      league,
      managers: [anna, bruno, carla],
    } = await leagueWith(api, 3));
    gabbia = await playerId(api, 'Matteo Gabbia');
  });
  afterAll(() => api.close());

  it('refuses a stranger with 404 and a manager who is not the commissioner with 403 NOT_COMMISSIONER, changing nothing', async () => {
    const stranger = await registerUser(api);
    expect((await tool(stranger, 'budget', { userId: bruno.user.id, delta: 1, reason: 'x' }).expect(404)).body.code).toBe(
      'LEAGUE_NOT_FOUND',
    );
    const refused = await tool(bruno, 'budget', { userId: bruno.user.id, delta: 50_000_000, reason: 'I deserve it' }).expect(403);
    expect(refused.body.code).toBe('NOT_COMMISSIONER');
    expect((await managerOf(anna))(bruno.user.id).budget).toBe(300_000_000);
  });

  it('assigns a player at a price: the manager pays, his roster has him, the log says who and why', async () => {
    const { body } = await tool(anna, 'assign', {
      playerId: gabbia,
      userId: bruno.user.id,
      price: 4_000_000,
      reason: 'bid at the table',
    }).expect(201);
    expect(body.event).toMatchObject({
      type: 'player.assigned',
      data: {
        playerId: gabbia,
        playerName: 'Matteo Gabbia',
        position: 'DEF',
        userId: bruno.user.id,
        price: 4_000_000,
        by: anna.user.id,
        reason: 'bid at the table',
      },
    });
    const b = (await managerOf(bruno))(bruno.user.id);
    expect(b).toMatchObject({
      budget: 296_000_000,
      roster: [{ player: { id: gabbia, name: 'Matteo Gabbia', position: 'DEF' }, price: 4_000_000 }],
    });
    expect((await events(bruno, league.id)).at(-1)).toMatchObject({ type: 'player.assigned', seq: body.event.seq });
    // He is owned now: no auction, no second assignment.
    expect((await open(carla, league.id, { playerId: gabbia }).expect(409)).body.code).toBe('PLAYER_UNAVAILABLE');
    expect((await tool(anna, 'assign', { playerId: gabbia, userId: carla.user.id, price: 1, reason: 'again' }).expect(409)).body.code).toBe(
      'PLAYER_UNAVAILABLE',
    );
  });

  it('keeps the rules of a purchase: budget, quotas, a member, a real player', async () => {
    const kjaer = await playerId(api, 'Simon Kjær');
    const over = await tool(anna, 'assign', { playerId: kjaer, userId: carla.user.id, price: 280_000_000, reason: 'too much' }).expect(422);
    expect(over.body).toMatchObject({ code: 'INSUFFICIENT_BUDGET', available: 276_000_000 });
    const stranger = await registerUser(api);
    expect((await tool(anna, 'assign', { playerId: kjaer, userId: stranger.user.id, price: 1, reason: 'x' }).expect(404)).body.code).toBe(
      'MEMBER_NOT_FOUND',
    );
    const nobody = '00000000-0000-4000-8000-000000000000';
    expect((await tool(anna, 'assign', { playerId: nobody, userId: carla.user.id, price: 1, reason: 'x' }).expect(404)).body.code).toBe(
      'PLAYER_NOT_FOUND',
    );

    const small = await leagueWith(api, 2, { roster: { size: 2, GK: [0, 1], DEF: [1, 1], MID: [0, 1], FWD: [0, 1] } });
    const [boss, other] = small.managers;
    const gk = async (name: string) =>
      api
        .http()
        .post(`/api/v1/leagues/${small.league.id}/commissioner/assign`)
        .set(auth(boss))
        .send({ playerId: await playerId(api, name), userId: other.user.id, price: 1_000_000, reason: 'table' });
    expect((await gk('Ciprian Tatarusanu')).status).toBe(201);
    // A second keeper breaks GK at most 1; a midfielder would leave no place for the one defender he must have.
    expect((await gk('Antonio Mirante')).body).toMatchObject({ code: 'POSITION_FULL', position: 'GK' });
    expect((await gk('Rade Krunić')).body).toMatchObject({ code: 'POSITION_FULL', position: 'MID' });
  });

  it('undoes a sale: the buyer is refunded, the player returns to the pool and can be auctioned again', async () => {
    const { body } = await tool(anna, 'undo-sale', { playerId: gabbia, reason: 'entered for the wrong manager' }).expect(201);
    expect(body.event).toMatchObject({
      type: 'sale.undone',
      data: { playerId: gabbia, userId: bruno.user.id, price: 4_000_000, by: anna.user.id },
    });
    expect((await managerOf(bruno))(bruno.user.id)).toMatchObject({ budget: 300_000_000, roster: [] });
    expect((await tool(anna, 'undo-sale', { playerId: gabbia, reason: 'twice' }).expect(409)).body.code).toBe('PLAYER_NOT_OWNED');
    await open(carla, league.id, { playerId: gabbia }).expect(201);
  });

  it('adjusts a budget, never below what leading bids and empty places need', async () => {
    const { body } = await tool(anna, 'budget', { userId: carla.user.id, delta: 5_000_000, reason: 'won the prediction game' }).expect(201);
    expect(body.event).toMatchObject({ type: 'budget.adjusted', data: { userId: carla.user.id, delta: 5_000_000, budget: 305_000_000 } });
    const low = await tool(anna, 'budget', { userId: carla.user.id, delta: -300_000_000, reason: 'penalty' }).expect(422);
    expect(low.body).toMatchObject({ code: 'BUDGET_TOO_LOW', least: -280_000_000 }); // 305M − 25 empty places × €1M
    expect((await managerOf(anna))(carla.user.id).budget).toBe(305_000_000);
    // Never past the most a league's budget may be: 400, not an overflow.
    const high = await tool(anna, 'budget', { userId: carla.user.id, delta: 1_000_000_000_000, reason: 'jackpot' }).expect(400);
    expect(high.body).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'delta' }] });
  });

  it('refuses bad input with 400 and changes nothing', async () => {
    for (const [action, bad] of [
      ['budget', { userId: carla.user.id, delta: 0, reason: 'zero' }],
      ['budget', { userId: carla.user.id, delta: 1.5, reason: 'half' }],
      ['budget', { userId: carla.user.id, delta: 1 }],
      ['budget', { userId: carla.user.id, delta: 1, reason: '   ' }],
      ['assign', { playerId: 'nope', userId: carla.user.id, price: 1, reason: 'x' }],
      ['undo-sale', { reason: 'x' }],
      ['hand-over', { userId: anna.user.id, reason: 'to myself' }],
    ] as const) {
      expect((await tool(anna, action, bad).expect(400)).body.code).toBe('VALIDATION_FAILED');
    }
    expect((await managerOf(anna))(carla.user.id).budget).toBe(305_000_000);
  });

  it('hands the role over: the new commissioner may, the old one may not', async () => {
    const { body } = await tool(anna, 'hand-over', { userId: bruno.user.id, reason: 'Anna is away for the season' }).expect(201);
    expect(body.event).toMatchObject({ type: 'commissioner.changed', data: { from: anna.user.id, to: bruno.user.id, by: anna.user.id } });
    expect((await api.http().get(`/api/v1/leagues/${league.id}`).set(auth(anna))).body.commissionerId).toBe(bruno.user.id);
    expect((await tool(anna, 'budget', { userId: anna.user.id, delta: 1, reason: 'x' }).expect(403)).body.code).toBe('NOT_COMMISSIONER');
    await tool(bruno, 'budget', { userId: anna.user.id, delta: 1, reason: 'first act' }).expect(201);
  });
});

describe('the daily cap on creating leagues counts who created them, not who is commissioner now', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ LIMIT_LEAGUES_PER_DAY: '1' });
  });
  afterAll(() => api.close());

  it('handing a league over neither frees the creator from the cap nor charges the new commissioner', async () => {
    const anna = await registerUser(api);
    const bruno = await registerUser(api);
    const { body: league } = await api.http().post('/api/v1/leagues').set(auth(anna)).send({ name: 'Prima' }).expect(201);
    await api.http().post('/api/v1/leagues/join').set(auth(bruno)).send({ inviteCode: league.inviteCode }).expect(201);
    await api
      .http()
      .post(`/api/v1/leagues/${league.id}/commissioner/hand-over`)
      .set(auth(anna))
      .send({ userId: bruno.user.id, reason: 'to dodge the cap' })
      .expect(201);
    expect((await api.http().post('/api/v1/leagues').set(auth(anna)).send({ name: 'Seconda' }).expect(429)).body.code).toBe(
      'TOO_MANY_LEAGUES',
    );
    await api.http().post('/api/v1/leagues').set(auth(bruno)).send({ name: 'Di Bruno' }).expect(201);
  });
});
