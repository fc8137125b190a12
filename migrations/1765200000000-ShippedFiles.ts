import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which version of a data file shipped with the product a database holds, by its SHA-256: the
 * start compares it with the file and, when they differ, brings the file's facts in (the player
 * registry: `libs/players/src/starter-registry.ts`). No row means "before this record existed",
 * which the start treats as a changed file, so databases made earlier get the current registry.
 */
export class ShippedFiles1765200000000 implements MigrationInterface {
  name = 'ShippedFiles1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE shipped_files (
        name text PRIMARY KEY,
        sha256 text NOT NULL CONSTRAINT shipped_files_sha256_check CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        loaded_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE shipped_files`);
  }
}
