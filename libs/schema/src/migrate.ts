import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source.js';

/** Any fixed number: all our processes agree on it, so only one migrates at a time. The lock is
 * held on its own connection while the migrations run on the other (hence a pool of two). */
const MIGRATION_LOCK = 0x46_4d_4d_47; // "FMMG"

/**
 * Runs pending migrations under a session advisory lock, so several API processes starting
 * together against one database migrate exactly once. Returns the names of what ran.
 */
export async function migrateDatabase(url: string): Promise<string[]> {
  const dataSource = new DataSource({
    ...dataSourceOptions(url, { poolSize: 2, applicationName: 'fantamercato-migrate' }),
    logging: ['error'],
  });
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const ran = await dataSource.runMigrations({ transaction: 'each' });
      return ran.map((migration) => migration.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await runner.release();
    await dataSource.destroy();
  }
}
