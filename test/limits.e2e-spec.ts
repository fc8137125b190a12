import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { auth, leagueWith, playerId } from './support/game.js';
import { LiveClient } from './support/live-client.js';
import { REDIS_URL, describeWithRedis as withRedis } from './support/redis.js';
import { registerUser, startTestApi, type TestApi } from './support/test-api.js';

/** Finding 6 of the hardening issue: limits that hold across processes and cannot be talked around. */
describe('limits', () => {
  const started: TestApi[] = [];
  const start = async (env: Record<string, string>, db?: TestApi['db']) => {
    const api = await startTestApi(env, db);
    started.unshift(api);
    return api;
  };
  afterEach(async () => {
    for (const api of started.splice(0)) await api.close();
  });

  const login = (api: TestApi, email: string, password: string, forwardedFor?: string) => {
    const request = api.http().post('/api/v1/auth/login');
    if (forwardedFor) request.set('X-Forwarded-For', forwardedFor);
    return request.send({ email, password });
  };

  it('logins are limited per account, whichever address they come from; a success clears the count', async () => {
    const api = await start({ RATE_LIMIT_LOGIN: '3', TRUST_PROXY: '1' });
    const giulia = await registerUser(api);
    for (const address of ['10.0.0.1', '10.0.0.2']) expect((await login(api, giulia.email, 'wrong password!', address)).status).toBe(401);
    expect((await login(api, giulia.email, giulia.password, '10.0.0.3')).status).toBe(200); // clears the two failures
    for (const address of ['10.0.0.4', '10.0.0.5', '10.0.0.6'])
      expect((await login(api, giulia.email, 'wrong password!', address)).status).toBe(401);
    const refused = await login(api, giulia.email.toUpperCase(), giulia.password, '10.0.0.7');
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it("TRUST_PROXY as a hop count believes only the proxy's own entry, not what the client wrote before it", async () => {
    const api = await start({ RATE_LIMIT_AUTH: '2', TRUST_PROXY: '1' });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      // The client invents a new address each time; the proxy (here: the test) appends the real one.
      statuses.push((await login(api, 'nobody@example.com', 'whatever-password', `203.0.113.${i}, 198.51.100.7`)).status);
    }
    expect(statuses).toEqual([401, 401, 429]);
  });

  it('LIMIT_LEAGUES_PER_DAY: simultaneous creations by one user are counted one after another', async () => {
    const api = await start({ LIMIT_LEAGUES_PER_DAY: '2' });
    const owner = await registerUser(api);
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        api
          .http()
          .post('/api/v1/leagues')
          .set(auth(owner))
          .send({ name: `Lega ${i}` }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 429, 429, 429, 429]);
    const refused = answers.find((a) => a.status === 429)!;
    expect(refused.body.code).toBe('TOO_MANY_LEAGUES');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(80_000); // about a day
    expect((await api.http().get('/api/v1/leagues').set(auth(owner))).body).toHaveLength(2);
    // Another user is not affected.
    await api
      .http()
      .post('/api/v1/leagues')
      .set(auth(await registerUser(api)))
      .send({ name: 'Altra lega' })
      .expect(201);
  });

  it('LIMIT_OPEN_AUCTIONS_PER_LEAGUE: a manager cannot flood a league with open auctions', async () => {
    const api = await start({ LIMIT_OPEN_AUCTIONS_PER_LEAGUE: '2' });
    const { league, managers } = await leagueWith(api, 2);
    const [anna, bruno] = managers;
    const names = ['Pierre Kalulu', 'Sandro Tonali', 'Rafael Leao', 'Theo Hernandez'];
    const ids = await Promise.all(names.map((n) => playerId(api, n)));
    const opened = await Promise.all(
      ids.slice(0, 3).map((id) => api.http().post(`/api/v1/leagues/${league.id}/auctions`).set(auth(anna)).send({ playerId: id })),
    );
    expect(opened.map((a) => a.status).sort()).toEqual([201, 201, 409]);
    expect(opened.find((a) => a.status === 409)!.body).toMatchObject({ code: 'TOO_MANY_OPEN_AUCTIONS', limit: 2 });
    await api.http().post(`/api/v1/leagues/${league.id}/auctions`).set(auth(bruno)).send({ playerId: ids[3] }).expect(201);
  });

  it('every socket message pays RATE_LIMIT_SOCKET; a join weighs five; over it the ack says RATE_LIMITED and the socket stays usable', async () => {
    const api = await start({ RATE_LIMIT_SOCKET: '10' });
    const { league, managers } = await leagueWith(api, 2);
    const client = new LiveClient(api.url, managers[0]!.token);
    try {
      await client.connected();
      const acks = [];
      for (let i = 0; i < 3; i += 1) acks.push(await client.request('league.join', { leagueId: league.id, afterSeq: 0 }));
      expect(acks.map((a) => a.ok)).toEqual([true, true, false]);
      expect(acks[2].error).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 1 });
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await client.request('league.join', { leagueId: league.id })).ok).toBe(true);
    } finally {
      client.close();
    }
  });
});

const describeWithRedis = await withRedis('cross-process limits suite');

describeWithRedis('limits across processes (REDIS_URL)', () => {
  let apps: TestApi[] = [];
  afterAll(async () => {
    for (const api of apps.reverse()) await api.close();
  });

  it('two processes share one count: RATE_LIMIT_AUTH is per deployment, not per process', async () => {
    const first = await startTestApi({ REDIS_URL, RATE_LIMIT_AUTH: '3' });
    const second = await startTestApi({ REDIS_URL, RATE_LIMIT_AUTH: '3' }, first.db);
    apps = [first, second];
    const statuses: number[] = [];
    for (const api of [first, second, first, second]) {
      statuses.push(
        (await api.http().post('/api/v1/auth/login').send({ email: 'nobody@example.com', password: 'whatever-password' })).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});
