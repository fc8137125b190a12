import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { freePort } from './support/global-setup.mjs';
import { ApiProcess, postgresProcessesFor } from './support/api-process.js';

/**
 * `npm start` on a machine with no PostgreSQL: the API runs its own, keeps data across
 * restarts, survives a kill -9, and leaves no PostgreSQL behind when stopped.
 */
describe('the API process with its embedded PostgreSQL', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fm-lifecycle-')); // 0700: as root this also proves the relocation
  let clusterDir = '';
  const timings: Record<string, number> = {};
  const started: ApiProcess[] = [];
  const start = (env: Record<string, string>) => {
    const api = new ApiProcess(env);
    started.push(api);
    return api;
  };
  afterAll(async () => {
    // A failed expectation must not leave an API or its PostgreSQL running.
    for (const api of started) if (api.child.exitCode === null && api.child.signalCode === null) await api.stop('SIGTERM');
    for (const pid of clusterDir ? postgresProcessesFor(clusterDir) : []) process.kill(pid, 'SIGINT');
    rmSync(dataDir, { recursive: true, force: true });
    if (clusterDir) rmSync(clusterDir, { recursive: true, force: true });
    rmSync(`${clusterDir}.password`, { force: true });
    process.stdout.write(`lifecycle start-up times (ms): ${JSON.stringify(timings)}\n`);
  });

  it('starts, keeps accounts across a restart and a kill -9, and stops cleanly', async () => {
    const port = await freePort();
    const env = { DATA_DIR: dataDir, PORT: String(port), EMBEDDED_PG_PORT: String(await freePort()), RATE_LIMIT_AUTH: '0' };
    const base = `http://127.0.0.1:${port}`;
    const credentials = { email: 'restart@example.com', password: 'correct horse battery' };
    const post = (route: string, body: unknown) =>
      fetch(`${base}/api/v1${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    const first = start(env);
    timings.firstStart = Math.round(await first.waitHealthy(base));
    clusterDir = /data in (\S+)/.exec(first.output)?.[1] ?? '';
    expect(clusterDir).not.toBe('');
    expect(first.output).toContain('database: embedded PostgreSQL');
    expect((await post('/auth/register', { ...credentials, displayName: 'Restart' })).status).toBe(201);
    expect(await first.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(postgresProcessesFor(clusterDir)).toEqual([]);

    const second = start(env);
    timings.restart = Math.round(await second.waitHealthy(base));
    expect((await post('/auth/login', credentials)).status).toBe(200);
    await second.stop('SIGKILL');
    expect(postgresProcessesFor(clusterDir)).toHaveLength(1); // the orphaned postmaster

    const third = start(env);
    timings.afterKill9 = Math.round(await third.waitHealthy(base));
    expect(third.output).toContain('stale embedded PostgreSQL');
    expect((await post('/auth/login', credentials)).status).toBe(200);
    expect(await third.stop('SIGINT')).toEqual({ code: 0, signal: null });
    expect(postgresProcessesFor(clusterDir)).toEqual([]);
  }, 120_000);
});
