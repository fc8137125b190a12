import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The commissioner may give a player to a manager at a price (for managers bidding at the room's
 * table): such a roster entry has no auction, and names who assigned it. Every entry has one or
 * the other. The commissioner role can now be handed over, so who created a league is kept apart
 * (`created_by`, never changed): LIMIT_LEAGUES_PER_DAY counts on it, not on today's commissioner.
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
    await q.query(`ALTER TABLE leagues ADD COLUMN created_by uuid CONSTRAINT leagues_created_by_fkey REFERENCES users (id)`);
    await q.query(`UPDATE leagues SET created_by = commissioner_id`);
    await q.query(`ALTER TABLE leagues ALTER COLUMN created_by SET NOT NULL`);
    await q.query(`DROP INDEX leagues_commissioner_created_idx`);
    await q.query(`CREATE INDEX leagues_created_by_created_idx ON leagues (created_by, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX leagues_created_by_created_idx`);
    await q.query(`CREATE INDEX leagues_commissioner_created_idx ON leagues (commissioner_id, created_at)`);
    await q.query(`ALTER TABLE leagues DROP COLUMN created_by`);
    // Assigned players go back to the pool with their price refunded, so budgets and places stay true.
    await q.query(`
      UPDATE memberships m SET budget = m.budget + a.paid, owned_count = m.owned_count - a.n
        FROM (SELECT league_id, user_id, sum(price) AS paid, count(*)::int AS n FROM roster_entries WHERE auction_id IS NULL GROUP BY 1, 2) a
       WHERE m.league_id = a.league_id AND m.user_id = a.user_id`);
    await q.query(`DELETE FROM roster_entries WHERE auction_id IS NULL`);
    await q.query(`ALTER TABLE roster_entries DROP CONSTRAINT roster_entries_source_check, DROP COLUMN assigned_by`);
    await q.query(`ALTER TABLE roster_entries ALTER COLUMN auction_id SET NOT NULL`);
  }
}
