import type { Socket } from 'socket.io-client';

/** socket.io-client internals the raw sender needs: its ack ids and the engine.io transport. */
interface SocketInternals {
  ids: number;
  acks: Record<number, (...args: unknown[]) => void>;
  nsp: string;
  io: { engine: { write(data: string | Buffer): void } };
}

export type AckOutcome = { acked: true; ack: unknown; extra: unknown[] } | { acked: false };

/**
 * Sends a Socket.IO event whose arguments are raw JSON text (`args` is what goes between the
 * brackets after the event name, e.g. `{"leagueId":…}` or `1,2`), asking for an ack, and waits for
 * it. Raw text reaches places a client library cannot: 100,000 levels of nesting (its own encoder
 * would overflow), `__proto__` keys, several arguments, binary attachments with a deep placeholder.
 */
export function rawEmit(
  socket: Socket,
  event: string | number,
  args: string,
  options: { attachments?: Buffer[]; timeoutMs?: number; ack?: boolean } = {},
): Promise<AckOutcome> {
  const s = socket as unknown as SocketInternals;
  const wantsAck = options.ack !== false;
  const id = wantsAck ? s.ids++ : undefined;
  const attachments = options.attachments ?? [];
  const type = attachments.length > 0 ? `5${attachments.length}-` : '2';
  const nsp = s.nsp === '/' ? '' : `${s.nsp},`;
  const packet = `${type}${nsp}${id ?? ''}[${JSON.stringify(event)}${args ? `,${args}` : ''}]`;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      if (id !== undefined) delete s.acks[id];
      resolve({ acked: false });
    }, options.timeoutMs ?? 3_000);
    if (id !== undefined) {
      s.acks[id] = (ack: unknown, ...extra: unknown[]) => {
        clearTimeout(timer);
        resolve({ acked: true, ack, extra });
      };
    }
    s.io.engine.write(packet);
    for (const attachment of attachments) s.io.engine.write(attachment);
  });
}
