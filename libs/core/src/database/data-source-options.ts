import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';

export interface SchemaDefinition {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
}

/**
 * The one definition of how we talk to PostgreSQL, used by the API, the CLI, the migration
 * commands and the tests. Entities and migrations are explicit lists: no globs, no
 * `synchronize` — the schema changes only through migrations/.
 */
export function postgresOptions(
  url: string,
  schema: SchemaDefinition,
  overrides: { poolSize?: number; applicationName?: string } = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: schema.entities,
    migrations: schema.migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Failed queries surface as exceptions (logged once, with the request id, when unexpected);
    // expected ones, like a unique violation that answers 409, are not errors worth a log line.
    logging: ['warn', 'migration'],
    poolSize: overrides.poolSize ?? 10,
    applicationName: overrides.applicationName ?? 'fantamercato',
    // Durations and money never go through JS floats: timestamps are timestamptz, money is bigint
    // parsed by the column transformers of each entity.
    extra: { connectionTimeoutMillis: 10_000 },
  };
}
