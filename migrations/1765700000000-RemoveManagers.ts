import type { MigrationInterface, QueryRunner } from 'typeorm';
import { BID_REFUSAL_SQL, PLACE_BIDS_PROXY_SQL, SET_MAX_BID_SQL } from './1765500000000-StandingMaxBids.js';

/** Each membership check of the bid functions, and the same check for a manager still in the league. */
const EDITS: [sql: string, from: string, to: string][] = [
  [
    BID_REFUSAL_SQL,
    'SELECT m.* INTO b FROM memberships m WHERE m.league_id = a.league_id AND m.user_id = p_user;',
    'SELECT m.* INTO b FROM memberships m WHERE m.league_id = a.league_id AND m.user_id = p_user AND m.removed_at IS NULL;',
  ],
  [
    PLACE_BIDS_PROXY_SQL,
    'EXISTS (SELECT 1 FROM memberships m WHERE m.league_id = x.league_id AND m.user_id = p_users[1]) AS is_member',
    'EXISTS (SELECT 1 FROM memberships m WHERE m.league_id = x.league_id AND m.user_id = p_users[1] AND m.removed_at IS NULL) AS is_member',
  ],
  [
    PLACE_BIDS_PROXY_SQL,
    'IF NOT EXISTS (SELECT 1 FROM memberships m WHERE m.league_id = a.league_id AND m.user_id = v_user) THEN',
    'IF NOT EXISTS (SELECT 1 FROM memberships m WHERE m.league_id = a.league_id AND m.user_id = v_user AND m.removed_at IS NULL) THEN',
  ],
  [
    SET_MAX_BID_SQL,
    'NOT EXISTS (SELECT 1 FROM memberships m WHERE m.league_id = a.league_id AND m.user_id = p_user)',
    'NOT EXISTS (SELECT 1 FROM memberships m WHERE m.league_id = a.league_id AND m.user_id = p_user AND m.removed_at IS NULL)',
  ],
];

/** The three functions with every edit of theirs applied (or, for down, as StandingMaxBids made them). */
function functions(apply: boolean): string[] {
  return [BID_REFUSAL_SQL, PLACE_BIDS_PROXY_SQL, SET_MAX_BID_SQL].map((sql) => {
    let text = sql.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION');
    if (!apply) return text;
    for (const [of, from, to] of EDITS) {
      if (of !== sql) continue;
      if (!text.includes(from)) throw new Error(`a bid function no longer reads as this migration expects: ${from}`);
      text = text.replace(from, to);
    }
    return text;
  });
}

/**
 * The commissioner may remove a manager. His membership stays (his bids and sales are the league's
 * history, and they reference it) but is marked `removed_at`/`removed_by`: he is no longer in the
 * league — nothing of it is shown to him, he cannot bid, his name is free for someone else (the unique
 * name index now covers members still in), and the affordability rule no longer binds a row that
 * can no longer spend. The bid functions learn that a removed manager is not a member.
 */
export class RemoveManagers1765700000000 implements MigrationInterface {
  name = 'RemoveManagers1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE memberships ADD COLUMN removed_at timestamptz,
                     ADD COLUMN removed_by uuid CONSTRAINT memberships_removed_by_fkey REFERENCES users (id),
                     ADD CONSTRAINT memberships_removed_check CHECK ((removed_at IS NULL) = (removed_by IS NULL))`);
    await q.query(`ALTER TABLE memberships DROP CONSTRAINT memberships_name_key`);
    await q.query(`CREATE UNIQUE INDEX memberships_name_key ON memberships (league_id, name_key) WHERE removed_at IS NULL`);
    await q.query(`ALTER TABLE memberships DROP CONSTRAINT memberships_affordable_check,
      ADD CONSTRAINT memberships_affordable_check
        CHECK (removed_at IS NOT NULL OR budget - committed - min_price * greatest(0, roster_size - owned_count - leading_count) >= 0)`);
    for (const sql of functions(true)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of functions(false)) await q.query(sql);
    // Removed managers come back (down cannot keep two of a name, nor a row that breaks the budget rule).
    await q.query(`DELETE FROM memberships m WHERE m.removed_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM bids b WHERE b.league_id = m.league_id AND b.bidder_id = m.user_id)
                     AND NOT EXISTS (SELECT 1 FROM auctions a WHERE a.league_id = m.league_id AND m.user_id IN (a.opened_by, a.winner_id, a.high_bidder_id))`);
    await q.query(`UPDATE memberships SET name_key = name_key || '~' || left(user_id::text, 8), budget = greatest(budget, committed + min_price * roster_size)
                    WHERE removed_at IS NOT NULL`);
    await q.query(`ALTER TABLE memberships DROP CONSTRAINT memberships_affordable_check,
      ADD CONSTRAINT memberships_affordable_check CHECK (budget - committed - min_price * greatest(0, roster_size - owned_count - leading_count) >= 0)`);
    await q.query(`DROP INDEX memberships_name_key`);
    await q.query(`ALTER TABLE memberships ADD CONSTRAINT memberships_name_key UNIQUE (league_id, name_key)`);
    await q.query(`ALTER TABLE memberships DROP CONSTRAINT memberships_removed_check, DROP COLUMN removed_by, DROP COLUMN removed_at`);
  }
}
