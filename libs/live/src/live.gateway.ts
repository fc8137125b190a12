import { Inject, Logger, type OnModuleDestroy, UseFilters } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Subscription } from 'rxjs';
import type { ClientToServerEvents, ServerToClientEvents, Timed } from '@fantamercato/contract';
import type { Namespace, Socket } from 'socket.io';
import { AccessTokens, type AuthenticatedUser, Sessions } from '@fantamercato/auth';
import { APP_CONFIG, type AppConfig, RateLimit, toErrorBody } from '@fantamercato/core';
import { LeagueAnnouncements, LeaguesService, type LeagueEvent, type PersonalMessage } from '@fantamercato/leagues';
import { Bidding, offerOf, type AuctionDto } from '@fantamercato/market';
import { LeagueEventLog } from './league-event-log.js';
import { LeagueStream } from './league-stream.js';
import { AckErrorsFilter, boundedParser, errorAck, screenMessages, subscribedEvents } from './live-inbox.js';
import { JoinLeagueMessage, LeaveLeagueMessage, PlaceBidMessage, type Ack } from './live.messages.js';

const leagueRoom = (leagueId: string) => `league:${leagueId}`;
const userRoom = (userId: string) => `user:${userId}`;
const sessionRoom = (sessionId: string) => `session:${sessionId}`;
const CROSS_PROCESS_EVENT = 'fantamercato:league-event';
/** Between API processes (through the Redis adapter): a committed event for the other processes' sockets. */
interface InterServerEvents {
  [CROSS_PROCESS_EVENT]: (event: LeagueEvent) => void;
}
/**
 * What a socket carries. It must stay plain data: fetchSockets sends it to other processes through
 * the Redis adapter (a timer here made that fail with a circular structure; timers live in `expiries`).
 */
type SocketData = { user: AuthenticatedUser; leagues?: Set<string> };
type LiveNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
const REPLAY_PAGE = 1_000;
/** How long a burst of joins and drops settles before the room hears who is in it. */
const PRESENCE_SETTLE_MS = 150;
/** What a message costs against RATE_LIMIT_SOCKET: a join replays from the log, so it weighs more. */
const MESSAGE_COST: Readonly<Record<string, number>> = { 'league.join': 5 };

type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** Where a message can go: one socket, or a room of them. */
interface Emitter {
  emit<E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>): boolean;
}

/**
 * A league event under its own type's name. The contract pairs each name with its event's shape;
 * an event whose `type` is a union cannot be matched to one overload, so this is the one place
 * that says the pair is right: the name is the event's own `type`.
 */
function emitEvent(to: Emitter, event: Timed<LeagueEvent>): void {
  (to.emit as (name: LeagueEvent['type'], payload: Timed<LeagueEvent>) => boolean)(event.type, event);
}

/** A personal message under its own name (see emitEvent). */
function emitPersonal(to: Emitter, message: PersonalMessage): void {
  (to.emit as (name: PersonalMessage['event'], payload: Timed<PersonalMessage['payload']>) => boolean)(message.event, {
    ...message.payload,
    serverTime: new Date().toISOString(),
  });
}

/** Sent to a socket just before it is disconnected because its access token or its session ended. */
export interface SessionExpiredMessage {
  reason: 'expired' | 'revoked';
}

/**
 * The live side of a league over Socket.IO (namespace /live): the access token is checked at the
 * handshake; `league.join` replays what a client missed and then streams, in seq order, with no
 * gap and no duplicate; `bid.place` answers through its ack with the HTTP error codes.
 * Payloads are DTOs checked by the global pipe like HTTP bodies; live-inbox.ts makes sure every
 * message with an ack gets exactly one, whatever it holds.
 */
@WebSocketGateway({ namespace: '/live', serveClient: false, maxHttpBufferSize: 64 * 1024, parser: boundedParser })
@UseFilters(new AckErrorsFilter())
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy {
  @WebSocketServer() private readonly namespace!: LiveNamespace;
  private readonly streams = new Map<string, Promise<LeagueStream>>();
  private readonly presenceTimers = new Map<string, NodeJS.Timeout>();
  /** Each socket's end of token life, by socket id. */
  private readonly expiries = new Map<string, NodeJS.Timeout>();
  private readonly logger = new Logger('Live');
  private readonly joining = new Map<string, number>();
  private readonly subscriptions: Subscription[] = [];
  /** Per connection, so in this process's memory: a socket lives in one process. */
  private readonly messageLimit: RateLimit;

  constructor(
    private readonly tokens: AccessTokens,
    private readonly leagues: LeaguesService,
    private readonly bidding: Bidding,
    private readonly announcements: LeagueAnnouncements,
    private readonly log: LeagueEventLog,
    private readonly sessions: Sessions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.messageLimit = RateLimit.inMemory(config.rateLimitSocket, 1);
  }

  afterInit(namespace: LiveNamespace): void {
    namespace.use((socket, next) => {
      // The session is checked here (a handshake is rare, unlike a bid): a token of an ended session opens nothing.
      const live = async () => {
        const user = await this.tokens.verify(socket.handshake.auth?.token);
        await this.sessions.assertLive(user.sessionId);
        return user;
      };
      live().then(
        (user) => {
          socket.data.user = user;
          next();
        },
        (error: unknown) => {
          const body = toErrorBody(error);
          next(Object.assign(new Error(body?.message ?? 'Sign in first.'), { data: { code: body?.code ?? 'UNAUTHENTICATED' } }));
        },
      );
    });
    this.subscriptions.push(
      this.announcements.events.subscribe((event) => {
        this.deliver(event);
        if (this.config.redisUrl) namespace.serverSideEmit(CROSS_PROCESS_EVENT, event);
        if (event.type === 'member.removed') this.dropFromLeague(event.leagueId, event.data.userId);
      }),
      this.announcements.personal.subscribe((message) => emitPersonal(namespace.to(userRoom(message.userId)), message)),
      // Through the adapter, so a session's sockets on every process hear it and are dropped.
      this.sessions.revocations.subscribe(({ sessionId }) => {
        const message: SessionExpiredMessage = { reason: 'revoked' };
        namespace.in(sessionRoom(sessionId)).emit('session.expired', message);
        namespace.in(sessionRoom(sessionId)).disconnectSockets();
      }),
    );
    if (this.config.redisUrl) namespace.on(CROSS_PROCESS_EVENT, this.deliverFromElsewhere);
  }

  private readonly deliverFromElsewhere = (event: LeagueEvent) => this.deliver(event);

  /**
   * A manager the commissioner removed: once the event has gone out (he hears it too), his sockets on
   * every process (through the adapter) leave the league's room; a new league.join is refused.
   */
  private dropFromLeague(leagueId: string, userId: string): void {
    setTimeout(() => {
      this.namespace.in(userRoom(userId)).socketsLeave(leagueRoom(leagueId));
      this.presenceChanged(leagueId);
    }, 250).unref();
  }

  handleConnection(socket: LiveSocket): void {
    const { user } = socket.data;
    void socket.join([userRoom(user.id), sessionRoom(user.sessionId)]);
    // A socket may not outlive its token: at expiry the client refreshes and reconnects with afterSeq.
    this.expiries.set(
      socket.id,
      setTimeout(() => this.endSession(socket, 'expired'), Math.max(0, user.expiresAt - Date.now())),
    );
    // Every incoming message pays RATE_LIMIT_SOCKET before any handler runs; over it, a message
    // with an ack callback is answered RATE_LIMITED and one without is dropped.
    socket.use((packet, next) => {
      const [event] = packet;
      this.messageLimit.consume(socket.id, MESSAGE_COST[String(event)] ?? 1).then(
        () => next(),
        (error: unknown) => {
          const ack = packet.at(-1);
          if (typeof ack === 'function') ack(errorAck(error));
        },
      );
    });
    // Then the input rules' screen: unknown events answered, messages without an ack dropped.
    screenMessages(socket, LIVE_EVENTS);
  }

  private endSession(socket: LiveSocket, reason: SessionExpiredMessage['reason']): void {
    const message: SessionExpiredMessage = { reason };
    socket.emit('session.expired', message);
    socket.disconnect();
  }

  handleDisconnect(socket: LiveSocket): void {
    clearTimeout(this.expiries.get(socket.id));
    this.expiries.delete(socket.id);
    // socket.rooms is already empty here: the socket remembers which leagues it watched.
    for (const leagueId of socket.data.leagues ?? []) {
      this.forgetIfUnwatched(leagueId);
      this.presenceChanged(leagueId);
    }
  }

  /**
   * Someone came into a league's room or left it here: in a moment (joins and drops come in bursts),
   * everyone in the room hears who is in it now. fetchSockets asks every process through the Redis
   * adapter, so the list is the whole room's; the broadcast goes to every process's sockets.
   */
  private presenceChanged(leagueId: string): void {
    if (this.presenceTimers.has(leagueId)) return;
    const timer = setTimeout(() => {
      this.presenceTimers.delete(leagueId);
      this.namespace
        .in(leagueRoom(leagueId))
        .fetchSockets()
        .then((sockets) => {
          const userIds = [...new Set(sockets.map((s) => s.data.user.id))].sort();
          this.namespace.to(leagueRoom(leagueId)).emit('presence', { leagueId, userIds, serverTime: new Date().toISOString() });
        })
        .catch((error: unknown) => this.logger.warn(`presence of league ${leagueId} not announced: ${String(error)}`));
    }, PRESENCE_SETTLE_MS);
    timer.unref();
    this.presenceTimers.set(leagueId, timer);
  }

  onModuleDestroy(): void {
    for (const timer of this.presenceTimers.values()) clearTimeout(timer);
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    this.namespace?.off(CROSS_PROCESS_EVENT, this.deliverFromElsewhere);
    for (const stream of this.streams.values())
      void stream.then(
        (s) => s.close(),
        () => undefined,
      );
  }

  @SubscribeMessage('league.join')
  async join(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() { leagueId, afterSeq }: JoinLeagueMessage,
  ): Promise<Ack<{ seq: number }>> {
    return this.answer(async () => {
      await this.leagues.requireMember(leagueId, socket.data.user.id);
      this.joining.set(leagueId, (this.joining.get(leagueId) ?? 0) + 1);
      try {
        const stream = await this.streamFor(leagueId);
        let sent = afterSeq ?? stream.delivered;
        for (;;) {
          // What this process has delivered since `sent` is in memory: send it and join the room in
          // the same tick, so no live event can fall between the replay and the room.
          const remembered = stream.deliveredSince(sent);
          if (remembered) {
            for (const event of remembered) emitEvent(socket, this.outgoing(event));
            sent = Math.max(sent, stream.delivered);
            break;
          }
          const page = await this.log.range(leagueId, sent, stream.delivered, REPLAY_PAGE);
          if (page.length === 0) break;
          for (const event of page) emitEvent(socket, this.outgoing(event));
          sent = page.at(-1)!.seq;
        }
        void socket.join(leagueRoom(leagueId));
        (socket.data.leagues ??= new Set()).add(leagueId);
        this.presenceChanged(leagueId);
        // The league's latest seq at joining (a client ahead of it gets the true latest back).
        return { seq: Math.min(sent, stream.delivered) };
      } finally {
        const still = (this.joining.get(leagueId) ?? 1) - 1;
        if (still > 0) this.joining.set(leagueId, still);
        else this.joining.delete(leagueId);
        if (!socket.connected) this.forgetIfUnwatched(leagueId);
      }
    });
  }

  @SubscribeMessage('league.leave')
  async leave(@ConnectedSocket() socket: LiveSocket, @MessageBody() { leagueId }: LeaveLeagueMessage): Promise<Ack<object>> {
    return this.answer(async () => {
      // Only a league this socket joined: anything else changes nothing and costs nothing.
      if (!socket.data.leagues?.delete(leagueId)) return {};
      void socket.leave(leagueRoom(leagueId));
      this.forgetIfUnwatched(leagueId);
      this.presenceChanged(leagueId);
      return {};
    });
  }

  @SubscribeMessage('bid.place')
  async placeBid(@ConnectedSocket() socket: LiveSocket, @MessageBody() message: PlaceBidMessage): Promise<Ack<{ auction: AuctionDto }>> {
    return this.answer(async () => {
      return { auction: await this.bidding.place(socket.data.user.id, message.auctionId, offerOf(message), message.idempotencyKey) };
    });
  }

  /** Every outcome becomes an ack; an unexpected failure is logged and answered INTERNAL. */
  private async answer<T extends object>(work: () => Promise<T>): Promise<Ack<T>> {
    try {
      return { ok: true, ...(await work()) };
    } catch (error) {
      return errorAck(error);
    }
  }

  private outgoing(event: LeagueEvent): Timed<LeagueEvent> {
    return { ...event, serverTime: new Date().toISOString() };
  }

  private deliver(event: LeagueEvent): void {
    void this.streams.get(event.leagueId)?.then(
      (stream) => stream.accept(event),
      () => undefined,
    );
  }

  private streamFor(leagueId: string): Promise<LeagueStream> {
    let stream = this.streams.get(leagueId);
    if (!stream) {
      stream = this.log.latestSeq(leagueId).then(
        (latest) =>
          new LeagueStream(
            leagueId,
            latest,
            (event) => emitEvent(this.namespace.local.to(leagueRoom(leagueId)), this.outgoing(event)),
            (after, upTo) => this.log.range(leagueId, after, upTo, REPLAY_PAGE),
          ),
      );
      this.streams.set(leagueId, stream);
      stream.catch(() => this.streams.delete(leagueId));
    }
    return stream;
  }

  private forgetIfUnwatched(leagueId: string): void {
    const watchers = this.namespace.adapter.rooms.get(leagueRoom(leagueId))?.size ?? 0;
    if (watchers > 0 || (this.joining.get(leagueId) ?? 0) > 0) return;
    const stream = this.streams.get(leagueId);
    this.streams.delete(leagueId);
    void stream?.then(
      (s) => s.close(),
      () => undefined,
    );
  }
}

/** Read once the class exists: what screenMessages lets through to the handlers. */
const LIVE_EVENTS = subscribedEvents(LiveGateway);
