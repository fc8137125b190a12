import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The commissioner may give a player to a manager at a price (for managers bidding at the room's
 * table): such a roster entry has no auction, and names who assigned it. Every entry has one or
 * the other.
 */
export class CommissionerTools1765300000000 implements MigrationInterface {
  name = 'CommissionerTools1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE roster_entries ALTER COLUMN auction_id DROP NOT NULL`);
    await q.query(
      `ALTER TABLE roster_entries ADD COLUMN assigned_by uuid CONSTRAINT roster_entries_assigned_by_fkey REFERENCES users (id)`,
    );
    await q.query(
      `ALTER TABLE roster_entries ADD CONSTRAINT roster_entries_source_check CHECK ((auction_id IS NULL) <> (assigned_by IS NULL))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM roster_entries WHERE auction_id IS NULL`);
    await q.query(`ALTER TABLE roster_entries DROP CONSTRAINT roster_entries_source_check, DROP COLUMN assigned_by`);
    await q.query(`ALTER TABLE roster_entries ALTER COLUMN auction_id SET NOT NULL`);
  }
}
