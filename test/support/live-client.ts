import { io, type Socket } from 'socket.io-client';

export interface ReceivedEvent {
  name: string;
  payload: { seq?: number; type?: string; data?: Record<string, unknown>; serverTime?: string; [key: string]: unknown };
  receivedAt: number;
}

/** A Socket.IO client on /live that records everything it receives, in order. */
export class LiveClient {
  readonly socket: Socket;
  readonly received: ReceivedEvent[] = [];
  /** Why the server or the network ended the connection, once it has ended. */
  private readonly ended: Promise<string>;

  constructor(baseUrl: string, token: string | undefined) {
    this.socket = io(`${baseUrl}/live`, {
      auth: token === undefined ? {} : { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    this.socket.onAny((name: string, payload: ReceivedEvent['payload']) =>
      this.received.push({ name, payload, receivedAt: performance.now() }),
    );
    this.ended = new Promise((resolve) => this.socket.once('disconnect', (reason) => resolve(reason)));
  }

  /** The disconnect reason ('io server disconnect' when the server dropped the socket). */
  disconnected(timeoutMs = 10_000): Promise<string> {
    return Promise.race([
      this.ended,
      new Promise<string>((_, reject) => setTimeout(() => reject(new Error(`still connected after ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
  }

  connected(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.socket.connected) return resolve();
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
    });
  }

  refused(): Promise<Error & { data?: { code?: string } }> {
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => reject(new Error('connected, but should have been refused')));
      this.socket.once('connect_error', resolve);
    });
  }

  request<T = any>(event: string, ...args: unknown[]): Promise<T> {
    return this.socket.timeout(10_000).emitWithAck(event, ...args) as Promise<T>;
  }

  /** League events (those with a seq), in the order received. */
  leagueEvents() {
    return this.received
      .filter((r) => typeof r.payload?.seq === 'number')
      .map((r) => r.payload as Required<Pick<ReceivedEvent['payload'], 'seq' | 'type' | 'data'>> & ReceivedEvent['payload']);
  }

  async waitFor(predicate: (r: ReceivedEvent) => boolean, timeoutMs = 10_000): Promise<ReceivedEvent> {
    const started = Date.now();
    for (;;) {
      const found = this.received.find(predicate);
      if (found) return found;
      if (Date.now() - started > timeoutMs) throw new Error(`timed out; received: ${JSON.stringify(this.received.map((r) => r.name))}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  close(): void {
    this.socket.close();
  }
}
