import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a manager holds by position (players owned + auctions he leads) becomes four counters on his
 * membership row, so an accepted bid no longer pays for an aggregate over roster_entries and the
 * league's open auctions: the quota rule reads the row it has locked anyway.
 *
 * The counters move in the statements that already move owned_count and leading_count (record_bid,
 * a sale, an undone sale, a trade side, a removal; a merge that changes a player's position recounts),
 * and `memberships_held_check` makes a statement that forgets one fail: the four add up to
 * owned_count + leading_count, none below zero. `held_by_position` is the truth they are counted
 * from (the backfill, a trade, a merge, the test suites' check before a test database goes).
 */
const HELD_BY_POSITION_SQL = `
  CREATE FUNCTION held_by_position(p_league uuid, p_user uuid) RETURNS TABLE (gk int, def int, mid int, fwd int)
  LANGUAGE sql STABLE AS $$
    SELECT count(*) FILTER (WHERE x.position = 'GK')::int, count(*) FILTER (WHERE x.position = 'DEF')::int,
           count(*) FILTER (WHERE x.position = 'MID')::int, count(*) FILTER (WHERE x.position = 'FWD')::int
      FROM (SELECT position FROM roster_entries WHERE league_id = p_league AND user_id = p_user
            UNION ALL
            SELECT position FROM auctions WHERE league_id = p_league AND high_bidder_id = p_user AND status = 'open') x
  $$`;

/** The aggregate bid_refusal read on every bid, and what replaces it. */
const HELD_AGGREGATE = `          -- Held by position (owned + leading), counted under the locks.
          SELECT coalesce(jsonb_object_agg(h.position, h.n), '{}'::jsonb) INTO held FROM (
            SELECT x.position, count(*) AS n FROM (
              SELECT position FROM roster_entries WHERE league_id = a.league_id AND user_id = p_user
              UNION ALL
              SELECT position FROM auctions WHERE league_id = a.league_id AND high_bidder_id = p_user AND status = 'open'
            ) x GROUP BY x.position) h;`;
const HELD_COUNTERS = `          -- Held by position (owned + leading): the counters of the membership row, read under its lock.
          held := jsonb_build_object('GK', b.held_gk, 'DEF', b.held_def, 'MID', b.held_mid, 'FWD', b.held_fwd);`;

/** record_bid's two membership updates: the new leader gains the lot's position, the one outbid loses it. */
const LEADER_GAINS = 'SET committed = committed + p_amount, leading_count = leading_count + 1';
const LEADER_GAINS_HELD = `${LEADER_GAINS},
                 held_gk = held_gk + (a.position = 'GK')::int, held_def = held_def + (a.position = 'DEF')::int,
                 held_mid = held_mid + (a.position = 'MID')::int, held_fwd = held_fwd + (a.position = 'FWD')::int`;
const OUTBID_LOSES = 'SET committed = committed - a.high_bid, leading_count = leading_count - 1';
const OUTBID_LOSES_HELD = `${OUTBID_LOSES},
                 held_gk = held_gk - (a.position = 'GK')::int, held_def = held_def - (a.position = 'DEF')::int,
                 held_mid = held_mid - (a.position = 'MID')::int, held_fwd = held_fwd - (a.position = 'FWD')::int`;

/**
 * Rewrites a function as the database holds it now (pg_get_functiondef), each `from` replaced by its
 * `to` exactly once: this migration edits what the earlier ones made, whatever chain of edits made it.
 */
async function editFunction(q: QueryRunner, signature: string, edits: [from: string, to: string][]): Promise<void> {
  const [{ def }] = (await q.query(`SELECT pg_get_functiondef($1::regprocedure) AS def`, [signature])) as [{ def: string }];
  let text = def;
  for (const [from, to] of edits) {
    if (text.split(from).length !== 2) throw new Error(`${signature} no longer reads as this migration expects: ${from}`);
    text = text.replace(from, () => to);
  }
  await q.query(text);
}

export class HoldingsCounters1766500000000 implements MigrationInterface {
  name = 'HoldingsCounters1766500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(HELD_BY_POSITION_SQL);
    await q.query(`ALTER TABLE memberships ADD COLUMN held_gk integer NOT NULL DEFAULT 0, ADD COLUMN held_def integer NOT NULL DEFAULT 0,
                     ADD COLUMN held_mid integer NOT NULL DEFAULT 0, ADD COLUMN held_fwd integer NOT NULL DEFAULT 0`);
    await q.query(
      `UPDATE memberships m SET (held_gk, held_def, held_mid, held_fwd) = (SELECT * FROM held_by_position(m.league_id, m.user_id))`,
    );
    await q.query(`ALTER TABLE memberships ADD CONSTRAINT memberships_held_check
      CHECK (held_gk >= 0 AND held_def >= 0 AND held_mid >= 0 AND held_fwd >= 0
             AND held_gk + held_def + held_mid + held_fwd = owned_count + leading_count)`);
    await editFunction(q, 'bid_refusal(leagues, auctions, uuid, bigint)', [[HELD_AGGREGATE, HELD_COUNTERS]]);
    await editFunction(q, 'record_bid(leagues, auctions, uuid, bigint, text)', [
      [LEADER_GAINS, LEADER_GAINS_HELD],
      [OUTBID_LOSES, OUTBID_LOSES_HELD],
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await editFunction(q, 'record_bid(leagues, auctions, uuid, bigint, text)', [
      [LEADER_GAINS_HELD, LEADER_GAINS],
      [OUTBID_LOSES_HELD, OUTBID_LOSES],
    ]);
    await editFunction(q, 'bid_refusal(leagues, auctions, uuid, bigint)', [[HELD_COUNTERS, HELD_AGGREGATE]]);
    await q.query(`ALTER TABLE memberships DROP CONSTRAINT memberships_held_check,
                     DROP COLUMN held_gk, DROP COLUMN held_def, DROP COLUMN held_mid, DROP COLUMN held_fwd`);
    await q.query(`DROP FUNCTION held_by_position(uuid, uuid)`);
  }
}
