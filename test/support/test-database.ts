import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Each test file gets its own database, cloned from the migrated template that globalSetup
 * made, so files run in parallel without seeing each other's rows.
 */
export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env.FM_TEST_SERVER_URL;
  if (!url) throw new Error('FM_TEST_SERVER_URL is not set: run the e2e suites through jest (globalSetup starts PostgreSQL)');
  return url;
}

export function databaseUrl(name: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function withServer<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env.FM_TEST_TEMPLATE!;
  const name = `fm_test_${process.env.FM_TEST_RUN ?? 'x'}_${randomBytes(6).toString('hex')}`;
  await withServer((c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)} TEMPLATE ${c.escapeIdentifier(template)}`));
  return {
    url: databaseUrl(name),
    name,
    drop: async () => {
      const drift = await holdingsDrift(databaseUrl(name));
      await withServer((c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`));
      if (drift.length > 0)
        throw new Error(`memberships' holdings counters drifted from their rosters and leads: ${JSON.stringify(drift)}`);
    },
  };
}

/**
 * Every membership whose holdings counters (held_gk … held_fwd) differ from what it owns and leads
 * by position — checked as each test database goes, so any suite's moves (bids, sales, trades,
 * releases, merges, removals) that left a counter wrong fail that suite. Nothing to check where the
 * database is not migrated that far.
 */
export async function holdingsDrift(url: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch {
    return []; // already gone (a test that dropped it itself)
  }
  try {
    const [{ migrated }] = (await client.query(`SELECT to_regprocedure('held_by_position(uuid, uuid)') IS NOT NULL AS migrated`)).rows;
    if (!migrated) return [];
    const { rows } = await client.query(
      `SELECT m.league_id, m.user_id, m.held_gk, m.held_def, m.held_mid, m.held_fwd, h.*
         FROM memberships m, held_by_position(m.league_id, m.user_id) h
        WHERE (m.held_gk, m.held_def, m.held_mid, m.held_fwd) IS DISTINCT FROM (h.gk, h.def, h.mid, h.fwd)`,
    );
    return rows;
  } finally {
    await client.end();
  }
}
