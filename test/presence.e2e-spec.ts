import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { leagueWith } from './support/game.js';
import { LiveClient } from './support/live-client.js';
import { REDIS_URL, describeWithRedis as withRedis } from './support/redis.js';
import { startTestApi, type TestApi } from './support/test-api.js';

/** The members in a league's room now, announced to the room as they come and go. */
const lastPresence = (client: LiveClient) =>
  [...client.received].reverse().find((r) => r.name === 'presence')?.payload.userIds as string[] | undefined;
const waitForPresence = async (client: LiveClient, expected: string[]) => {
  const want = [...expected].sort();
  for (const started = Date.now(); Date.now() - started < 10_000; await new Promise((r) => setTimeout(r, 20))) {
    if (JSON.stringify(lastPresence(client)) === JSON.stringify(want)) return;
  }
  throw new Error(`presence is ${JSON.stringify(lastPresence(client))}, expected ${JSON.stringify(want)}`);
};

describe('presence in the room', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('joining, a second tab, leaving and dropping: everyone in the room hears who is in it', async () => {
    const { league, managers } = await leagueWith(api, 3);
    const [anna, bruno, carla] = managers;
    const a = new LiveClient(api.url, anna.token);
    const b = new LiveClient(api.url, bruno.token);
    const b2 = new LiveClient(api.url, bruno.token);
    const outsider = new LiveClient(api.url, carla.token); // a member who never joins the room
    try {
      await Promise.all([a.connected(), b.connected(), b2.connected(), outsider.connected()]);
      await a.request('league.join', { leagueId: league.id, afterSeq: 0 });
      await waitForPresence(a, [anna.user.id]);
      await b.request('league.join', { leagueId: league.id, afterSeq: 0 });
      await b2.request('league.join', { leagueId: league.id, afterSeq: 0 });
      await waitForPresence(a, [anna.user.id, bruno.user.id]); // one entry per manager, whatever his tabs
      await waitForPresence(b, [anna.user.id, bruno.user.id]);
      b.close(); // one of Bruno's tabs goes: he is still here
      await new Promise((r) => setTimeout(r, 400));
      expect(lastPresence(a)).toEqual([anna.user.id, bruno.user.id].sort());
      await b2.request('league.leave', { leagueId: league.id });
      await waitForPresence(a, [anna.user.id]);
      expect(outsider.received.filter((r) => r.name === 'presence')).toEqual([]); // not in the room, told nothing
    } finally {
      for (const c of [a, b, b2, outsider]) c.close();
    }
  });
});

const describeWithRedis = await withRedis('presence across processes');

describeWithRedis('presence across two API processes (Redis adapter)', () => {
  let apps: TestApi[] = [];
  beforeAll(async () => {
    const first = await startTestApi({ REDIS_URL });
    apps = [first, await startTestApi({ REDIS_URL }, first.db)];
  });
  afterAll(async () => {
    await apps[1]?.close();
    await apps[0]?.close();
  });

  it('a manager on one process sees who joins on the other, and when he goes', async () => {
    const [one, two] = apps as [TestApi, TestApi];
    const { league, managers } = await leagueWith(one, 2);
    const [anna, bruno] = managers;
    const a = new LiveClient(one.url, anna.token);
    const b = new LiveClient(two.url, bruno.token);
    try {
      await Promise.all([a.connected(), b.connected()]);
      await a.request('league.join', { leagueId: league.id, afterSeq: 0 });
      await b.request('league.join', { leagueId: league.id, afterSeq: 0 });
      await waitForPresence(a, [anna.user.id, bruno.user.id]);
      await waitForPresence(b, [anna.user.id, bruno.user.id]);
      b.close();
      await waitForPresence(a, [anna.user.id]);
    } finally {
      a.close();
      b.close();
    }
  });
});
