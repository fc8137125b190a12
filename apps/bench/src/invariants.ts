import { inBatches, type Api } from './api.js';

/**
 * What must hold after the load, read back through the public API: each auction's high bid is
 * the largest accepted, its bids strictly rise, every manager's committed money equals the high
 * bids they lead, and each league's events are numbered 1..n with no gap.
 */
export async function checkInvariants(
  api: Api,
  auctions: { leagueId: string; token: string; accepted: number[]; auctionId: string }[],
): Promise<string[]> {
  const problems: string[] = [];
  await inBatches(auctions.length, 10, async (i) => {
    const { auctionId, token, accepted } = auctions[i]!;
    const { body } = await api.call('GET', `/auctions/${auctionId}`, token);
    const top = accepted.length ? Math.max(...accepted) : null;
    if (body.highBid !== top) problems.push(`auction ${auctionId}: highBid ${body.highBid}, largest accepted ${top}`);
    const amounts: number[] = body.bids.map((b: { amount: number }) => b.amount);
    if (amounts.length !== Math.min(accepted.length, 200))
      problems.push(`auction ${auctionId}: ${amounts.length} bids stored, ${accepted.length} accepted`);
    if (amounts.some((a, j) => j > 0 && a >= amounts[j - 1]!)) problems.push(`auction ${auctionId}: bids do not strictly rise`);
  });
  const leagues = [...new Map(auctions.map((a) => [a.leagueId, a.token])).entries()];
  await inBatches(leagues.length, 10, async (i) => {
    const [leagueId, token] = leagues[i]!;
    const league = (await api.call('GET', `/leagues/${leagueId}`, token)).body;
    const open = (await api.call('GET', `/leagues/${leagueId}/auctions?status=open`, token)).body.items as {
      highBid: number | null;
      highBidder: { userId: string } | null;
    }[];
    for (const manager of league.managers as { userId: string; committed: number; budget: number; available: number }[]) {
      const leading = open.filter((a) => a.highBidder?.userId === manager.userId).reduce((sum, a) => sum + (a.highBid ?? 0), 0);
      if (leading !== manager.committed)
        problems.push(`league ${leagueId}: ${manager.userId} committed ${manager.committed}, leads ${leading}`);
      if (manager.available < 0 || manager.budget < 0) problems.push(`league ${leagueId}: ${manager.userId} below zero`);
    }
    let after = 0;
    for (;;) {
      const page = (await api.call('GET', `/leagues/${leagueId}/events?after=${after}&limit=1000`, token)).body.items as { seq: number }[];
      for (const event of page) {
        if (event.seq !== after + 1) problems.push(`league ${leagueId}: seq ${event.seq} after ${after}`);
        after = event.seq;
      }
      if (page.length < 1000) break;
    }
    if (after !== league.lastSeq) problems.push(`league ${leagueId}: events end at ${after}, lastSeq ${league.lastSeq}`);
  });
  return problems;
}
