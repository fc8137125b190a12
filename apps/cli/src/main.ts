import 'reflect-metadata';
import path from 'node:path';
import { Command } from 'commander';
import { ConfigError } from '@fantamercato/core';
import { generateMigration, migrate } from './database-commands.js';

const program = new Command()
  .name('fantamercato')
  .description('Fantamercato command line: database, players and news (npm run cli -- <command>)')
  .showHelpAfterError();

program.command('db:migrate').description('apply pending migrations').action(migrate);

program
  .command('db:migration:generate')
  .argument('<Name>', 'PascalCase name of the change, e.g. AddAuctions')
  .description('write a migration from the difference between the entities and the migrated schema')
  .action((name: string) => generateMigration(name, path.resolve('migrations')));

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? 'Configuration error: ' : 'error: '}${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
