import { type ArgumentsHost, Catch, Logger, type WsExceptionFilter } from '@nestjs/common';
import { MESSAGE_METADATA } from '@nestjs/websockets/constants.js';
import type { Socket } from 'socket.io';
import { Decoder, Encoder } from 'socket.io-parser';
import { DomainError, NESTED_TOO_DEEP, nestedTooDeep, toErrorBody } from '@fantamercato/core';
import type { Ack } from './live.messages.js';

/**
 * How every incoming Socket.IO message is answered, whatever it holds. A message either has an ack
 * callback — then exactly one ack `{ok:…}` comes back, a refusal being `{ok:false, error:{code,message}}` —
 * or it has none and is ignored: nobody would hear the answer, and a bid must not be placed unheard.
 * Payloads meet the same input rules and DTO pipe as HTTP bodies (see AppValidationPipe).
 */

const logger = new Logger('Live');

/** A thrown error as an ack: the HTTP codes, without the status; anything unforeseen is logged and INTERNAL. */
export function errorAck(error: unknown): Extract<Ack<object>, { ok: false }> {
  const body = toErrorBody(error);
  if (!body) {
    logger.error(error);
    return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong on our side.' } };
  }
  const { statusCode: _status, ...rest } = body;
  return { ok: false, error: rest };
}

/**
 * Answers through the ack whatever Nest's pipes, guards or handlers throw. Without it, Nest's
 * default WebSocket filter emits an `exception` event ("Internal server error", echoing the payload)
 * and never calls the ack — which is why a NUL payload, refused by the global pipe before the
 * handler ran, used to get no answer at all.
 */
@Catch()
export class AckErrorsFilter implements WsExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const ack = host.getArgs().find((arg): arg is (answer: unknown) => void => typeof arg === 'function');
    if (ack) ack(errorAck(exception));
    else logger.warn(`a refused message had no ack: ${String((exception as Error)?.message ?? exception)}`);
  }
}

/** The events a gateway subscribes to (its @SubscribeMessage names). */
export function subscribedEvents(gateway: abstract new (...args: never[]) => object): Set<string> {
  const prototype = gateway.prototype as Record<string, unknown>;
  const events = Object.getOwnPropertyNames(prototype).map((name) => prototype[name]);
  return new Set(
    events.flatMap((method) =>
      typeof method === 'function' ? ((Reflect.getMetadata(MESSAGE_METADATA, method) as string | undefined) ?? []) : [],
    ),
  );
}

/**
 * Runs before any listener for every packet: a message without an ack is dropped, an unknown
 * event answered UNKNOWN_EVENT; the rest go on to the gateway's handlers.
 */
export function screenMessages(socket: Socket, events: Set<string>): void {
  socket.use((packet, next) => {
    const [event, ...args] = packet as unknown[];
    const ack = args.at(-1);
    if (typeof ack !== 'function') return;
    if (typeof event !== 'string' || !events.has(event)) {
      ack(
        errorAck(
          new DomainError(
            404,
            'UNKNOWN_EVENT',
            `There is no message called ${JSON.stringify(String(event).slice(0, 64))}; see the contract for the live messages.`,
          ),
        ),
      );
      return;
    }
    next();
  });
}

/**
 * socket.io-parser, except that an argument nested deeper than the input rules allow is replaced,
 * as soon as the packet is parsed, by a marker that the rules refuse. JSON.parse itself does not
 * recurse, but the parser's binary reconstruction does: a binary packet nested 30,000 levels deep
 * overflowed the stack there, and the parser error closed the connection.
 */
class BoundedDecoder extends Decoder {}
const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return false; // what socket.io-parser's tryParse answers for invalid JSON
  }
};
// tryParse is the parser's one JSON step (private in its typings, stable across 4.2.x, pinned in package.json).
Object.defineProperty(BoundedDecoder.prototype, 'tryParse', {
  value(text: string): unknown {
    const payload = parse(text);
    if (Array.isArray(payload)) {
      for (let i = 1; i < payload.length; i += 1) if (nestedTooDeep(payload[i])) payload[i] = NESTED_TOO_DEEP;
    }
    return payload;
  },
});

export const boundedParser = { Encoder, Decoder: BoundedDecoder };
