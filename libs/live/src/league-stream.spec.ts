import { describe, expect, it, jest } from '@jest/globals';
import type { LeagueEvent } from '@fantamercato/leagues';
import { LeagueStream } from './league-stream.js';

const event = (seq: number): LeagueEvent => ({
  seq,
  leagueId: 'l',
  type: 'bid.accepted',
  at: '',
  data: { auctionId: 'a', amount: seq, bidderId: 'u', endsAt: '' },
});

describe('LeagueStream', () => {
  it('delivers in seq order, each event once, whatever order they arrive in', () => {
    const seen: number[] = [];
    const stream = new LeagueStream(
      'l',
      3,
      (e) => seen.push(e.seq),
      async () => [],
    );
    for (const seq of [5, 4, 4, 3, 2, 7, 6, 5]) stream.accept(event(seq));
    expect(seen).toEqual([4, 5, 6, 7]);
    stream.close();
  });

  it('reads a gap that does not fill itself from the log', async () => {
    const seen: number[] = [];
    const fetchRange = jest.fn(async (after: number, upTo: number) => Array.from({ length: upTo - after }, (_, i) => event(after + i + 1)));
    const stream = new LeagueStream('l', 0, (e) => seen.push(e.seq), fetchRange);
    stream.accept(event(1));
    stream.accept(event(4));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fetchRange).toHaveBeenCalledWith(1, 3);
    expect(seen).toEqual([1, 2, 3, 4]);
    stream.close();
  });

  it('remembers recent deliveries for joiners', () => {
    const stream = new LeagueStream(
      'l',
      0,
      () => undefined,
      async () => [],
    );
    for (let seq = 1; seq <= 600; seq += 1) stream.accept(event(seq));
    expect(stream.deliveredSince(598)?.map((e) => e.seq)).toEqual([599, 600]);
    expect(stream.deliveredSince(600)).toEqual([]);
    expect(stream.deliveredSince(10)).toBeNull(); // older than what it keeps
    stream.close();
  });
});
