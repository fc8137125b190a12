import { postgresOptions, type SchemaDefinition } from '@fantamercato/core';
import { UserEntity } from '@fantamercato/auth';
import { PlayerEntity } from '@fantamercato/players';
import { ArticleEntity, FeeReportEntity, PriceHistoryEntity } from '@fantamercato/pricing';
import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations/index.js';

/**
 * The composition root of the database: every entity of every feature lib and every migration.
 * The API, the CLI (db:migrate, db:migration:generate) and the tests all build their DataSource here.
 */
export const SCHEMA: SchemaDefinition = {
  entities: [UserEntity, PlayerEntity, ArticleEntity, FeeReportEntity, PriceHistoryEntity],
  migrations: MIGRATIONS,
};

export function dataSourceOptions(url: string, overrides?: Parameters<typeof postgresOptions>[2]): DataSourceOptions {
  return postgresOptions(url, SCHEMA, overrides);
}
