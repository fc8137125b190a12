import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why each report says what it says (how the person was matched, how the figure was paired, the
 * words that decided the kind), and for a person the registry lacks, the registry players of the
 * same surname an admin may link him to. Reports stored before have neither.
 */
export class ReportEvidence1765000000000 implements MigrationInterface {
  name = 'ReportEvidence1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE fee_reports ADD COLUMN evidence jsonb, ADD COLUMN candidates jsonb`);
    await q.query(
      `ALTER TABLE fee_reports ADD CONSTRAINT fee_reports_evidence_check CHECK (evidence IS NULL OR jsonb_typeof(evidence) = 'object')`,
    );
    await q.query(
      `ALTER TABLE fee_reports ADD CONSTRAINT fee_reports_candidates_check CHECK (candidates IS NULL OR jsonb_typeof(candidates) = 'array')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE fee_reports DROP CONSTRAINT fee_reports_candidates_check, DROP CONSTRAINT fee_reports_evidence_check`);
    await q.query(`ALTER TABLE fee_reports DROP COLUMN candidates, DROP COLUMN evidence`);
  }
}
