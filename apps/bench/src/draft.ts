import type { Socket } from 'socket.io-client';
import { inBatches, type Api } from './api.js';
import { connectMany, joinAll, percentile } from './live.js';

/**
 * Draft night's figure: how long after a lot's deadline the next manager is on the clock, as a
 * watcher in the room sees it — the closer's punctuality plus the one transaction that closes the
 * lot and starts the next turn, plus the broadcast. `leagues` turns leagues run `lots` lots each, in
 * parallel; each lot's caller bids the opening price and nobody else bids.
 */
export async function draftTurnLatency(
  api: Api,
  players: string[],
  leagues: number,
  lots: number,
): Promise<{ deadlineToTurn: number[]; closedToTurn: number[] }> {
  const deadlineToTurn: number[] = [];
  const closedToTurn: number[] = [];
  const sockets: Socket[] = [];
  await inBatches(leagues, 5, async (l) => {
    const managers = await inBatches(2, 2, (i) => api.register(`draft${l}m${i}`));
    const created = await api.call('POST', '/leagues', managers[0]!.token, {
      name: `Draft ${l}`,
      budget: 100_000_000,
      roster: { size: lots, GK: [0, lots], DEF: [0, lots], MID: [0, lots], FWD: [0, lots] },
      auction: { durationSeconds: 5, extendSeconds: 0, minIncrement: 100_000, minPrice: 100_000 },
      market: { mode: 'turns' },
    });
    if (created.status !== 201) throw new Error(`draft league: ${created.status} ${JSON.stringify(created.body)}`);
    const leagueId = created.body.id as string;
    await api.call('POST', '/leagues/join', managers[1]!.token, { inviteCode: created.body.inviteCode });
    const [watcher] = await connectMany(`${api.baseUrl.replace(/\/$/, '')}/live`, [managers[0]!.token], 1);
    sockets.push(watcher!);
    await joinAll([watcher!], leagueId);
    let closedAt = 0;
    let turnSeen: ((at: number) => void) | null = null;
    watcher!.on('auction.closed', () => (closedAt = performance.now()));
    watcher!.on('draft.turn', () => turnSeen?.(performance.now()));
    const token = { [managers[0]!.userId]: managers[0]!.token, [managers[1]!.userId]: managers[1]!.token };
    let draft = (await api.call('POST', `/leagues/${leagueId}/draft`, managers[0]!.token, { order: 'joined', nominationSeconds: 3600 }))
      .body;
    for (let lot = 0; lot < lots; lot += 1) {
      const caller = token[draft.onClock as string]!;
      const opened = await api.call('POST', `/leagues/${leagueId}/auctions`, caller, { playerId: players[l * lots + lot]! });
      if (opened.status !== 201) throw new Error(`call: ${opened.status} ${JSON.stringify(opened.body)}`);
      const bid = await api.call('POST', `/auctions/${opened.body.id}/bids`, caller, { upTo: 100_000_000 });
      if (bid.status !== 201) throw new Error(`bid: ${bid.status} ${JSON.stringify(bid.body)}`);
      const deadline = Date.parse(bid.body.auction.endsAt);
      const seen = await new Promise<number>((resolve) => (turnSeen = resolve));
      turnSeen = null;
      // performance.now() and Date.now() advance together: the deadline on the monotonic clock.
      deadlineToTurn.push(seen - (performance.now() - (Date.now() - deadline)));
      closedToTurn.push(seen - closedAt);
      draft = (await api.call('GET', `/leagues/${leagueId}/draft`, managers[0]!.token)).body;
      if (draft.status === 'ended') break;
    }
  });
  for (const s of sockets) s.close();
  return { deadlineToTurn: deadlineToTurn.sort((a, b) => a - b), closedToTurn: closedToTurn.sort((a, b) => a - b) };
}

export { percentile };
