import type { Refusal } from './errors.js';
import type { LeagueEvent, LeagueEventData, LeagueEventType } from './leagues.js';
import type { Auction, BidOffer, Person } from './market.js';
import type { Trade } from './trades.js';

/** Messages sent to one manager only (every socket of his), each with the `seq` of the event behind it. */
export interface PersonalMessages {
  outbid: { auctionId: string; amount: number; by: Person; seq: number };
  'budget.updated': { leagueId: string; budget: number; available: number; seq: number };
  /** A trade of his changed (proposed to him, accepted, executed …): the whole trade as it stands. */
  'trade.updated': { leagueId: string; trade: Trade; seq: number };
}
export type PersonalMessageType = keyof PersonalMessages;

/** Who is in a league's room now: the members with a socket joined to it, on any process. Used by nobody's rules. */
export interface Presence {
  leagueId: string;
  userIds: string[];
}

/** Why the server drops a socket: its access token ran out, or its session ended. */
export interface SessionExpired {
  reason: 'expired' | 'revoked';
}

/** Every message the server sends carries its clock, for exact countdowns. */
export type Timed<T> = T & { serverTime: string };

/** An ack: `{ok: true, …}` or `{ok: false, error}` — exactly one per message sent with a callback. */
export type Ack<T extends object> = ({ ok: true } & T) | { ok: false; error: Refusal };
export type BidAck = Ack<{ auction: Auction }>;

export type JoinLeague = { leagueId: string; afterSeq?: number };
export type PlaceBid = { auctionId: string; idempotencyKey?: string } & BidOffer;

/** Socket.IO `/live`, client → server: each takes an ack callback. */
export interface ClientToServerEvents {
  'league.join': (message: JoinLeague, ack: (answer: Ack<{ seq: number }>) => void) => void;
  'league.leave': (message: { leagueId: string }, ack: (answer: Ack<object>) => void) => void;
  'bid.place': (message: PlaceBid, ack: (answer: BidAck) => void) => void;
}

/** Socket.IO `/live`, server → client: the league's events by type, the personal messages, session.expired. */
export type ServerToClientEvents = {
  [T in LeagueEventType]: (event: Timed<Extract<LeagueEvent, { type: T }>>) => void;
} & {
  [T in PersonalMessageType]: (message: Timed<PersonalMessages[T]>) => void;
} & {
  'session.expired': (message: SessionExpired) => void;
  presence: (message: Timed<Presence>) => void;
};

export type { LeagueEventData };
