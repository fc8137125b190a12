import type { IncomingMessage } from 'node:http';
import querystring from 'node:querystring';
import { PassThrough, type Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import helmet from 'helmet';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger as Pino } from 'pino';
import type { TrustProxy } from '../config/config.js';
import { DomainError, ValidationFailedError } from '../errors/domain-error.js';
import { inputProblems, STRUCTURE_ONLY } from '../input/input-rules.js';
import { HttpExceptionFilter } from './http-exception.filter.js';
import { httpLogger, requestIdOf } from './logging.js';
import { AppValidationPipe } from './validation.js';

export const API_PREFIX = 'api/v1';
/** 1 MB, as express.json's '1mb' counted it: larger bodies are refused 413 PAYLOAD_TOO_LARGE. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * TRUST_PROXY as Express read it. Addresses and ranges go to proxy-addr as they are. A hop count n
 * believes the n nearest hops, the socket's peer first (Express's `(addr, i) => i < n`): Fastify 5
 * reads a bare number as "trust nothing", so it gets that function instead.
 */
function trustProxyOption(trustProxy: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  if (trustProxy === false) return false;
  if (typeof trustProxy === 'number') return (_address, hop) => hop < trustProxy;
  return [...trustProxy];
}

/**
 * The Fastify server under Nest: the 1 MB body limit, TRUST_PROXY, and a request id that keeps a
 * caller's sane X-Request-Id. Paths (a trailing slash, letter case) and query strings read as they did on Express.
 */
export function createHttpAdapter(options: { trustProxy: TrustProxy }): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: trustProxyOption(options.trustProxy),
    genReqId: (req: IncomingMessage) => requestIdOf(req),
    // Node's default, which Express kept and Fastify turns off: a request has five minutes to arrive whole.
    requestTimeout: 300_000,
    // Express 5's "simple" query parser, Node's querystring: a repeated key is an array, `a[b]` is a
    // key, and the object has no prototype (fast-querystring's has an empty one the input rules refuse).
    // Routes match case-insensitively (parameters keep their case), as Express's did.
    routerOptions: { ignoreTrailingSlash: true, caseSensitive: false, querystringParser: (query: string) => querystring.parse(query) },
  });
}

function mediaTypeOf(header: string): { type: string; charset: string | undefined } {
  const [type = '', ...parameters] = header.split(';');
  const charset = parameters
    .map((parameter) => parameter.trim().toLowerCase())
    .find((parameter) => parameter.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/^"|"$/g, '');
  return { type: type.trim().toLowerCase(), charset };
}

/** A body that is there but is not JSON (or not UTF-8 JSON) is refused before anything reads it. */
function requireJsonBodies(request: FastifyRequest): void {
  const { headers } = request;
  const hasBody = headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;
  if (!METHODS_WITH_BODY.has(request.method) || !hasBody) return;
  const { type, charset } = mediaTypeOf(headers['content-type'] ?? '');
  if (type !== 'application/json') throw new DomainError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json.');
  if (charset !== undefined && !charset.startsWith('utf-'))
    throw new DomainError(415, 'UNSUPPORTED_MEDIA_TYPE', 'The body charset is not supported; send UTF-8 JSON.');
  const encoding = encodingOf(request);
  if (encoding !== 'identity' && !Object.hasOwn(INFLATERS, encoding))
    throw new DomainError(415, 'UNSUPPORTED_MEDIA_TYPE', 'The body encoding is not supported.');
}

/** The compressed bodies express.json inflated, and still does here. */
const INFLATERS: Record<string, () => Transform> = { gzip: createGunzip, deflate: createInflate, br: createBrotliDecompress };

const encodingOf = (request: FastifyRequest) => (request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();

/**
 * A compressed body reaches the parser inflated. The 1 MB limit counts inflated bytes (no zip
 * bomb gets past it); Content-Length is checked against the bytes sent (receivedEncodedLength).
 * Data that does not inflate is a 400, like a body that does not parse.
 */
function inflated(request: FastifyRequest, payload: Readable): Readable {
  const inflater = INFLATERS[encodingOf(request)]?.();
  if (!inflater) return payload;
  let encodedBytes = 0;
  const body = new PassThrough();
  Object.defineProperty(body, 'receivedEncodedLength', { get: () => encodedBytes });
  payload.on('data', (chunk: Buffer) => (encodedBytes += chunk.length));
  payload.on('error', (error) => body.destroy(error));
  inflater.on('error', () => body.destroy(new DomainError(400, 'BAD_REQUEST', 'The request body could not be decompressed.')));
  payload.pipe(inflater).pipe(body);
  return body;
}

/**
 * Any JSON value parses (like express.json with strict:false), so `"text"` or `[1]` can be refused as
 * VALIDATION_FAILED (JSON that is not an object) rather than as malformed JSON. An empty body is no body.
 */
function parseJson(_request: FastifyRequest, body: string, done: (error: Error | null, body?: unknown) => void): void {
  if (body === '') return done(null, undefined);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return done(new DomainError(400, 'MALFORMED_JSON', 'The request body is not valid JSON.'));
  }
  done(null, parsed);
}

/**
 * Right after JSON.parse (which does not recurse, whatever the depth), before any guard, pipe or
 * logger walks the body: too deep, prototype-shaped keys, unsafe numbers. The pipe applies the
 * rest of the input rules (null, NUL) once it knows the route's DTO.
 */
function refuseHostileStructure(request: FastifyRequest): void {
  const problems = request.body === undefined ? [] : inputProblems(request.body, STRUCTURE_ONLY);
  if (problems.length > 0) throw new ValidationFailedError(problems);
}

/** Helmet's default security headers (CSP included), as one middleware made once. */
const secureHeaders = helmet();

/**
 * JSON only, parsed by us. Registered as a plugin that does not encapsulate (what fastify-plugin
 * marks with this symbol), so its hooks and parser apply to the whole server, after the security headers' hook.
 */
const bodyRules = Object.assign(
  async (instance: FastifyInstance) => {
    instance.addHook('onRequest', async (request) => requireJsonBodies(request));
    instance.addHook('preParsing', async (request, _reply, payload) => inflated(request, payload));
    instance.removeAllContentTypeParsers();
    instance.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES }, parseJson);
    instance.addHook('preValidation', async (request) => refuseHostileStructure(request));
  },
  { [Symbol.for('skip-override')]: true },
);

/**
 * The HTTP edge shared by the API and the e2e tests, as Fastify hooks in this order: the request id
 * and its log line, security headers, the JSON-only rule, a 1 MB JSON parser whose failures answer
 * in the same error shape as everything else (through Nest's error handler and the global filter),
 * the structure check, the global validation pipe and exception filter, and the /api/v1 prefix.
 */
export function configureHttp(app: NestFastifyApplication, options: { logger: Pino }): void {
  const fastify = app.getHttpAdapter().getInstance();
  const log = httpLogger(options.logger);
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    // pino-http takes the id Fastify gave the request (see createHttpAdapter) instead of making one.
    Object.assign(request.raw, { id: request.id });
    reply.raw.setHeader('x-request-id', request.id);
    log(request.raw, reply.raw);
    done();
  });
  // Added now, so it runs after the hook above and before the ones below: every answer, refusals
  // from those included, carries the headers. Helmet's middleware is built once, here; its Fastify
  // plugin builds it again on every request, parsing the CSP each time (the plugin and helmet took
  // 5 % of the API's CPU on a hot auction's bids). The headers are the same, byte for byte.
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) =>
    secureHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)),
  );
  void app.register(bodyRules);
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(new AppValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
}
