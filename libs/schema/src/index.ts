export { SCHEMA, dataSourceOptions } from './data-source.js';
export { migrateDatabase } from './migrate.js';
