import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '@fantamercato/core';
import { Api, freePort } from './api.js';
import { parentOf } from './cpu.js';

/** The repository's root, from dist/apps/bench/src. */
export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../..');

/** A fresh database `name` on the server at `serverUrl` (dropped first if there); its URL. */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The server process of a PostgreSQL on this machine: the parent of one of its backends. */
export async function postmasterPid(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const [{ pid }] = (await client.query('SELECT pg_backend_pid() AS pid')).rows;
    return parentOf(pid); // while the backend lives; NaN off Linux or for a server on another machine
  } finally {
    await client.end();
  }
}

/**
 * One API process from dist/apps/api, with every rate limit and creation cap off (a load test is
 * not abuse), on a free port of 127.0.0.1; resolves once it answers /health (it migrates first).
 * `env` adds to or overrides the bench's settings (REDIS_URL for several processes).
 */
export async function startApi(options: {
  databaseUrl: string;
  dataDir: string;
  nodeArgs?: string[];
  env?: Record<string, string>;
}): Promise<{ process: ChildProcess; pid: number; api: Api; stop: () => void }> {
  const port = await freePort();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), path.join(ROOT, 'dist/apps/api/src/main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      RATE_LIMIT_AUTH: '0',
      RATE_LIMIT_BIDS: '0',
      RATE_LIMIT_LOGIN: '0',
      RATE_LIMIT_SOCKET: '0',
      LIMIT_LEAGUES_PER_DAY: '0',
      LIMIT_OPEN_AUCTIONS_PER_LEAGUE: '0',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-123',
      DATA_DIR: options.dataDir,
      ...options.env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const api = new Api(`http://127.0.0.1:${port}`);
  const stop = () => {
    api.close();
    child.kill('SIGTERM');
  };
  try {
    await api.healthy();
  } catch (error) {
    stop();
    throw error;
  }
  return { process: child, pid: child.pid!, api, stop };
}

/** Sends PING to Redis; true on +PONG within a second. */
export function redisUp(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port || 6379) });
    const done = (ok: boolean) => (socket.destroy(), resolve(ok));
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

/**
 * What every bench runs in: a temporary directory, a PostgreSQL server (BENCH_DATABASE_URL, else an
 * embedded one in that directory) and the cleanups the bench adds as it starts things. `close` runs
 * them in reverse, lets the children exit, stops the embedded server and removes the directory.
 */
export async function openBench(prefix: string): Promise<{
  tempDir: string;
  serverUrl: string;
  cleanups: (() => unknown)[];
  close: () => Promise<void>;
}> {
  const tempDir = mkdtempSync(path.join(tmpdir(), prefix));
  chmodSync(tempDir, 0o755);
  const external = process.env.BENCH_DATABASE_URL;
  const embedded = external ? undefined : await startEmbeddedPostgres({ dataDir: path.join(tempDir, 'pg'), port: await freePort() });
  const cleanups: (() => unknown)[] = [];
  return {
    tempDir,
    serverUrl: external ?? embedded!.urlFor('postgres'),
    cleanups,
    close: async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await embedded?.stop();
      rmSync(tempDir, { recursive: true, force: true });
      if (embedded) rmSync(embedded.dataDir, { recursive: true, force: true });
    },
  };
}
