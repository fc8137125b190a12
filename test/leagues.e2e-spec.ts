import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auth, leagueWith } from './support/game.js';
import { registerUser, startTestApi, type TestApi } from './support/test-api.js';

describe('leagues', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('creates a league with the contract defaults; the creator is commissioner and first manager', async () => {
    const giulia = await registerUser(api);
    const { body } = await api.http().post('/api/v1/leagues').set(auth(giulia)).send({ name: 'Lega del Bar' }).expect(201);
    expect(body).toMatchObject({
      name: 'Lega del Bar',
      commissionerId: giulia.user.id,
      maxManagers: 10,
      budget: 300_000_000,
      roster: { size: 25, GK: [3, 3], DEF: [8, 8], MID: [8, 8], FWD: [6, 6] },
      auction: { durationSeconds: 60, extendSeconds: 10, minIncrement: 500_000, minPrice: 1_000_000 },
      lastSeq: 1,
    });
    expect(body.inviteCode).toMatch(/^[0-9A-Z]{12}$/);
    const detail = await api.http().get(`/api/v1/leagues/${body.id}`).set(auth(giulia)).expect(200);
    expect(detail.body.managers).toEqual([
      { userId: giulia.user.id, displayName: giulia.displayName, budget: 300_000_000, available: 276_000_000, committed: 0, roster: [] },
    ]);
    const events = await api.http().get(`/api/v1/leagues/${body.id}/events`).query({ after: 0 }).set(auth(giulia)).expect(200);
    expect(events.body.items).toEqual([
      {
        seq: 1,
        leagueId: body.id,
        type: 'member.joined',
        at: expect.any(String),
        data: { userId: giulia.user.id, displayName: giulia.displayName },
      },
    ]);
  });

  it.each([
    ['quotas that cannot fill the roster', { roster: { size: 30 } }, 'roster.size'],
    ['a minimum over its maximum', { roster: { size: 25, GK: [4, 3], DEF: [8, 9] } }, 'roster.GK'],
    ['a budget below size × minPrice', { budget: 10_000_000 }, 'budget'],
    ['too short an auction', { auction: { durationSeconds: 4 } }, 'auction.durationSeconds'],
    ['too long an extension', { auction: { extendSeconds: 3601 } }, 'auction.extendSeconds'],
    ['21 managers', { maxManagers: 21 }, 'maxManagers'],
    ['a float budget', { budget: 1.5 }, 'budget'],
    ['a string budget', { budget: '300' }, 'budget'],
    ['a quota that is not a pair', { roster: { GK: [3] } }, 'roster.GK'],
    ['an unknown rule', { tax: 5 }, 'tax'],
  ])('refuses %s', async (_name, rules, field) => {
    const manager = await registerUser(api);
    const { body } = await api
      .http()
      .post('/api/v1/leagues')
      .set(auth(manager))
      .send({ name: 'X', ...rules })
      .expect(400);
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('joins by invite code once (idempotent), in any case and with dashes', async () => {
    const { league, managers } = await leagueWith(api, 1);
    const luca = await registerUser(api);
    const code = `${league.inviteCode.slice(0, 4)}-${league.inviteCode.slice(4)}`.toLowerCase();
    const first = await api.http().post('/api/v1/leagues/join').set(auth(luca)).send({ inviteCode: code }).expect(201);
    expect(first.body).toMatchObject({ leagueId: league.id, userId: luca.user.id, budget: 300_000_000, available: 276_000_000 });
    await api.http().post('/api/v1/leagues/join').set(auth(luca)).send({ inviteCode: league.inviteCode }).expect(200);
    const mine = await api.http().get('/api/v1/leagues').set(auth(luca)).expect(200);
    expect(mine.body.map((l: { id: string }) => l.id)).toEqual([league.id]);
    const detail = await api.http().get(`/api/v1/leagues/${league.id}`).set(auth(managers[0]!)).expect(200);
    expect(detail.body.managers).toHaveLength(2);
  });

  it('refuses an unknown invite code and a full league', async () => {
    const stranger = await registerUser(api);
    expect((await api.http().post('/api/v1/leagues/join').set(auth(stranger)).send({ inviteCode: 'NOPE' }).expect(404)).body.code).toBe(
      'INVITE_NOT_FOUND',
    );
    const { league } = await leagueWith(api, 2, { maxManagers: 2 });
    expect(
      (await api.http().post('/api/v1/leagues/join').set(auth(stranger)).send({ inviteCode: league.inviteCode }).expect(409)).body.code,
    ).toBe('LEAGUE_FULL');
  });

  it('lets only one of many simultaneous joins take the last seat', async () => {
    const { league } = await leagueWith(api, 2, { maxManagers: 3 });
    const hopefuls = await Promise.all(Array.from({ length: 6 }, () => registerUser(api)));
    const answers = await Promise.all(
      hopefuls.map((h) => api.http().post('/api/v1/leagues/join').set(auth(h)).send({ inviteCode: league.inviteCode })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
  });

  it('shows a league only to its managers', async () => {
    const { league } = await leagueWith(api, 1);
    const stranger = await registerUser(api);
    for (const route of [
      `/api/v1/leagues/${league.id}`,
      `/api/v1/leagues/${league.id}/events`,
      `/api/v1/leagues/${league.id}/auctions`,
      '/api/v1/leagues/not-a-uuid',
    ]) {
      const response = await api.http().get(route).set(auth(stranger)).expect(404);
      expect(response.body.code).toBe('LEAGUE_NOT_FOUND');
    }
  });

  it('refuses NUL characters and clamps absurd numbers instead of failing in SQL', async () => {
    const { league, managers } = await leagueWith(api, 1);
    const m = managers[0]!;
    expect((await api.http().post('/api/v1/leagues').set(auth(m)).send({ name: 'a\u0000b' }).expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await api.http().post('/api/v1/leagues/join').set(auth(m)).send({ inviteCode: '\u0000' }).expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await api.http().get('/api/v1/players').query({ q: 'ka\u0000lulu' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect(
      (await api.http().get(`/api/v1/leagues/${league.id}/events`).query({ after: '1e20' }).set(auth(m)).expect(200)).body.items,
    ).toEqual([]);
    const list = await api
      .http()
      .get(`/api/v1/leagues/${league.id}/auctions`)
      .query({ limit: 5000, status: 'open' })
      .set(auth(m))
      .expect(200);
    expect(list.body.items).toEqual([]);
  });

  it('clamps the events limit and rejects a non-numeric after', async () => {
    const { league, managers } = await leagueWith(api, 3);
    const all = await api
      .http()
      .get(`/api/v1/leagues/${league.id}/events`)
      .query({ after: -5, limit: 5000 })
      .set(auth(managers[0]!))
      .expect(200);
    expect(all.body.items.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3]);
    const page = await api
      .http()
      .get(`/api/v1/leagues/${league.id}/events`)
      .query({ after: 1, limit: 1 })
      .set(auth(managers[0]!))
      .expect(200);
    expect(page.body.items.map((e: { seq: number }) => e.seq)).toEqual([2]);
    expect(
      (await api.http().get(`/api/v1/leagues/${league.id}/events`).query({ after: 'x' }).set(auth(managers[0]!)).expect(400)).body.code,
    ).toBe('VALIDATION_FAILED');
  });
});
