import { describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { BidLanes } from './bid-lanes.js';

/** The lane's own logic — queueing, batching, falling back — with the database call scripted. */
function lanesWith(answer: (auctionId: string, users: string[], amounts: (number | null)[], upTo: (number | null)[]) => Promise<unknown[]>) {
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
    const answers = await Promise.all([lanes.place('a', 'u1', { amount: 1 }), lanes.place('a', 'u2', { amount: 2 }), lanes.place('a', 'u3', { amount: 3 })]);
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
    const slow = lanes.place('slow', 'u1', { amount: 1 });
    await expect(lanes.place('fast', 'u2', { amount: 1 })).resolves.toEqual({ ok: true });
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
    const first = lanes.place('a', 'u1', { amount: 1 });
    const rest = [lanes.place('a', 'u2', { amount: 2 }), lanes.place('a', 'bad', { amount: 3 }), lanes.place('a', 'u4', { amount: 4 })].map((p) => p.then((v) => v, (e: Error) => e.message));
    expect(await first).toEqual({ ok: true, user: 'u1' });
    expect(await Promise.all(rest)).toEqual([{ ok: true, user: 'u2' }, 'this bid failed', { ok: true, user: 'u4' }]);
    expect(calls.map((c) => c.users)).toEqual([['u1'], ['u2', 'bad', 'u4'], ['u2'], ['bad'], ['u4']]);
  });

  it('frees the lane after the last call, so the next bid goes at once', async () => {
    const { lanes, calls } = lanesWith(async (_a, users) => users.map(() => ({ ok: true })));
    await lanes.place('a', 'u1', { amount: 1 });
    await tick();
    await lanes.place('a', 'u2', { amount: 2 });
    expect(calls.map((c) => c.users)).toEqual([['u1'], ['u2']]);
    expect(lanes.stats).toEqual({ calls: 2, bids: 2, largestBatch: 1, refusedInMemory: 0 });
  });
});

/** A scripted auction with the database's rules for what these tests touch: 404, leading, too low. */
function auctionModel(members: string[], endsInMs = 60_000) {
  const state = { high: 100, leader: 'nobody' };
  return async (_a: string, users: string[], amounts: (number | null)[], upTo: (number | null)[]) =>
    users.map((user, i) => {
      if (!members.includes(user)) return { ok: false, code: 'AUCTION_NOT_FOUND' };
      if (user === state.leader) return { ok: false, code: 'ALREADY_LEADING' };
      const amount = amounts[i] ?? (upTo[i]! >= state.high + 1 ? state.high + 1 : 0);
      if (amount < state.high + 1) return { ok: false, code: 'BID_TOO_LOW', minBid: state.high + 1 };
      Object.assign(state, { high: amount, leader: user });
      const now = Date.now();
      return { ok: true, amount, auction: { minIncrement: 1, endsAt: new Date(now + endsInMs).toISOString(), serverTime: new Date(now).toISOString() } };
    });
}

/** Database calls that answer only when the test says so, to hold a lane busy between steps. */
function gatedLanes(members: string[], endsInMs = 60_000) {
  const judge = auctionModel(members, endsInMs);
  const gates: (() => void)[] = [];
  const { lanes, calls } = lanesWith(async (a, users, amounts, upTo) => {
    await new Promise<void>((resolve) => gates.push(resolve));
    return judge(a, users, amounts, upTo);
  });
  const release = async () => {
    while (gates.length === 0) await tick();
    gates.shift()!();
    await tick();
  };
  return { lanes, calls, release };
}

describe('BidLanes, refusing from what the last answer proved', () => {
  it('answers BID_TOO_LOW without a call for a known member already beaten, and sends the rest', async () => {
    const { lanes, calls, release } = gatedLanes(['u1', 'u2', 'u3']);
    const first = lanes.place('a', 'u1', { amount: 150 }); // call 1: accepted, u1 leads at 150
    const unknown = [lanes.place('a', 'u2', { amount: 120 }), lanes.place('a', 'u3', { amount: 120 })];
    await release();
    expect(await first).toMatchObject({ ok: true });
    // u2 and u3 have not answered yet, so they are not known members: call 2 carries them.
    const next = [lanes.place('a', 'u2', { amount: 140 }), lanes.place('a', 'u3', { amount: 151 }), lanes.place('a', 'u1', { amount: 200 }), lanes.place('a', 'stranger', { amount: 10 })];
    await release();
    expect(await Promise.all(unknown)).toEqual([
      { ok: false, code: 'BID_TOO_LOW', minBid: 151 },
      { ok: false, code: 'BID_TOO_LOW', minBid: 151 },
    ]);
    // Now u2 is a known member beaten by 150: answered here. u3 bids enough, u1 leads, the stranger
    // never answered as a member: all three go to call 3.
    await release();
    expect(await Promise.all(next)).toEqual([
      { ok: false, code: 'BID_TOO_LOW', minBid: 151 },
      expect.objectContaining({ ok: true }),
      expect.objectContaining({ ok: true }),
      { ok: false, code: 'AUCTION_NOT_FOUND' },
    ]);
    expect(calls.map((c) => c.users)).toEqual([['u1'], ['u2', 'u3'], ['u3', 'u1', 'stranger']]);
    expect(lanes.stats.refusedInMemory).toBe(1);
  });

  it('a ceiling below what the last answer proved is refused here too; one that reaches it is sent', async () => {
    const { lanes, calls, release } = gatedLanes(['u1', 'u2']);
    const first = lanes.place('a', 'u2', { upTo: 1_000 }); // bids 101
    const second = lanes.place('a', 'u1', { upTo: 1_000 }); // bids 102 after it, in the same... next call
    await release();
    expect(await first).toMatchObject({ ok: true, amount: 101 });
    const low = lanes.place('a', 'u2', { upTo: 101 }); // u2 is a known member; 101 cannot beat 101
    await release();
    expect(await second).toMatchObject({ ok: true, amount: 102 });
    expect(await low).toEqual({ ok: false, code: 'BID_TOO_LOW', minBid: 103 });
    expect(lanes.stats.refusedInMemory).toBe(1);
    expect(calls.map((c) => c.users)).toEqual([['u2'], ['u1']]);
  });

  it('near the deadline, after a failure or when told to forget, every bid goes to the database', async () => {
    const near = gatedLanes(['u1', 'u2'], 1_000);
    const a = near.lanes.place('a', 'u2', { amount: 101 });
    const b = near.lanes.place('a', 'u1', { amount: 150 });
    const late = near.lanes.place('a', 'u2', { amount: 120 });
    await near.release(); // u2 leads at 101: a known member, but the deadline is 1 s away
    await near.release(); // so u1 and u2 go together
    await Promise.all([a, b]);
    expect(await late).toEqual({ ok: false, code: 'BID_TOO_LOW', minBid: 151 });
    expect(near.lanes.stats.refusedInMemory).toBe(0); // 1 s before the deadline: the database decides

    const forgetful = gatedLanes(['u1', 'u2']);
    const x = forgetful.lanes.place('a', 'u2', { amount: 101 });
    const y = forgetful.lanes.place('a', 'u1', { amount: 150 });
    await forgetful.release(); // u2 leads at 101, and is a known member; u1's call goes out
    const z = forgetful.lanes.place('a', 'u2', { amount: 120 }); // beaten by u1's 150 — if the lane still trusted what it knew
    forgetful.lanes.forget('a'); // say a keyed bid was accepted meanwhile
    await forgetful.release(); // u1 at 150
    await forgetful.release(); // z, from the database
    await Promise.all([x, y]);
    expect(await z).toEqual({ ok: false, code: 'BID_TOO_LOW', minBid: 151 });
    expect(forgetful.lanes.stats.refusedInMemory).toBe(0);
  });
});
