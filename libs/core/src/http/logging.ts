import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import { type DestinationStream, pino, type Logger as Pino } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { PinoPretty } from 'pino-pretty';
import type { LogFormat, LogLevel } from '../config/config.js';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Keeps a caller's X-Request-Id when it is sane, otherwise makes one (Fastify's genReqId). */
export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** The id for a request that has none yet (the edge hands pino-http Fastify's); echoed in the response. */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const id = requestIdOf(req);
  res.setHeader('x-request-id', id);
  return id;
}

/**
 * Never in a log line: credentials, and what a failed statement was given — a database error carries
 * its parameters (an article's whole text, a password hash) and a detail naming the values it met.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'err.parameters',
  'err.driverError.detail',
  'err.driverError.where',
];

/**
 * The root logger. `json` writes one object per line for a collector; `pretty` writes one short human
 * line per event for a terminal: time, level, context and message, without the request and response
 * objects (the request line's message already says method, path, status and time).
 */
export function createRootLogger(level: LogLevel, destination?: DestinationStream, format: LogFormat = 'json'): Pino {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  if (format === 'pretty') {
    const pretty = PinoPretty({
      destination: destination ?? 1,
      sync: true,
      colorize: destination === undefined && process.stdout.isTTY === true,
      translateTime: 'SYS:HH:MM:ss',
      ignore: 'pid,hostname,context,req,res,responseTime,reqId',
      messageFormat: '{if context}{context}: {end}{msg}',
      singleLine: true,
    });
    return pino(options, pretty);
  }
  return destination ? pino(options, destination) : pino(options);
}

/** Nest's wiring report: one line per module, route and socket message, useful only when debugging. */
const WIRING_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'WebSocketsController',
  'NestApplication',
]);

/** The path as the client sent it (a mounted handler may have rewritten `req.url`). */
function pathOf(req: IncomingMessage): string | undefined {
  return (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url;
}

/** One JSON line per request with its id, status and duration. */
export function httpLogger(root: Pino): HttpLogger {
  return pinoHttp({
    logger: root,
    genReqId: requestId,
    // A refused bid or a wrong password is the product working: info, like a success. Failures are
    // errors; being rate-limited is the one client answer an operator should notice.
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode === 429 ? 'warn' : 'info'),
    autoLogging: { ignore: (req) => req.url === '/api/v1/health' },
    // The message alone reads as a line in a terminal; JSON keeps req/res beside it for collectors.
    customSuccessMessage: (req, res, ms) => `${req.method} ${pathOf(req)} ${res.statusCode} ${Math.round(ms)} ms`,
    customErrorMessage: (req, res, error) => `${req.method} ${pathOf(req)} ${res.statusCode} failed: ${error.message}`,
  });
}

/** Nest's own messages (start-up, route map, errors) as structured pino lines. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly root: Pino) {}

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, params: unknown[]): void {
    const context = typeof params.at(-1) === 'string' ? (params.at(-1) as string) : undefined;
    if (level === 'info' && context !== undefined && WIRING_CONTEXTS.has(context)) level = 'debug';
    if (message instanceof Error) this.root[level]({ context, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.root[level]({ context, ...message });
    else this.root[level]({ context }, String(message));
  }

  log(message: unknown, ...params: unknown[]) {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]) {
    this.write('fatal', message, params);
  }
}
