import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Prices that one article cannot wreck. An article is identified by its text alone (a url is a claim
 * anyone can make), records who submitted it, and is flagged when its url was already stored with
 * other text. A report is `used` (it prices), `held` (it would move the price beyond the bounds and
 * waits for an admin) or `rejected`. Each price in the history names the reports it was made from.
 */
export class TrustedPrices1764800000000 implements MigrationInterface {
  name = 'TrustedPrices1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX articles_url_key`);
    await q.query(`CREATE INDEX articles_url_idx ON articles (url) WHERE url IS NOT NULL`);
    await q.query(`
      ALTER TABLE articles
        ADD COLUMN submitted_by uuid REFERENCES users (id) ON DELETE SET NULL,
        ADD COLUMN url_conflict boolean NOT NULL DEFAULT false`);
    await q.query(`
      ALTER TABLE fee_reports
        ADD COLUMN status text NOT NULL DEFAULT 'used'
          CONSTRAINT fee_reports_status_check CHECK (status IN ('used', 'held', 'rejected')),
        ADD COLUMN held_reason text,
        ADD COLUMN reviewed_by uuid REFERENCES users (id) ON DELETE SET NULL,
        ADD COLUMN reviewed_at timestamptz,
        ADD CONSTRAINT fee_reports_held_reason_check CHECK (status <> 'held' OR held_reason IS NOT NULL)`);
    await q.query(`CREATE INDEX fee_reports_held_idx ON fee_reports (created_at) WHERE status = 'held'`);
    await q.query(`ALTER TABLE player_price_history ADD COLUMN report_ids uuid[] NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE player_price_history DROP COLUMN report_ids`);
    await q.query(`DROP INDEX fee_reports_held_idx`);
    await q.query(`
      ALTER TABLE fee_reports DROP CONSTRAINT fee_reports_held_reason_check,
        DROP COLUMN reviewed_at, DROP COLUMN reviewed_by, DROP COLUMN held_reason, DROP COLUMN status`);
    await q.query(`ALTER TABLE articles DROP COLUMN url_conflict, DROP COLUMN submitted_by`);
    await q.query(`DROP INDEX articles_url_idx`);
    await q.query(`CREATE UNIQUE INDEX articles_url_key ON articles (url) WHERE url IS NOT NULL`);
  }
}
