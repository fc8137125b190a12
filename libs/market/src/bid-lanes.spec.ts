import { describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { BidLanes } from './bid-lanes.js';

/** The lane's own logic — queueing, batching, falling back — with the database call scripted. */
function lanesWith(answer: (auctionId: string, users: string[], amounts: number[]) => Promise<unknown[]>) {
  const calls: { auctionId: string; users: string[] }[] = [];
  const dataSource = {
    query: async (_sql: string, [auctionId, users, amounts]: [string, string[], number[]]) => {
      calls.push({ auctionId, users });
      return [{ results: await answer(auctionId, users, amounts) }];
    },
  } as unknown as DataSource;
  return { lanes: new BidLanes(dataSource), calls };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('BidLanes', () => {
  it('sends the first bid at once and what arrives meanwhile as one batch, in arrival order', async () => {
    const { lanes, calls } = lanesWith(async (_a, users, amounts) => users.map((u, i) => ({ ok: true, u, amount: amounts[i] })));
    const answers = await Promise.all([lanes.place('a', 'u1', 1), lanes.place('a', 'u2', 2), lanes.place('a', 'u3', 3)]);
    expect(calls.map((c) => c.users)).toEqual([['u1'], ['u2', 'u3']]);
    expect(answers.map((a) => a.amount)).toEqual([1, 2, 3]);
  });

  it('keeps auctions apart: a bid never waits for another auction', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { lanes, calls } = lanesWith(async (auctionId, users) => {
      if (auctionId === 'slow') await gate;
      return users.map(() => ({ ok: true }));
    });
    const slow = lanes.place('slow', 'u1', 1);
    await expect(lanes.place('fast', 'u2', 1)).resolves.toEqual({ ok: true });
    release();
    await slow;
    expect(calls.map((c) => c.auctionId)).toEqual(['slow', 'fast']);
  });

  it('when a batch fails, each of its bids is sent alone and gets its own answer', async () => {
    const { lanes, calls } = lanesWith(async (_a, users) => {
      if (users.length > 1) throw new Error('batch failed');
      if (users[0] === 'bad') throw new Error('this bid failed');
      return [{ ok: true, user: users[0] }];
    });
    const first = lanes.place('a', 'u1', 1);
    const rest = [lanes.place('a', 'u2', 2), lanes.place('a', 'bad', 3), lanes.place('a', 'u4', 4)].map((p) => p.then((v) => v, (e: Error) => e.message));
    expect(await first).toEqual({ ok: true, user: 'u1' });
    expect(await Promise.all(rest)).toEqual([{ ok: true, user: 'u2' }, 'this bid failed', { ok: true, user: 'u4' }]);
    expect(calls.map((c) => c.users)).toEqual([['u1'], ['u2', 'bad', 'u4'], ['u2'], ['bad'], ['u4']]);
  });

  it('frees the lane after the last call, so the next bid goes at once', async () => {
    const { lanes, calls } = lanesWith(async (_a, users) => users.map(() => ({ ok: true })));
    await lanes.place('a', 'u1', 1);
    await tick();
    await lanes.place('a', 'u2', 2);
    expect(calls.map((c) => c.users)).toEqual([['u1'], ['u2']]);
    expect(lanes.stats).toEqual({ calls: 2, bids: 2, largestBatch: 1 });
  });
});
