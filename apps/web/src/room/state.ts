import type { LeagueDetail } from '@fantamercato/contract';
import type { Auction, Draft } from '@fantamercato/contract';
import type { Connection, Incoming, OutbidMessage } from './live.js';

export interface FeedItem {
  seq: number;
  type: Incoming['type'];
  at: string;
  auctionId?: string;
  playerName?: string;
  amount?: number;
  userId?: string;
  displayName?: string;
  /** The commissioner's reason, on the events of his tools. */
  reason?: string;
  /** Draft events: the round, and whose nomination clock ran out (a skipped turn), or how it ended. */
  round?: number;
  skipped?: string;
  endReason?: 'complete' | 'ended';
  auto?: boolean;
  /** A second time: when a sealed window closes. */
  at2?: string;
  /** A trade's other manager (the receiver; `userId` is the proposer) and its players each way, by name. */
  otherId?: string;
  give?: string;
  take?: string;
  /** A repricing: the price before, and the source's url. */
  oldAmount?: number;
  url?: string;
}

export interface RoomState {
  league: LeagueDetail | null;
  /** Open auctions, plus the closed ones seen here (to show who won). */
  auctions: Auction[];
  selectedId: string | null;
  /** Newest first, capped: a fixed-height list. */
  feed: FeedItem[];
  connection: Connection;
  outbid: OutbidMessage | null;
  /** Every name seen (managers, joins, bidders), so a new manager's bid is never "a manager". */
  names: Record<string, string>;
  /** Whose room this is: a bid that takes the lead from him is an outbid, even one replayed after a reconnect. */
  me: string | null;
  /** The members in the room now, as the server last said (empty until it says). */
  presence: string[];
  /** The league's draft (a turns league), as last read and kept current by its events; null if none yet. */
  draft: Draft | null;
}

export type RoomAction =
  | { type: 'league'; league: LeagueDetail }
  | { type: 'auctions'; auctions: Auction[] }
  | { type: 'auction'; auction: Auction }
  | { type: 'event'; event: Incoming }
  | { type: 'budget'; userId: string; budget: number; available: number }
  | { type: 'outbid'; message: OutbidMessage | null }
  | { type: 'connection'; connection: Connection }
  | { type: 'presence'; userIds: string[] }
  | { type: 'draft'; draft: Draft | null }
  | { type: 'select'; id: string };

export const initialRoom: RoomState = {
  league: null,
  auctions: [],
  selectedId: null,
  feed: [],
  connection: 'connecting',
  outbid: null,
  names: {},
  me: null,
  presence: [],
  draft: null,
};
const FEED_SIZE = 40;

function upsert(auctions: Auction[], next: Auction): Auction[] {
  const i = auctions.findIndex((a) => a.id === next.id);
  if (i < 0) return [...auctions, next];
  const old = auctions[i]!;
  // A later read wins, but never moves a bid backwards (events and acks can cross).
  if (old.status === 'closed' && next.status === 'open') return auctions;
  if ((old.highBid ?? 0) > (next.highBid ?? 0)) return auctions;
  return auctions.map((a, j) => (j === i ? next : a));
}

/** Keep the selection on something worth watching: the chosen auction, else the newest open one. */
function pick(state: RoomState): RoomState {
  const selected = state.auctions.find((a) => a.id === state.selectedId);
  if (selected && selected.status === 'open') return state;
  const open = state.auctions.filter((a) => a.status === 'open');
  const newest = open.sort((a, b) => b.openedAt.localeCompare(a.openedAt))[0];
  if (newest) return { ...state, selectedId: newest.id };
  return selected ? state : { ...state, selectedId: state.auctions.at(-1)?.id ?? null };
}

function applyEvent(state: RoomState, event: Incoming): RoomState {
  const data = event.data as Record<string, any>;
  const item: FeedItem = { seq: event.seq, type: event.type, at: event.at };
  let auctions = state.auctions;
  let outbid = state.outbid;
  let draft = state.draft;
  if (event.type === 'auction.opened') {
    const auction = data.auction as Auction;
    auctions = upsert(auctions, auction);
    Object.assign(item, { auctionId: auction.id, playerName: auction.player.name, amount: auction.openingPrice, auto: data.auto === true });
    if (data.auto && draft?.onClock) item.userId = draft.onClock;
    // In a draft, a call is the lot: the nomination clock stops while it runs.
    if (draft && draft.status === 'running' && draft.lotAuctionId === null)
      draft = { ...draft, lotAuctionId: auction.id, clockEndsAt: null };
  } else if (event.type === 'bid.accepted') {
    const minIncrement = state.league?.auction.minIncrement ?? 1;
    // A bid that takes the lead from me is an outbid, whether it arrives live (the personal alert
    // says the same) or in the replay after a reconnect (the alert was sent while I was away).
    // Only a bid that moves the auction counts: the backlog replayed on load moves nothing.
    const before = auctions.find((a) => a.id === data.auctionId);
    if (before && state.me && before.highBidder?.userId === state.me && data.bidderId !== state.me && (before.highBid ?? 0) < data.amount) {
      outbid = {
        auctionId: data.auctionId,
        amount: data.amount,
        by: { userId: data.bidderId, displayName: nameOf(state, data.bidderId) },
        seq: event.seq,
      };
    }
    auctions = auctions.map((a) =>
      a.id === data.auctionId && (a.highBid ?? 0) < data.amount
        ? {
            ...a,
            highBid: data.amount,
            highBidder: { userId: data.bidderId, displayName: nameOf(state, data.bidderId) },
            minBid: data.amount + minIncrement,
            bidCount: a.bidCount + 1,
            endsAt: data.endsAt > a.endsAt ? data.endsAt : a.endsAt,
          }
        : a,
    );
    Object.assign(item, { auctionId: data.auctionId, amount: data.amount, userId: data.bidderId });
  } else if (event.type === 'auction.closed') {
    auctions = auctions.map((a) =>
      a.id === data.auctionId
        ? {
            ...a,
            status: 'closed' as const,
            closedAt: event.at,
            price: data.price ?? null,
            winner: data.winnerId ? { userId: data.winnerId, displayName: nameOf(state, data.winnerId) } : null,
          }
        : a,
    );
    Object.assign(item, { auctionId: data.auctionId, amount: data.price, userId: data.winnerId });
  } else if (event.type === 'member.joined') {
    Object.assign(item, { userId: data.userId, displayName: data.displayName });
  } else if (event.type === 'sale.undone' || event.type === 'player.assigned') {
    Object.assign(item, { playerName: data.playerName, userId: data.userId, amount: data.price, reason: data.reason });
    // An undone sale: the closed auction that sold him is no longer true, so the room stops showing it.
    if (event.type === 'sale.undone') auctions = auctions.filter((a) => !(a.status === 'closed' && a.player.id === data.playerId));
  } else if (event.type === 'budget.adjusted') {
    Object.assign(item, { userId: data.userId, amount: data.delta, reason: data.reason });
  } else if (event.type === 'commissioner.changed') {
    Object.assign(item, { userId: data.to, reason: data.reason });
  } else if (event.type === 'player.released') {
    Object.assign(item, { playerName: data.playerName, userId: data.userId, amount: data.refund });
  } else if (event.type === 'player.repriced') {
    Object.assign(item, {
      playerName: data.playerName,
      amount: data.newPrice,
      ...(data.oldPrice === null ? {} : { oldAmount: data.oldPrice }),
      ...(data.report?.url ? { url: data.report.url } : {}),
    });
  } else if (event.type === 'player.transferred') {
    Object.assign(item, { playerName: data.playerName, userId: data.userId, amount: data.refund, reason: data.toClub });
  } else if (event.type === 'window.opened') {
    Object.assign(item, { at2: data.closesAt });
  } else if (event.type === 'window.closed') {
    Object.assign(item, { amount: data.won.length });
  } else if (event.type === 'trade.proposed' || event.type === 'trade.executed') {
    const names = (players: { name: string }[]) => players.map((p) => p.name).join(', ');
    Object.assign(item, {
      userId: data.proposerId,
      otherId: data.receiverId,
      give: names(data.give),
      take: names(data.take),
      amount: data.money,
    });
  } else if (event.type === 'trade.vetoed' || event.type === 'trade.failed') {
    Object.assign(item, { reason: data.reason });
  } else if (event.type === 'member.removed') {
    Object.assign(item, { userId: data.userId, displayName: data.displayName, amount: data.playerIds.length, reason: data.reason });
  } else if (event.type === 'draft.started') {
    draft = data.draft as Draft;
  } else if (event.type === 'draft.turn') {
    Object.assign(item, { userId: data.userId, round: data.round, skipped: data.skipped });
    if (draft && draft.id === data.draftId) {
      // A turn given while paused (a removal) keeps the pause: his whole clock waits for the resume.
      const paused = data.clockEndsAt === null;
      draft = {
        ...draft,
        onClock: data.userId,
        round: data.round,
        clockEndsAt: data.clockEndsAt,
        lotAuctionId: null,
        status: paused ? draft.status : 'running',
        remainingSeconds: paused ? draft.nominationSeconds : draft.remainingSeconds,
      };
    }
  } else if (event.type === 'draft.paused') {
    Object.assign(item, { reason: data.reason });
    if (draft && draft.id === data.draftId)
      draft = { ...draft, status: 'paused', pausedAt: event.at, remainingSeconds: data.remainingSeconds, clockEndsAt: null };
  } else if (event.type === 'draft.resumed') {
    Object.assign(item, { reason: data.reason });
    if (draft && draft.id === data.draftId)
      draft = { ...draft, status: 'running', pausedAt: null, remainingSeconds: null, clockEndsAt: data.clockEndsAt };
    if (data.lotAuctionId && data.endsAt) auctions = auctions.map((a) => (a.id === data.lotAuctionId ? { ...a, endsAt: data.endsAt } : a));
  } else if (event.type === 'draft.ended') {
    Object.assign(item, { reason: data.reason, endReason: data.endReason });
    if (draft && draft.id === data.draftId) {
      draft = {
        ...draft,
        status: 'ended',
        endReason: data.endReason,
        endedAt: event.at,
        onClock: null,
        clockEndsAt: null,
        lotAuctionId: null,
      };
    }
  }
  item.playerName ??= auctions.find((a) => a.id === item.auctionId)?.player.name;
  const names = event.type === 'member.joined' ? { ...state.names, [data.userId]: data.displayName } : state.names;
  return pick({ ...state, auctions, names, outbid, draft, feed: [item, ...state.feed].slice(0, FEED_SIZE) });
}

export function nameOf(state: Pick<RoomState, 'names'>, userId: string | undefined): string {
  return (userId && state.names[userId]) || 'a manager';
}

export function roomReducer(state: RoomState, action: RoomAction): RoomState {
  switch (action.type) {
    case 'league': {
      const names = { ...state.names };
      for (const m of action.league.managers) names[m.userId] = m.displayName;
      return { ...state, league: action.league, names };
    }
    case 'auctions':
      return pick({ ...state, auctions: action.auctions.reduce(upsert, state.auctions) });
    case 'auction':
      return pick({ ...state, auctions: upsert(state.auctions, action.auction) });
    case 'event':
      return applyEvent(state, action.event);
    case 'budget':
      if (!state.league) return state;
      return {
        ...state,
        league: {
          ...state.league,
          managers: state.league.managers.map((m) =>
            m.userId === action.userId ? { ...m, budget: action.budget, available: action.available } : m,
          ),
        },
      };
    case 'outbid':
      if (!action.message) return { ...state, outbid: null };
      // The same outbid, already raised from its bid event: keep the one on screen (its timer runs).
      if (state.outbid && state.outbid.auctionId === action.message.auctionId && state.outbid.amount === action.message.amount) {
        // …but with the bidder's name as the personal message gives it.
        const renamed = state.outbid.by.displayName !== action.message.by.displayName;
        return {
          ...state,
          outbid: renamed ? { ...state.outbid, by: action.message.by } : state.outbid,
          names: { ...state.names, [action.message.by.userId]: action.message.by.displayName },
        };
      }
      return { ...state, outbid: action.message, names: { ...state.names, [action.message.by.userId]: action.message.by.displayName } };
    case 'connection':
      // Offline, nobody is known to be here; the server says again after the reconnect.
      return { ...state, connection: action.connection, presence: action.connection === 'live' ? state.presence : [] };
    case 'presence':
      return { ...state, presence: action.userIds };
    case 'draft':
      return { ...state, draft: action.draft };
    case 'select':
      return { ...state, selectedId: action.id };
  }
}
