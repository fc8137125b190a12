import { describe, expect, it } from '@jest/globals';
import type { Auction } from '@fantamercato/contract';
import type { Incoming } from './live.js';
import { initialRoom, roomReducer, type RoomState } from './state.js';

const ME = 'me-0000';
const BRUNO = 'bruno-0000';
const auction = (highBid: number | null, highBidder: string | null): Auction =>
  ({
    id: 'a1',
    leagueId: 'l1',
    player: { id: 'p1', name: 'Pierre Kalulu', position: 'DEF' },
    status: 'open',
    openingPrice: 25_000_000,
    highBid,
    highBidder: highBidder ? { userId: highBidder, displayName: highBidder } : null,
    minBid: (highBid ?? 24_500_000) + 500_000,
    bidCount: highBid === null ? 0 : 1,
    openedAt: '2026-12-03T10:00:00.000Z',
    endsAt: '2026-12-03T10:05:00.000Z',
  }) as unknown as Auction;
const bidEvent = (seq: number, amount: number, bidderId: string): Incoming =>
  ({
    seq,
    type: 'bid.accepted',
    at: '2026-12-03T10:01:00.000Z',
    data: { auctionId: 'a1', amount, bidderId, endsAt: '2026-12-03T10:05:00.000Z' },
  }) as unknown as Incoming;

function leading(): RoomState {
  const state = { ...initialRoom, me: ME, names: { [BRUNO]: 'Bruno' } };
  return roomReducer(state, { type: 'auctions', auctions: [auction(26_000_000, ME)] });
}

describe('the room state recomputes personal truth from events', () => {
  it('a bid that takes the lead from me raises the outbid alert, also when replayed after a reconnect', () => {
    const after = roomReducer(leading(), { type: 'event', event: bidEvent(7, 26_500_000, BRUNO) });
    expect(after.outbid).toEqual({ auctionId: 'a1', amount: 26_500_000, by: { userId: BRUNO, displayName: 'Bruno' }, seq: 7 });
    expect(after.auctions[0]!.highBidder?.userId).toBe(BRUNO);
  });
  it('the backlog replayed on load (bids at or under the current one) raises nothing', () => {
    const after = roomReducer(leading(), { type: 'event', event: bidEvent(3, 25_500_000, BRUNO) });
    expect(after.outbid).toBeNull();
    expect(after.auctions[0]!.highBidder?.userId).toBe(ME);
  });
  it('my own higher bid is no outbid, and the personal alert for the same bid does not restart it', () => {
    expect(roomReducer(leading(), { type: 'event', event: bidEvent(7, 27_000_000, ME) }).outbid).toBeNull();
    const raised = roomReducer(leading(), { type: 'event', event: bidEvent(7, 26_500_000, BRUNO) });
    const again = roomReducer(raised, {
      type: 'outbid',
      message: { auctionId: 'a1', amount: 26_500_000, by: { userId: BRUNO, displayName: 'Bruno' }, seq: 7 },
    });
    expect(again.outbid).toBe(raised.outbid);
  });
});

describe('an undone sale', () => {
  it('takes the closed auction that sold him out of the room, and says so in the feed', () => {
    const sold = {
      ...auction(26_000_000, BRUNO),
      status: 'closed',
      winner: { userId: BRUNO, displayName: 'Bruno' },
      price: 26_000_000,
    } as unknown as Auction;
    const state = roomReducer({ ...initialRoom, me: ME, names: { [BRUNO]: 'Bruno' } }, { type: 'auctions', auctions: [sold] });
    const undone = {
      seq: 9,
      type: 'sale.undone',
      at: '2026-12-03T10:10:00.000Z',
      data: { playerId: 'p1', playerName: 'Pierre Kalulu', userId: BRUNO, price: 26_000_000, by: ME, reason: 'wrong manager' },
    } as unknown as Incoming;
    const after = roomReducer(state, { type: 'event', event: undone });
    expect(after.auctions).toEqual([]);
    expect(after.feed[0]).toMatchObject({
      type: 'sale.undone',
      playerName: 'Pierre Kalulu',
      userId: BRUNO,
      amount: 26_000_000,
      reason: 'wrong manager',
    });
  });
});
