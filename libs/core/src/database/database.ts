import pg from 'pg';
import path from 'node:path';
import type { AppConfig } from '../config/config.js';
import { startEmbeddedPostgres, type EmbeddedPostgres, type EmbeddedPostgresOptions } from './embedded-postgres.js';

export const EMBEDDED_DATABASE_NAME = 'fantamercato';

export interface DatabaseTarget {
  url: string;
  /** Set when we started PostgreSQL ourselves and must stop it on shutdown. */
  embedded?: EmbeddedPostgres;
  /** One line for the log that says which database is in use (no password). */
  description: string;
}

export function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}

export async function createDatabaseIfMissing(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } catch (error) {
    // Two processes starting at once: the loser sees duplicate_database, which is fine.
    if ((error as { code?: string }).code !== '42P04') throw error;
  } finally {
    await client.end();
  }
}

/** DATABASE_URL when given; otherwise an embedded PostgreSQL kept in the data folder. */
export async function resolveDatabase(
  config: AppConfig,
  logs: Pick<EmbeddedPostgresOptions, 'onLog' | 'onNotice'> = {},
): Promise<DatabaseTarget> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, description: `PostgreSQL at ${describeUrl(config.databaseUrl)} (DATABASE_URL)` };
  }
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(config.dataDir, 'pg'), port: config.embeddedPgPort, ...logs });
  try {
    await createDatabaseIfMissing(embedded.url, EMBEDDED_DATABASE_NAME);
  } catch (error) {
    await embedded.stop();
    throw error;
  }
  const where = embedded.relocated ? `${embedded.dataDir} (the data folder is not reachable by the postgres user)` : embedded.dataDir;
  return {
    url: embedded.urlFor(EMBEDDED_DATABASE_NAME),
    embedded,
    description: `embedded PostgreSQL on 127.0.0.1:${embedded.port}, data in ${where}`,
  };
}
