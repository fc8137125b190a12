import { io, type Socket } from 'socket.io-client';
import type { LeagueEvent } from '@fantamercato/leagues';
import type { AuctionDto, BidOffer } from '@fantamercato/market';
import { noteServerTime } from '../clock.js';

export type Connection = 'connecting' | 'live' | 'reconnecting' | 'refused';
export type Incoming = LeagueEvent & { serverTime?: string };
export interface OutbidMessage {
  auctionId: string;
  amount: number;
  by: { userId: string; displayName: string };
  serverTime?: string;
}
export interface BudgetMessage {
  leagueId: string;
  budget: number;
  available: number;
}
export type Refusal = { code: string; message: string; [extra: string]: unknown };
export type BidAck = { ok: true; auction: AuctionDto } | { ok: false; error: Refusal };

export interface LiveHandlers {
  event(event: Incoming): void;
  outbid(message: OutbidMessage): void;
  budget(message: BudgetMessage): void;
  connection(state: Connection): void;
}

const LEAGUE_EVENTS = ['member.joined', 'auction.opened', 'bid.accepted', 'auction.closed'] as const;

/**
 * One league's live stream over Socket.IO /live. It remembers the last seq it handed on and,
 * on every (re)connect, joins with `afterSeq` so the server replays exactly what was missed —
 * and anything at or below that seq is dropped, so nothing is shown twice.
 */
export class LeagueLive {
  private readonly socket: Socket;
  private lastSeq: number;

  constructor(
    token: string,
    private readonly leagueId: string,
    afterSeq: number,
    private readonly on: LiveHandlers,
  ) {
    this.lastSeq = afterSeq;
    // Short backoff: on auction night a phone should be back within a couple of seconds.
    this.socket = io('/live', { auth: { token }, reconnectionDelay: 500, reconnectionDelayMax: 2000 });
    this.socket.on('connect', () => void this.join());
    this.socket.on('disconnect', (reason) => {
      on.connection('reconnecting');
      if (reason === 'io server disconnect') this.socket.connect();
    });
    this.socket.io.on('reconnect_attempt', () => on.connection('reconnecting'));
    this.socket.on('connect_error', () => on.connection(this.socket.active ? 'reconnecting' : 'refused'));
    for (const type of LEAGUE_EVENTS) this.socket.on(type, (event: Incoming) => this.receive(event));
    this.socket.on('outbid', (message: OutbidMessage) => {
      noteServerTime(message.serverTime);
      on.outbid(message);
    });
    this.socket.on('budget.updated', (message: BudgetMessage) => message.leagueId === leagueId && on.budget(message));
    window.addEventListener('offline', this.dropNow);
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  async placeBid(auctionId: string, offer: BidOffer, idempotencyKey: string): Promise<BidAck> {
    if (!this.socket.connected) return { ok: false, error: { code: 'OFFLINE', message: 'Reconnecting — try again in a moment.' } };
    try {
      const ack = (await this.socket.timeout(8000).emitWithAck('bid.place', { auctionId, ...offer, idempotencyKey })) as BidAck;
      if (ack.ok) noteServerTime(ack.auction.serverTime);
      return ack;
    } catch {
      return { ok: false, error: { code: 'TIMEOUT', message: 'No answer from the server.' } };
    }
  }

  close(): void {
    window.removeEventListener('offline', this.dropNow);
    this.socket.close();
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
