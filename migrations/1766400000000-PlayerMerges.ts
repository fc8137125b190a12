import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Players joined by `players:merge`: the kept player remembers the `ref`s of those merged into him
 * (`merged_refs`), so a later registry load or import naming a dropped ref updates nobody twice and
 * never brings the dropped player back (`PlayersRepository.upsert` skips those rows, the import
 * matches them to the kept player). A GIN index serves the `merged_refs && $refs` look-up.
 */
export class PlayerMerges1766400000000 implements MigrationInterface {
  name = 'PlayerMerges1766400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE players ADD COLUMN merged_refs text[] NOT NULL DEFAULT '{}'`);
    await q.query(`CREATE INDEX players_merged_refs_idx ON players USING gin (merged_refs)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX players_merged_refs_idx`);
    await q.query(`ALTER TABLE players DROP COLUMN merged_refs`);
  }
}
