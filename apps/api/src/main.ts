import 'reflect-metadata';
import { ConfigError, createRootLogger, loadConfig, resolveDatabase, type AppConfig, type DatabaseTarget } from '@fantamercato/core';
import { migrateDatabase } from '@fantamercato/schema';
import { createApi } from './bootstrap.js';

const SHUTDOWN_GRACE_MS = 15_000;

function readConfig(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const config = readConfig();
  const log = createRootLogger(config.logLevel, undefined, config.logFormat).child({ context: 'Bootstrap' });
  let database: DatabaseTarget | undefined;
  try {
    database = await resolveDatabase(config, {
      onLog: (line) => log.debug({ postgres: line }),
      onNotice: (message) => log.info(message),
    });
    log.info(`database: ${database.description}`);
    const ran = await migrateDatabase(database.url);
    if (ran.length > 0) log.info({ migrations: ran }, `applied ${ran.length} migration(s)`);
    const app = await createApi(config, database.url);
    await app.listen(config.port, config.host);

    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      log.info(`${signal}: shutting down`);
      setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
      try {
        await app.close(); // stop accepting, finish in-flight requests, close the pool
      } finally {
        await database?.embedded?.stop(); // then PostgreSQL, so nothing is left running
        process.exit(0);
      }
    };
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => void shutdown(signal));

    const url = `http://localhost:${config.port}/`;
    log.info({ startupMs: Math.round(performance.now() - startedAt) }, `Fantamercato is ready: open ${url} (API docs: ${url}api/docs)`);
  } catch (error) {
    log.fatal({ err: error }, 'start-up failed');
    await database?.embedded?.stop().catch(() => undefined);
    process.exit(1);
  }
}

void main();
