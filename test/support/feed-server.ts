import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'feeds');

/** One route of the local feed server: what it answers, and how (the test may change it between polls). */
export interface Route {
  status?: number;
  type?: string;
  /** A fixture file under test/fixtures/feeds, with {{BASE}} replaced by the server's address. */
  fixture?: string;
  body?: string;
  /** Answered with this ETag and Last-Modified, and 304 to a request that presents either. */
  etag?: string;
  lastModified?: string;
  /** Redirect to this url (relative to the server, or absolute). */
  location?: string;
  /** Wait this long before answering. */
  delayMs?: number;
}

export interface FeedServer {
  base: string;
  routes: Map<string, Route>;
  /** Every request, in order of arrival: path and the status answered (0 while it is being answered). */
  log: { path: string; status: number; headers: IncomingMessage['headers'] }[];
  hits(path: string, status?: number): number;
  close(): Promise<void>;
}

/** A feed publisher on 127.0.0.1 for the tests: real HTTP, conditional GETs, redirects, slow and broken answers. */
export async function startFeedServer(routes: Record<string, Route> = {}, host = '127.0.0.1'): Promise<FeedServer> {
  const table = new Map(Object.entries(routes));
  const log: FeedServer['log'] = [];
  let base = '';
  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', base);
    const route = table.get(url.pathname);
    // Logged on arrival (status 0 until answered), so a test can act while a slow answer is on its way.
    const entry = { path: url.pathname + url.search, status: 0, headers: req.headers };
    log.push(entry);
    const done = (status: number) => {
      entry.status = status;
    };
    if (!route) {
      res.writeHead(404).end('not here');
      return done(404);
    }
    if (route.delayMs) await new Promise((resolve) => setTimeout(resolve, route.delayMs));
    if (route.location) {
      res.writeHead(route.status ?? 302, { location: route.location }).end();
      return done(route.status ?? 302);
    }
    if (
      (route.etag && req.headers['if-none-match'] === route.etag) ||
      (route.lastModified && req.headers['if-modified-since'] === route.lastModified)
    ) {
      res.writeHead(304, { ...(route.etag ? { etag: route.etag } : {}) }).end();
      return done(304);
    }
    const body = route.fixture ? readFileSync(path.join(FIXTURES, route.fixture), 'utf8').replaceAll('{{BASE}}', base) : (route.body ?? '');
    const status = route.status ?? 200;
    res.writeHead(status, {
      'content-type': route.type ?? 'application/xml; charset=utf-8',
      ...(route.etag ? { etag: route.etag } : {}),
      ...(route.lastModified ? { 'last-modified': route.lastModified } : {}),
    });
    res.end(body);
    done(status);
  };
  const server: Server = createServer((req, res) => void answer(req, res));
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    routes: table,
    log,
    hits: (p, status) => log.filter((l) => l.path.split('?')[0] === p && (status === undefined || l.status === status)).length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
