import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The project root, whether this file runs compiled (dist/apps/api/src) or from source under
 * Jest (apps/api/src): the client is always built into <root>/dist/web by `npm run build`.
 */
function projectRoot(): string {
  const up3 = path.resolve(import.meta.dirname, '..', '..', '..');
  return path.basename(up3) === 'dist' ? path.dirname(up3) : up3;
}

export const WEB_ROOT = path.join(projectRoot(), 'dist', 'web');

/** Paths that belong to the API, its docs and Socket.IO: never answered with the client's page. */
const NOT_THE_CLIENT = /^\/(api|socket\.io)(\/|$)/;

/**
 * The built client's pages get their own CSP: helmet's default adds `upgrade-insecure-requests`,
 * which would send a phone that opened http://<laptop-ip>:3000 to https for every asset and
 * break the page on a LAN. Everything else stays 'self' only (ws: of the same origin included).
 */
const CLIENT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/** The path without its query string, as Express's `req.path` was. */
const pathOf = (request: FastifyRequest) => request.url.split('?', 1)[0] ?? '/';

/**
 * Serves the web client from dist/web at `/`: hashed assets cached for a year, and index.html for
 * every client route (`/join/<code>`, `/leagues/<id>` …) — but never for /api/*, /api/docs or
 * /socket.io/*, whose unknown paths keep answering the API's JSON 404 (Nest's not-found handler,
 * which answers every path no route takes). Without a built client the API starts all the same and
 * says so once. Socket.IO answers /socket.io/ itself, before Fastify sees the request.
 */
export function serveWebClient(app: NestFastifyApplication, root = WEB_ROOT): boolean {
  const index = path.join(root, 'index.html');
  if (!existsSync(index)) {
    new Logger('Web').warn(`No web client at ${root} (run \`npm run build\`); serving the API only.`);
    return false;
  }
  void app.register(async (instance: FastifyInstance) => {
    // A missing asset goes to the not-found handler: the API's JSON 404, never the page.
    await instance.register(fastifyStatic, {
      root: path.join(root, 'assets'),
      prefix: '/assets/',
      index: false,
      immutable: true,
      maxAge: '365d',
      wildcard: true,
    });
    // Every other GET (and HEAD): a client route, unless it belongs to the API or names a file.
    instance.get('/*', (request: FastifyRequest, reply: FastifyReply) => {
      const pathname = pathOf(request);
      // A path with a file extension is a missing file, not a page.
      if (NOT_THE_CLIENT.test(pathname) || (path.extname(pathname) !== '' && pathname !== '/index.html')) return reply.callNotFound();
      void reply.header('Content-Security-Policy', CLIENT_CSP).header('Cache-Control', 'no-cache');
      return reply.sendFile('index.html', root, { cacheControl: false });
    });
  });
  return true;
}
