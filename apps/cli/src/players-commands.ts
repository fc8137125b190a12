import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { loadConfig } from '@fantamercato/core';
import { PlayersRepository, readRegistryFile } from '@fantamercato/players';
import { migrateDatabase } from '@fantamercato/schema';
import { CliModule } from './cli.module.js';
import { withDatabase } from './database-commands.js';

/**
 * Loads or updates players from a CSV in the registry's format (see libs/players/data/README.md),
 * upserting by `ref`. Unreadable rows are reported by line and skipped; the rest land in one transaction.
 */
export async function importPlayersCommand(file: string): Promise<void> {
  const { rows, problems } = await readRegistryFile(file);
  for (const problem of problems) console.log(`line ${problem.line}: ${problem.message}`);
  await withDatabase(async (database) => {
    await migrateDatabase(database.url);
    const app = await NestFactory.createApplicationContext(CliModule.forRoot(loadConfig(), database.url), { logger: ['error', 'warn'] });
    try {
      const players = app.get(PlayersRepository);
      const { inserted, updated } = await app.get(DataSource).transaction((manager) => players.upsert(rows, manager));
      console.log(`${rows.length} player(s) read: ${inserted} added, ${updated} updated; ${problems.length} unreadable row(s) skipped`);
    } finally {
      await app.close();
    }
  });
  if (problems.length > 0 && rows.length === 0) process.exitCode = 1;
}
