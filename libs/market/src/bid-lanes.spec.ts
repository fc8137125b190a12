import { describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { BidLanes } from './bid-lanes.js';

/** The lane's own logic — queueing, batching, falling back — with the database call scripted. */
function lanesWith(
  answer: (auctionId: string, users: string[], amounts: (number | null)[], upTo: (number | null)[]) => Promise<unknown[]>,
) {
  const calls: { auctionId: string; users: string[] }[] = [];
  const dataSource = {
    query: async (_sql: string, [auctionId, users, amounts, upTo]: [string, string[], (number | null)[], (number | null)[]]) => {
      calls.push({ auctionId, users });
      return [{ results: await answer(auctionId, users, amounts, upTo) }];
    },
  } as unknown as DataSource;
  return { lanes: new BidLanes(dataSource), calls };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('BidLanes', () => {
  it('sends the first bid at once and what arrives meanwhile as one batch, in arrival order', async () => {
    const { lanes, calls } = lanesWith(async (_a, users, amounts) => users.map((u, i) => ({ ok: true, u, amount: amounts[i] })));
    const answers = await Promise.all([
      lanes.place('a', 'u1', { amount: 1 }),
      lanes.place('a', 'u2', { amount: 2 }),
      lanes.place('a', 'u3', { amount: 3 }),
    ]);
    expect(calls.map((c) => c.users)).toEqual([['u1'], ['u2', 'u3']]);
    expect(answers.map((a) => (a.ok ? a.amount : null))).toEqual([1, 2, 3]);
  });

  it('keeps auctions apart: a bid never waits for another auction', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { lanes, calls } = lanesWith(async (auctionId, users) => {
      if (auctionId === 'slow') await gate;
      return users.map(() => ({ ok: true }));
    });
    const slow = lanes.place('slow', 'u1', { amount: 1 });
    await expect(lanes.place('fast', 'u2', { amount: 1 })).resolves.toEqual({ ok: true });
    release();
    await slow;
    expect(calls.map((c) => c.auctionId)).toEqual(['slow', 'fast']);
  });

  it('when PostgreSQL refuses a batch, each of its bids is sent alone and gets its own answer', async () => {
    const serverError = (message: string) => Object.assign(new Error(message), { driverError: { severity: 'ERROR', code: '23514' } });
    const { lanes, calls } = lanesWith(async (_a, users) => {
      if (users.length > 1) throw serverError('batch failed');
      if (users[0] === 'bad') throw serverError('this bid failed');
      return [{ ok: true, user: users[0] }];
    });
    const first = lanes.place('a', 'u1', { amount: 1 });
    const rest = [lanes.place('a', 'u2', { amount: 2 }), lanes.place('a', 'bad', { amount: 3 }), lanes.place('a', 'u4', { amount: 4 })].map(
      (p) =>
        p.then(
          (v) => v,
          (e: Error) => e.message,
        ),
    );
    expect(await first).toEqual({ ok: true, user: 'u1' });
    expect(await Promise.all(rest)).toEqual([{ ok: true, user: 'u2' }, 'this bid failed', { ok: true, user: 'u4' }]);
    expect(calls.map((c) => c.users)).toEqual([['u1'], ['u2', 'bad', 'u4'], ['u2'], ['bad'], ['u4']]);
  });

  it('when the connection fails, the batch may have committed: its bids fail and are never sent again', async () => {
    let failNext = false;
    const { lanes, calls } = lanesWith(async (_a, users) => {
      if (failNext)
        throw Object.assign(new Error('Connection terminated unexpectedly'), {
          driverError: new Error('Connection terminated unexpectedly'),
        });
      return users.map(() => ({ ok: true }));
    });
    const first = lanes.place('a', 'u1', { amount: 1 });
    const batch = [lanes.place('a', 'u2', { amount: 2 }), lanes.place('a', 'u3', { amount: 3 })].map((p) =>
      p.then(
        () => 'answered',
        (e: Error) => e.message,
      ),
    );
    failNext = true;
    await first.catch(() => undefined);
    expect(await Promise.all(batch)).toEqual(['Connection terminated unexpectedly', 'Connection terminated unexpectedly']);
    expect(calls.map((c) => c.users)).toEqual([['u1'], ['u2', 'u3']]);
    failNext = false;
    await expect(lanes.place('a', 'u4', { amount: 4 })).resolves.toEqual({ ok: true }); // the lane is free again
  });

  it('an answer that does not match the batch fails its bids instead of leaving them waiting', async () => {
    const { lanes } = lanesWith(async () => []);
    await expect(lanes.place('a', 'u1', { amount: 1 })).rejects.toThrow('place_bids answered 0 results for 1 bids');
    await expect(lanes.place('a', 'u2', { amount: 2 })).rejects.toThrow('answered 0 results');
  });

  it('frees the lane after the last call, so the next bid goes at once', async () => {
    const { lanes, calls } = lanesWith(async (_a, users) => users.map(() => ({ ok: true })));
    await lanes.place('a', 'u1', { amount: 1 });
    await tick();
    await lanes.place('a', 'u2', { amount: 2 });
    expect(calls.map((c) => c.users)).toEqual([['u1'], ['u2']]);
    expect(lanes.stats).toEqual({ calls: 2, bids: 2, largestBatch: 1 });
  });
});
