import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { Sessions } from '../libs/auth/src/index.js';
import { auth, leagueWith } from './support/game.js';
import { LiveClient } from './support/live-client.js';
import { registerUser, startTestApi, type TestApi } from './support/test-api.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const claims = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sid: string; exp: number; iat: number };

describe('sessions: rotating refresh tokens, logout, and the sockets of an ended session', () => {
  let api: TestApi;
  const clients: LiveClient[] = [];
  const client = (token: string) => {
    const c = new LiveClient(api.url, token);
    clients.push(c);
    return c;
  };
  const refresh = (refreshToken: unknown) => api.http().post('/api/v1/auth/refresh').send({ refreshToken });
  const logout = (refreshToken: unknown) => api.http().post('/api/v1/auth/logout').send({ refreshToken });
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });
  afterAll(() => api.close());

  it('access tokens live JWT_TTL_SECONDS (900 by default) and name their session', async () => {
    const manager = await registerUser(api);
    const { sid, exp, iat } = claims(manager.token);
    expect(exp - iat).toBe(900);
    expect(sid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refresh rotates: a new pair for the same session, and the old refresh token is spent', async () => {
    const manager = await registerUser(api);
    const first = await refresh(manager.refreshToken).expect(200);
    expect(first.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), user: manager.user });
    expect(first.body.refreshToken).not.toBe(manager.refreshToken);
    expect(claims(first.body.accessToken).sid).toBe(claims(manager.token).sid);
    expect((await api.http().get('/api/v1/me').set('Authorization', `Bearer ${first.body.accessToken}`).expect(200)).body.id).toBe(
      manager.user.id,
    );
    // The next refresh works with the newest token.
    const second = await refresh(first.body.refreshToken).expect(200);
    expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
  });

  it('reusing a spent refresh token ends the whole session: the newer token stops working, its socket is dropped', async () => {
    const manager = await registerUser(api);
    const rotated = (await refresh(manager.refreshToken).expect(200)).body;
    const socket = client(rotated.accessToken);
    await socket.connected();

    const reuse = await refresh(manager.refreshToken).expect(401);
    expect(reuse.body).toEqual({ statusCode: 401, code: 'SESSION_REVOKED', message: expect.any(String) });
    expect((await refresh(rotated.refreshToken).expect(401)).body.code).toBe('SESSION_REVOKED');
    await socket.waitFor((r) => r.name === 'session.expired');
    expect(socket.received.find((r) => r.name === 'session.expired')!.payload).toEqual({ reason: 'revoked' });
    expect(await socket.disconnected()).toBe('io server disconnect');
    // The ended session's access token opens no new socket either.
    expect((await client(rotated.accessToken).refused()).data?.code).toBe('SESSION_REVOKED');
    // Another sign-in of the same manager is a session of its own, untouched.
    const again = await api.http().post('/api/v1/auth/login').send({ email: manager.email, password: manager.password }).expect(200);
    await refresh(again.body.refreshToken).expect(200);
  });

  it('of simultaneous refreshes with one token exactly one succeeds, and the others end the session', async () => {
    const manager = await registerUser(api);
    const answers = await Promise.all(Array.from({ length: 6 }, () => refresh(manager.refreshToken)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401, 401, 401, 401, 401]);
    for (const answer of answers.filter((a) => a.status === 401)) expect(answer.body.code).toBe('SESSION_REVOKED');
    const winner = answers.find((a) => a.status === 200)!;
    expect((await refresh(winner.body.refreshToken).expect(401)).body.code).toBe('SESSION_REVOKED');

    // Over HTTP the requests may arrive one after another; straight to the database they collide.
    const sessions = api.app.get(Sessions);
    for (let round = 0; round < 5; round += 1) {
      const { refreshToken } = await registerUser(api);
      const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => sessions.rotate(refreshToken)));
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    }
  });

  it('logout ends the session: 204, its socket is told session.expired and dropped, other sessions live on', async () => {
    const { league, managers } = await leagueWith(api, 2);
    const [anna, bruno] = managers;
    const phone = await api.http().post('/api/v1/auth/login').send({ email: anna.email, password: anna.password }).expect(200);
    const laptopLive = client(anna.token);
    const phoneLive = client(phone.body.accessToken);
    const brunoLive = client(bruno.token);
    await Promise.all([laptopLive.connected(), phoneLive.connected(), brunoLive.connected()]);
    for (const c of [laptopLive, phoneLive, brunoLive])
      expect(await c.request('league.join', { leagueId: league.id })).toMatchObject({ ok: true });

    await logout(anna.refreshToken).expect(204);
    const told = await laptopLive.waitFor((r) => r.name === 'session.expired');
    expect(told.payload).toEqual({ reason: 'revoked' });
    expect(await laptopLive.disconnected()).toBe('io server disconnect');

    // Anna's other sign-in and Bruno are untouched and still live.
    expect(phoneLive.socket.connected && brunoLive.socket.connected).toBe(true);
    expect(phoneLive.received.some((r) => r.name === 'session.expired')).toBe(false);
    expect(await phoneLive.request('league.join', { leagueId: league.id })).toMatchObject({ ok: true });

    expect((await refresh(anna.refreshToken).expect(401)).body.code).toBe('SESSION_REVOKED');
    await logout(anna.refreshToken).expect(204); // ending it again is harmless
    expect((await client(anna.token).refused()).data?.code).toBe('SESSION_REVOKED');
  });

  it('refuses bad refresh and logout bodies with a stable code, changing nothing', async () => {
    for (const send of [refresh, logout]) {
      expect((await send('not-a-token').expect(401)).body.code).toBe('INVALID_REFRESH_TOKEN');
      for (const bad of [undefined, 42, '', { $ne: null }, ['x']])
        expect((await send(bad).expect(400)).body.code).toBe('VALIDATION_FAILED');
    }
    const extra = await api.http().post('/api/v1/auth/refresh').send({ refreshToken: 'x', userId: 'y' }).expect(400);
    expect(extra.body.code).toBe('VALIDATION_FAILED');
  });

  it('the hourly sweep deletes tokens expired over a day ago and sessions left without any, nothing live', async () => {
    const old = await registerUser(api);
    const live = await registerUser(api);
    const client = new pg.Client({ connectionString: api.db.url });
    await client.connect();
    try {
      const { sid } = claims(old.token);
      await client.query(`UPDATE auth_sessions SET created_at = now() - interval '40 days' WHERE id = $1`, [sid]);
      await client.query(
        `UPDATE refresh_tokens SET created_at = now() - interval '40 days', expires_at = now() - interval '2 days' WHERE session_id = $1`,
        [sid],
      );
      await api.app.get(Sessions).sweep();
      const left = await client.query('SELECT id FROM auth_sessions WHERE id = ANY($1::uuid[])', [[sid, claims(live.token).sid]]);
      expect(left.rows).toEqual([{ id: claims(live.token).sid }]);
      await refresh(live.refreshToken).expect(200);
      expect((await refresh(old.refreshToken).expect(401)).body.code).toBe('INVALID_REFRESH_TOKEN');
    } finally {
      await client.end();
    }
  });

  it('the session route needs no access token, and is documented', async () => {
    const { body } = await api.http().get('/api/docs/openapi.json').expect(200);
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/refresh', '/api/v1/auth/logout']));
    expect(body.components.schemas.SessionDto.required).toEqual(expect.arrayContaining(['accessToken', 'refreshToken', 'user']));
    expect(body.components.schemas.UserDto.properties.role.enum).toEqual(['user', 'admin']);
  });
});

describe('sessions that run out (short lifetimes)', () => {
  let api: TestApi;
  const clients: LiveClient[] = [];
  beforeAll(async () => {
    api = await startTestApi({ JWT_TTL_SECONDS: '2', REFRESH_TTL_SECONDS: '3' });
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });
  afterAll(() => api.close());

  it('a socket is told session.expired and disconnected when its access token expires; a refreshed token reconnects', async () => {
    const { league, managers } = await leagueWith(api, 1);
    const anna = managers[0]!;
    const live = new LiveClient(api.url, anna.token);
    clients.push(live);
    await live.connected();
    expect(await live.request('league.join', { leagueId: league.id })).toMatchObject({ ok: true });
    const expiresAt = claims(anna.token).exp * 1000;

    const told = await live.waitFor((r) => r.name === 'session.expired', 5_000);
    expect(told.payload).toEqual({ reason: 'expired' });
    expect(await live.disconnected()).toBe('io server disconnect');
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt - 50);

    // Over HTTP the same token is now 401 TOKEN_EXPIRED; the refresh token still gets a new pair.
    const expired = await api.http().get('/api/v1/me').set(auth(anna)).expect(401);
    expect(expired.body.code).toBe('TOKEN_EXPIRED');
    const stale = new LiveClient(api.url, anna.token);
    clients.push(stale);
    expect((await stale.refused()).data?.code).toBe('TOKEN_EXPIRED');
    const fresh = await api.http().post('/api/v1/auth/refresh').send({ refreshToken: anna.refreshToken }).expect(200);
    const again = new LiveClient(api.url, fresh.body.accessToken);
    clients.push(again);
    await again.connected();
    expect(await again.request('league.join', { leagueId: league.id, afterSeq: 0 })).toMatchObject({ ok: true });
  });

  it('a refresh token unused for REFRESH_TTL_SECONDS is refused SESSION_EXPIRED', async () => {
    const manager = await registerUser(api);
    await sleep(3_200);
    const late = await api.http().post('/api/v1/auth/refresh').send({ refreshToken: manager.refreshToken }).expect(401);
    expect(late.body.code).toBe('SESSION_EXPIRED');
  });
});
