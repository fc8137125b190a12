import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sealed-bid windows (busta chiusa, FAAB): the commissioner opens a window with a closing time (and
 * optionally the players on offer); managers place, change and withdraw sealed bids that nobody else
 * sees; at the close, once, each player goes to the highest bid that can be honoured. A player bought
 * in a window is a roster entry with `window_id` (its source, beside `auction_id` and `assigned_by`).
 * Ties go by the league's `sealed_tie_break`: the `earliest` bid, or the manager `lower_budget`.
 */
export class SealedWindows1766000000000 implements MigrationInterface {
  name = 'SealedWindows1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE leagues ADD COLUMN sealed_tie_break text NOT NULL DEFAULT 'earliest'
                     CONSTRAINT leagues_sealed_tie_break_check CHECK (sealed_tie_break IN ('earliest', 'lower_budget'))`);
    await q.query(`
      CREATE TABLE sealed_windows (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        league_id uuid NOT NULL CONSTRAINT sealed_windows_league_fkey REFERENCES leagues (id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'open' CONSTRAINT sealed_windows_status_check CHECK (status IN ('open', 'closed')),
        closes_at timestamptz NOT NULL,
        player_ids uuid[],
        opened_by uuid NOT NULL CONSTRAINT sealed_windows_opened_by_fkey REFERENCES users (id),
        opened_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        CONSTRAINT sealed_windows_closed_check CHECK ((status = 'closed') = (closed_at IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX sealed_windows_one_open_key ON sealed_windows (league_id) WHERE status = 'open'`);
    await q.query(`CREATE INDEX sealed_windows_due_idx ON sealed_windows (closes_at) WHERE status = 'open'`);
    await q.query(`CREATE INDEX sealed_windows_league_idx ON sealed_windows (league_id, opened_at DESC)`);
    await q.query(`
      CREATE TABLE sealed_bids (
        window_id uuid NOT NULL CONSTRAINT sealed_bids_window_fkey REFERENCES sealed_windows (id) ON DELETE CASCADE,
        league_id uuid NOT NULL,
        user_id uuid NOT NULL,
        player_id uuid NOT NULL CONSTRAINT sealed_bids_player_fkey REFERENCES players (id),
        amount bigint NOT NULL CONSTRAINT sealed_bids_amount_check CHECK (amount >= 1),
        placed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        outcome text CONSTRAINT sealed_bids_outcome_check CHECK (outcome IN ('won', 'lost', 'skipped')),
        PRIMARY KEY (window_id, user_id, player_id),
        CONSTRAINT sealed_bids_member_fkey FOREIGN KEY (league_id, user_id) REFERENCES memberships (league_id, user_id)
      )`);
    await q.query(
      `ALTER TABLE roster_entries ADD COLUMN window_id uuid CONSTRAINT roster_entries_window_fkey REFERENCES sealed_windows (id)`,
    );
    await q.query(`ALTER TABLE roster_entries DROP CONSTRAINT roster_entries_source_check,
                     ADD CONSTRAINT roster_entries_source_check CHECK (num_nonnulls(auction_id, assigned_by, window_id) = 1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Players bought in windows go back to the pool, their price refunded (budgets and places stay true).
    await q.query(`
      UPDATE memberships m SET budget = m.budget + w.paid, owned_count = m.owned_count - w.n
        FROM (SELECT league_id, user_id, sum(price) AS paid, count(*)::int AS n FROM roster_entries WHERE window_id IS NOT NULL GROUP BY 1, 2) w
       WHERE m.league_id = w.league_id AND m.user_id = w.user_id`);
    await q.query(`DELETE FROM roster_entries WHERE window_id IS NOT NULL`);
    await q.query(`ALTER TABLE roster_entries DROP CONSTRAINT roster_entries_source_check,
                     ADD CONSTRAINT roster_entries_source_check CHECK ((auction_id IS NULL) <> (assigned_by IS NULL))`);
    await q.query(`ALTER TABLE roster_entries DROP COLUMN window_id`);
    await q.query(`DROP TABLE sealed_bids`);
    await q.query(`DROP TABLE sealed_windows`);
    await q.query(`ALTER TABLE leagues DROP COLUMN sealed_tie_break`);
  }
}
