import { describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { BidLanes } from './bid-lanes.js';

/** The lanes' own logic — queueing, batching, falling back — with the database call scripted (one call per auction run, as place_bids_across makes it). */
function lanesWith(
  answer: (auctionId: string, users: string[], amounts: (number | null)[], upTo: (number | null)[]) => Promise<unknown[]>,
  callsInFlight = 4,
) {
  const calls: { auctionId: string; users: string[]; auctions: string[] }[] = [];
  const master = {
    query: async ({ name, values }: { name: string; values: [string | string[], string[], (number | null)[], (number | null)[]] }) => {
      const [auction, users, amounts, upTo] = values;
      const auctions = name === 'fm_place_bids' ? users.map(() => auction as string) : (auction as string[]);
      calls.push({ auctionId: auctions[0]!, users, auctions: [...new Set(auctions)] });
      const results: unknown[] = [];
      for (let i = 0; i < users.length;) {
        let j = i;
        while (j + 1 < users.length && auctions[j + 1] === auctions[i]) j += 1;
        results.push(...(await answer(auctions[i]!, users.slice(i, j + 1), amounts.slice(i, j + 1), upTo.slice(i, j + 1))));
        i = j + 1;
      }
      return { rows: [{ results }] };
    },
  };
  const dataSource = { driver: { master } } as unknown as DataSource;
  return { lanes: new BidLanes(dataSource, { bidCallsInFlight: callsInFlight }), calls };
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
    expect(lanes.stats).toEqual({ calls: 2, bids: 2, largestBatch: 1, auctionsInOneCall: 1, retriedAlone: 0 });
  });
  it('with every call in flight, what waits goes as one call across auctions, in arrival order, never two calls for one auction', async () => {
    const gates: (() => void)[] = [];
    const { lanes, calls } = lanesWith(async (auctionId, users) => {
      if (auctionId.startsWith('slow')) await new Promise<void>((resolve) => gates.push(resolve));
      return users.map((u) => ({ ok: true, auctionId, u }));
    }, 2);
    const first = [lanes.place('slow1', 'u1', { amount: 1 }), lanes.place('slow2', 'u2', { amount: 1 })];
    await tick();
    const waiting = [
      lanes.place('a', 'u3', { amount: 1 }),
      lanes.place('slow1', 'u4', { amount: 2 }),
      lanes.place('b', 'u5', { amount: 1 }),
      lanes.place('a', 'u6', { amount: 2 }),
    ];
    await tick();
    expect(calls.map((c) => c.auctions)).toEqual([['slow1'], ['slow2']]);
    gates.shift()!(); // slow1's call ends: the next call takes a, b and slow1's next bid, in arrival order
    await first[0];
    await tick();
    expect(calls[2]).toEqual({ auctionId: 'a', users: ['u3', 'u4', 'u5', 'u6'], auctions: ['a', 'slow1', 'b'] });
    gates.shift()!(); // its slow1 run waits on a gate of its own
    gates.shift()!();
    expect((await Promise.all([...first, ...waiting])).map((r) => (r as unknown as { u: string }).u)).toEqual([
      'u1',
      'u2',
      'u3',
      'u4',
      'u5',
      'u6',
    ]);
    expect(lanes.stats.auctionsInOneCall).toBe(3);
  });

  it('a bid whose auction has a call in flight waits for it even when another call is free', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { lanes, calls } = lanesWith(async (auctionId, users) => {
      if (auctionId === 'slow' && users[0] === 'u1') await gate;
      return users.map(() => ({ ok: true }));
    }, 4);
    const first = lanes.place('slow', 'u1', { amount: 1 });
    const second = lanes.place('slow', 'u2', { amount: 2 });
    await tick();
    expect(calls).toHaveLength(1);
    release();
    await Promise.all([first, second]);
    expect(calls.map((c) => c.users)).toEqual([['u1'], ['u2']]);
  });
});
