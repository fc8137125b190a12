import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An index on leagues (commissioner_id, created_at): LIMIT_LEAGUES_PER_DAY counts the leagues a user
 * created in the last day on every creation (LeaguesService.requireLeagueAllowance).
 */
export class CreationCaps1764800200000 implements MigrationInterface {
  name = 'CreationCaps1764800200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX leagues_commissioner_created_idx ON leagues (commissioner_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX leagues_commissioner_created_idx`);
  }
}
