import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
// Jest loads globalSetup outside its module mapper, so it uses the build (npm test builds first).
import { startEmbeddedPostgres } from '../../dist/libs/core/src/index.js';
import { dataSourceOptions, migrateDatabase } from '../../dist/libs/schema/src/index.js';
import { syncStarterRegistry } from '../../dist/libs/players/src/index.js';
import { loadStarterReportsIfMissing } from '../../dist/libs/pricing/src/index.js';
import { DataSource } from 'typeorm';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** globalSetup and globalTeardown share this process's globals (and nothing else). */
export const run = (globalThis.__fantamercatoTestRun ??= {});

/**
 * One PostgreSQL for the whole run — the machine's when TEST_DATABASE_URL is set, otherwise
 * an embedded one in a temp folder with fsync off — and one migrated template database.
 */
export default async function globalSetup() {
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const dir = mkdtempSync(path.join(tmpdir(), 'fm-test-pg-'));
    chmodSync(dir, 0o755); // reachable by the postgres user when the tests run as root
    const server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort(), ephemeral: true });
    run.embedded = { server, tempDir: dir };
    serverUrl = server.urlFor('postgres');
  }
  // This run's own tag: its template and every database cloned from it carry it, so a run on a shared
  // server cleans up its own databases and never another run's.
  const tag = `${process.pid}_${Date.now()}`;
  const template = `fm_template_${tag}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${client.escapeIdentifier(template)}`);
  await client.end();
  const templateUrl = new URL(serverUrl);
  templateUrl.pathname = `/${template}`;
  await migrateDatabase(templateUrl.toString());
  // The starter registry and reports once in the template, so every cloned database starts as a first start does.
  const dataSource = await new DataSource(dataSourceOptions(templateUrl.toString(), { poolSize: 2 })).initialize();
  await syncStarterRegistry(dataSource);
  await loadStarterReportsIfMissing(dataSource);
  await dataSource.destroy();

  process.env.FM_TEST_SERVER_URL = serverUrl;
  process.env.FM_TEST_TEMPLATE = template;
  process.env.FM_TEST_RUN = tag;
  run.serverUrl = serverUrl;
  run.tag = tag;
  run.template = template;
}
