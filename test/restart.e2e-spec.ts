import { afterAll, describe, expect, it } from '@jest/globals';
import { freePort } from './support/global-setup.mjs';
import { ApiProcess } from './support/api-process.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The process dies mid-auction (kill -9) and comes back after the deadline: closed once, right winner. */
describe('closing survives a crash', () => {
  let db: TestDatabase | undefined;
  const processes: ApiProcess[] = [];
  afterAll(async () => {
    for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) await p.stop('SIGTERM');
    await db?.drop();
  });

  it('closes an auction whose deadline passed while no process ran, exactly once', async () => {
    db = await createTestDatabase();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}/api/v1`;
    const env = {
      DATABASE_URL: db.url,
      PORT: String(port),
      JWT_SECRET: 'restart-secret-restart-secret-restart-secret',
      RATE_LIMIT_AUTH: '0',
    };
    const call = async (method: string, route: string, token?: string, body?: unknown) => {
      const response = await fetch(`${base}${route}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as any };
    };
    const start = async () => {
      const api = new ApiProcess(env);
      processes.push(api);
      await api.waitHealthy(`http://127.0.0.1:${port}`);
      return api;
    };

    const first = await start();
    const register = async (name: string) =>
      (
        await call('POST', '/auth/register', undefined, {
          email: `${name}.${Date.now()}@example.com`,
          password: 'correct horse battery',
          displayName: name,
        })
      ).body.accessToken as string;
    const anna = await register('anna');
    const bruno = await register('bruno');
    const league = (await call('POST', '/leagues', anna, { name: 'Crash league', auction: { durationSeconds: 5, extendSeconds: 0 } })).body;
    expect((await call('POST', '/leagues/join', bruno, { inviteCode: league.inviteCode })).status).toBe(201);
    const kalulu = (await call('GET', '/players?q=pierre%20kalulu')).body.items[0];
    const auction = (await call('POST', `/leagues/${league.id}/auctions`, anna, { playerId: kalulu.id, openingBid: 4_000_000 })).body;
    const winning = await call('POST', `/auctions/${auction.id}/bids`, bruno, { amount: 4_500_000 });
    expect(winning.status).toBe(201);
    await first.stop('SIGKILL');

    await sleep(Math.max(0, new Date(auction.endsAt).getTime() - Date.now()) + 1_000);
    await start();
    let closed;
    for (let i = 0; i < 50; i += 1) {
      closed = (await call('GET', `/auctions/${auction.id}`, anna)).body;
      if (closed.status === 'closed') break;
      await sleep(100);
    }
    expect(closed).toMatchObject({ status: 'closed', winner: { displayName: 'bruno' }, price: 4_500_000 });
    const log = (await call('GET', `/leagues/${league.id}/events?after=0`, anna)).body.items;
    expect(log.filter((e: { type: string }) => e.type === 'auction.closed')).toHaveLength(1);
    const view = (await call('GET', `/leagues/${league.id}`, anna)).body;
    const brunoView = view.managers.find((m: { displayName: string }) => m.displayName === 'bruno');
    expect(brunoView).toMatchObject({ budget: 295_500_000, committed: 0, roster: [{ player: { id: kalulu.id }, price: 4_500_000 }] });
  }, 60_000);
});
