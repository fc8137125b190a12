import { existsSync } from 'node:fs';
import path from 'node:path';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';

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
/** What Nest routes itself (its own JSON 404 included); any other /api path is unknown here. */
const NEST_ROUTES = /^\/api\/(v1|docs)(\/|$)/;

/** The API's 404, for paths Nest never sees (outside its /api/v1 prefix). */
function notFound(req: Request, res: Response): void {
  res.status(404).json({ statusCode: 404, code: 'NOT_FOUND', message: `Cannot ${req.method} ${req.path}` });
}

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

/**
 * Serves the web client from dist/web at `/`: hashed assets cached for a year, and index.html for
 * every client route (`/join/<code>`, `/leagues/<id>` …) — but never for /api/*, /api/docs or
 * /socket.io/*, whose unknown paths keep answering the API's JSON 404. Without a built client
 * the API starts all the same and says so once.
 */
export function serveWebClient(app: NestExpressApplication, root = WEB_ROOT): boolean {
  const index = path.join(root, 'index.html');
  if (!existsSync(index)) {
    new Logger('Web').warn(`No web client at ${root} (run \`npm run build\`); serving the API only.`);
    app.use((req: Request, res: Response, next: NextFunction) =>
      NEST_ROUTES.test(req.path) || req.path.startsWith('/socket.io') ? next() : notFound(req, res),
    );
    return false;
  }
  app.use('/assets', express.static(path.join(root, 'assets'), { index: false, immutable: true, maxAge: '365d', fallthrough: true }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (NEST_ROUTES.test(req.path) || req.path.startsWith('/socket.io')) return next();
    if (NOT_THE_CLIENT.test(req.path) || (req.method !== 'GET' && req.method !== 'HEAD')) return notFound(req, res);
    // A path with a file extension is a missing file, not a page.
    if (path.extname(req.path) !== '' && req.path !== '/index.html') return notFound(req, res);
    res.setHeader('Content-Security-Policy', CLIENT_CSP);
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index, (error) => error && next(error));
  });
  return true;
}
