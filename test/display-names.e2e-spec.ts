import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auth, playerId, moves } from './support/game.js';
import { registerUser, startTestApi, type TestApi } from './support/test-api.js';

/** Finding 7 of the hardening issue: nobody can pass for another manager in a room. */
describe('names you can trust', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const createLeague = async (owner: { token: string }, body: Record<string, unknown> = {}) =>
    (
      await api
        .http()
        .post('/api/v1/leagues')
        .set(auth(owner))
        .send({ name: 'Lega dei Nomi', ...body })
        .expect(201)
    ).body;
  const join = (who: { token: string }, inviteCode: string, nickname?: string) =>
    api
      .http()
      .post('/api/v1/leagues/join')
      .set(auth(who))
      .send(nickname === undefined ? { inviteCode } : { inviteCode, nickname });

  it('strips bidi, zero-width and control characters and the spaces around a display name', async () => {
    const alice = await registerUser(api, { displayName: ' alice\u202e\u200b\u0007 ' });
    expect(alice.user.displayName).toBe('alice');
    const me = await api.http().get('/api/v1/me').set(auth(alice)).expect(200);
    expect(me.body.displayName).toBe('alice');
  });

  it.each([
    ['one visible character', 'A'],
    ['only invisible characters', '\u200b\u202e\u2066'],
    ['33 characters', 'x'.repeat(33)],
    ['a letter drowned in combining marks', 'e' + '\u0301'.repeat(70)],
  ])('refuses a display name of %s with 400 VALIDATION_FAILED', async (_case, displayName) => {
    const response = await api
      .http()
      .post('/api/v1/auth/register')
      .send({ email: `n${Date.now()}@example.com`, password: 'correct horse battery', displayName });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.fields.map((f: { field: string }) => f.field)).toEqual(['displayName']);
  });

  it('refuses a second manager whose name differs only by case or accents: 409 DISPLAY_NAME_TAKEN, nothing joined', async () => {
    const jose = await registerUser(api, { displayName: 'José' });
    const league = await createLeague(jose);
    const copycat = await registerUser(api, { displayName: 'JOSE' });
    const refused = await join(copycat, league.inviteCode);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'DISPLAY_NAME_TAKEN', displayName: 'JOSE' });
    const sneaky = await registerUser(api, { displayName: 'jose\u0301' });
    expect((await join(sneaky, league.inviteCode)).body.code).toBe('DISPLAY_NAME_TAKEN');

    const detail = await api.http().get(`/api/v1/leagues/${league.id}`).set(auth(jose)).expect(200);
    expect(detail.body.managers.map((m: { displayName: string }) => m.displayName)).toEqual(['José']);
    const events = await api.http().get(`/api/v1/leagues/${league.id}/events`).set(auth(jose)).expect(200);
    expect(events.body.items.map((e: { type: string }) => e.type)).toEqual(['member.joined']);
  });

  it('a league nickname lets a namesake in, and is the name the whole room sees', async () => {
    const marco = await registerUser(api, { displayName: 'Marco' });
    const league = await createLeague(marco, { nickname: 'Il Presidente' });
    const president = await registerUser(api, { displayName: 'il presidente' });
    expect((await join(president, league.inviteCode)).body.code).toBe('DISPLAY_NAME_TAKEN');
    const otherMarco = await registerUser(api, { displayName: 'Marco' });
    const joined = await join(otherMarco, league.inviteCode, '  Marco\u200b dal Bar ').expect(201);
    expect(joined.body.displayName).toBe('Marco dal Bar');
    expect((await join(otherMarco, league.inviteCode, 'Il Presidente')).status).toBe(200); // already a member: harmless, unchanged

    const detail = await api.http().get(`/api/v1/leagues/${league.id}`).set(auth(marco)).expect(200);
    expect(detail.body.managers.map((m: { displayName: string }) => m.displayName)).toEqual(['Il Presidente', 'Marco dal Bar']);

    const auction = await moves(api)
      .open(marco, league.id, { playerId: await playerId(api, 'Pierre Kalulu') })
      .expect(201);
    const bid = await api
      .http()
      .post(`/api/v1/auctions/${auction.body.id}/bids`)
      .set(auth(otherMarco))
      .send({ amount: auction.body.openingPrice })
      .expect(201);
    expect(bid.body.auction.highBidder.displayName).toBe('Marco dal Bar');
    const read = await api.http().get(`/api/v1/auctions/${auction.body.id}`).set(auth(marco)).expect(200);
    expect(read.body.bids[0].bidder.displayName).toBe('Marco dal Bar');
  });

  it('refuses a nickname that is not a valid name', async () => {
    const owner = await registerUser(api);
    const league = await createLeague(owner);
    const response = await join(await registerUser(api), league.inviteCode, '\u202e');
    expect(response.status).toBe(400);
    expect(response.body.fields.map((f: { field: string }) => f.field)).toEqual(['nickname']);
  });
});
