import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig, resolveDatabase, type DatabaseTarget } from '@fantamercato/core';
import { dataSourceOptions, migrateDatabase } from '@fantamercato/schema';

/** Runs `work` against the configured database (starting the embedded one if needed), then stops it. */
export async function withDatabase<T>(work: (database: DatabaseTarget) => Promise<T>): Promise<T> {
  const database = await resolveDatabase(loadConfig(), { onNotice: (message) => console.error(message) });
  console.error(`database: ${database.description}`);
  try {
    return await work(database);
  } finally {
    await database.embedded?.stop();
  }
}

export async function migrate(): Promise<void> {
  await withDatabase(async ({ url }) => {
    const ran = await migrateDatabase(url);
    console.log(ran.length ? `applied: ${ran.join(', ')}` : 'the schema is up to date');
  });
}

/**
 * Writes migrations/<timestamp>-<Name>.ts with the SQL that takes the migrated schema to what the
 * entities describe (TypeORM's schema diff), for review and editing before it is committed.
 */
export async function generateMigration(name: string, migrationsDir: string): Promise<void> {
  if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) throw new Error('the migration name must be PascalCase, e.g. AddAuctions');
  await withDatabase(async ({ url }) => {
    await migrateDatabase(url);
    const dataSource = new DataSource(dataSourceOptions(url, { poolSize: 2 }));
    await dataSource.initialize();
    try {
      const { upQueries, downQueries } = await dataSource.driver.createSchemaBuilder().log();
      if (upQueries.length === 0) {
        console.log('no changes: the entities match the migrated schema');
        return;
      }
      const timestamp = Date.now();
      const quote = (sql: string) => `\`${sql.replaceAll('\\', '\\\\').replaceAll('`', '\\`').replaceAll('${', '\\${')}\``;
      const lines = (queries: { query: string }[]) => queries.map((q) => `    await q.query(${quote(q.query)});`).join('\n');
      const file = path.join(migrationsDir, `${timestamp}-${name}.ts`);
      await writeFile(
        file,
        `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${timestamp} implements MigrationInterface {
  name = '${name}${timestamp}';

  async up(q: QueryRunner): Promise<void> {
${lines(upQueries)}
  }

  async down(q: QueryRunner): Promise<void> {
${lines([...downQueries].reverse())}
  }
}
`,
      );
      console.log(`wrote ${path.relative(process.cwd(), file)}: review it, then add ${name}${timestamp} to migrations/index.ts`);
    } finally {
      await dataSource.destroy();
    }
  });
}
