import { io, type Socket } from 'socket.io-client';
import {
  LEAGUE_EVENT_TYPES,
  type BidAck as ContractBidAck,
  type BidOffer,
  type ClientToServerEvents,
  type LeagueEvent,
  type PersonalMessages,
  type ServerToClientEvents,
} from '@fantamercato/contract';
import type { ErrorAnswer } from '../api.js';
import { endSessionRefused, refreshSession } from '../api.js';
import { noteServerTime } from '../clock.js';
import { getSession } from '../session.js';

export type Connection = 'connecting' | 'live' | 'reconnecting' | 'refused';
export type Incoming = LeagueEvent & { serverTime?: string };
export type OutbidMessage = PersonalMessages['outbid'] & { serverTime?: string };
export type BudgetMessage = PersonalMessages['budget.updated'];
export type TradeMessage = PersonalMessages['trade.updated'];
/** A bid's answer: the server's ack, or the client's own refusal (offline, no answer in time). */
export type BidAck = Exclude<ContractBidAck, { ok: false }> | { ok: false; error: ErrorAnswer };

export interface LiveHandlers {
  event(event: Incoming): void;
  outbid(message: OutbidMessage): void;
  budget(message: BudgetMessage): void;
  /** Who is in the room now (members with the league open, on any device). */
  presence(userIds: string[]): void;
  connection(state: Connection): void;
  /** One of my trades changed (proposed to me, answered, executed …). */
  trade?(message: TradeMessage): void;
}

/**
 * One league's live stream over Socket.IO /live. It remembers the last seq it handed on and,
 * on every (re)connect, joins with `afterSeq` so the server replays exactly what was missed —
 * and anything at or below that seq is dropped, so nothing is shown twice. When the access token
 * runs out the server says `session.expired` and drops the socket: it renews the token and
 * reconnects, and the join with `afterSeq` fills the gap.
 */
export class LeagueLive {
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private lastSeq: number;
  /** The access token of the latest handshake: the one to renew when the server refuses it. */
  private token: string | undefined;
  /** A renewal since the last good connect: a token refused right after one is not renewed again. */
  private renewed = false;
  /** The server said `session.expired` (token ran out, or the session ended) before dropping us. */
  private expired = false;
  private closed = false;

  constructor(
    private readonly leagueId: string,
    afterSeq: number,
    private readonly on: LiveHandlers,
  ) {
    this.lastSeq = afterSeq;
    // Short backoff: on auction night a phone should be back within a couple of seconds. The token
    // is read at each handshake, so a reconnect uses the newest one.
    // WebSocket from the first packet, never HTTP long-polling: behind a load balancer in front of
    // several API processes a socket is one connection to one process, so no sticky sessions are
    // needed (docs/deploy.md); every browser the room supports speaks WebSocket.
    this.socket = io('/live', {
      transports: ['websocket'],
      auth: (send) => send({ token: (this.token = getSession()?.accessToken) }),
      reconnectionDelay: 500,
      reconnectionDelayMax: 2000,
    });
    this.socket.on('connect', () => {
      this.renewed = false;
      void this.join();
    });
    this.socket.on('session.expired', () => (this.expired = true));
    this.socket.on('disconnect', (reason) => {
      on.connection('reconnecting');
      if (reason !== 'io server disconnect') return; // the client reconnects by itself
      if (this.expired) void this.resume();
      else this.socket.connect();
    });
    this.socket.io.on('reconnect_attempt', () => on.connection('reconnecting'));
    this.socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      // Refused at the handshake (socket no longer active): an expired token is renewed, once.
      // An ended session is refused at the handshake too (the socket may have been between
      // connections when it ended, or renewed elsewhere just before): the page signs out in words.
      if (endSessionRefused(error.data?.code)) on.connection('refused');
      else if (this.socket.active) on.connection('reconnecting');
      else if (error.data?.code === 'TOKEN_EXPIRED' && !this.renewed) void this.resume();
      else on.connection('refused');
    });
    for (const type of LEAGUE_EVENT_TYPES) this.socket.on(type, (event: Incoming) => this.receive(event));
    this.socket.on('outbid', (message: OutbidMessage) => {
      noteServerTime(message.serverTime);
      on.outbid(message);
    });
    this.socket.on('budget.updated', (message: BudgetMessage) => message.leagueId === leagueId && on.budget(message));
    this.socket.on('trade.updated', (message: TradeMessage) => message.leagueId === leagueId && on.trade?.(message));
    this.socket.on('presence', (message) => message.leagueId === leagueId && on.presence(message.userIds));
    window.addEventListener('offline', this.dropNow);
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  async placeBid(auctionId: string, offer: BidOffer, idempotencyKey: string): Promise<BidAck> {
    if (!this.socket.connected) return { ok: false, error: { code: 'OFFLINE', message: 'Reconnecting — try again in a moment.' } };
    try {
      const ack: BidAck = await this.socket.timeout(8000).emitWithAck('bid.place', { auctionId, ...offer, idempotencyKey });
      if (ack.ok) noteServerTime(ack.auction.serverTime);
      return ack;
    } catch {
      return { ok: false, error: { code: 'TIMEOUT', message: 'No answer from the server.' } };
    }
  }

  close(): void {
    this.closed = true;
    window.removeEventListener('offline', this.dropNow);
    this.socket.close();
  }

  /** Renews the access token if it is the one the server turned away, then connects again. */
  private async resume(): Promise<void> {
    this.expired = false;
    this.on.connection('reconnecting');
    const renewal = await refreshSession(this.token);
    if (this.closed) return;
    if (renewal === 'ended') return this.on.connection('refused'); // signed out: the room goes away
    if (renewal === 'offline') {
      setTimeout(() => !this.closed && void this.resume(), 2000);
      return;
    }
    this.renewed = true;
    this.socket.connect();
  }

  /** The phone says the network is gone: show it now rather than after a missed heartbeat. */
  private readonly dropNow = () => {
    this.on.connection('reconnecting');
    this.socket.io.engine?.close();
  };

  private async join(): Promise<void> {
    try {
      const ack = await this.socket.timeout(10_000).emitWithAck('league.join', { leagueId: this.leagueId, afterSeq: this.lastSeq });
      // The replay arrived before this ack: from here on the stream is live.
      this.on.connection(ack?.ok ? 'live' : 'refused');
    } catch {
      this.socket.disconnect().connect();
    }
  }

  private receive(event: Incoming): void {
    noteServerTime(event.serverTime);
    if (event.leagueId !== this.leagueId || event.seq <= this.lastSeq) return;
    this.lastSeq = event.seq;
    this.on.event(event);
  }
}
