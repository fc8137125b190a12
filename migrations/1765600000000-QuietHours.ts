import type { MigrationInterface, QueryRunner } from 'typeorm';
import { RECORD_BID_SQL } from './1765500000000-StandingMaxBids.js';

const EXTENDED_DEADLINE = 'ends timestamptz := greatest(a.ends_at, clock_timestamp() + make_interval(secs => l.extend_seconds));';
const QUIET_EXTENDED_DEADLINE =
  'ends timestamptz := quiet_deadline(l, greatest(a.ends_at, clock_timestamp() + make_interval(secs => l.extend_seconds)));';

/**
 * Quiet hours (a league option, for auctions that run over days): a daily window in the league's
 * time zone — e.g. 23:00–08:00 Europe/Rome, or 13:00–15:00 — in which no auction closes and no
 * nomination clock runs out. A deadline that would fall inside the window moves to its end, wherever
 * a deadline is set: an auction opened, a bid's extension (record_bid), a turn's clock, a resume.
 * `quiet_deadline` is that rule, in local wall-clock time (so a daylight-saving change keeps 08:00 at 08:00).
 */
export class QuietHours1765600000000 implements MigrationInterface {
  name = 'QuietHours1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE leagues ADD COLUMN quiet_from time, ADD COLUMN quiet_to time, ADD COLUMN time_zone text,
      ADD CONSTRAINT leagues_quiet_hours_check CHECK (
        (quiet_from IS NULL) = (quiet_to IS NULL) AND (quiet_from IS NULL) = (time_zone IS NULL) AND (quiet_from IS NULL OR quiet_from <> quiet_to))`);
    await q.query(`
      CREATE FUNCTION quiet_deadline(l leagues, p_at timestamptz) RETURNS timestamptz
      LANGUAGE plpgsql STABLE AS $$
      DECLARE
        local timestamp; t time;
      BEGIN
        IF l.quiet_from IS NULL OR p_at IS NULL THEN
          RETURN p_at;
        END IF;
        local := p_at AT TIME ZONE l.time_zone;
        t := local::time;
        IF l.quiet_from < l.quiet_to THEN
          -- A window within the day, e.g. 13:00–15:00.
          IF t >= l.quiet_from AND t < l.quiet_to THEN
            RETURN (local::date + l.quiet_to) AT TIME ZONE l.time_zone;
          END IF;
        ELSIF t >= l.quiet_from THEN
          -- Across midnight, e.g. 23:00–08:00: late evening moves to the next morning…
          RETURN (local::date + 1 + l.quiet_to) AT TIME ZONE l.time_zone;
        ELSIF t < l.quiet_to THEN
          -- …and the small hours to this morning.
          RETURN (local::date + l.quiet_to) AT TIME ZONE l.time_zone;
        END IF;
        RETURN p_at;
      END $$`);
    await q.query(`
      CREATE FUNCTION quiet_deadline(p_league uuid, p_at timestamptz) RETURNS timestamptz
      LANGUAGE sql STABLE AS $$ SELECT quiet_deadline(l, p_at) FROM leagues l WHERE l.id = p_league $$`);
    if (!RECORD_BID_SQL.includes(EXTENDED_DEADLINE))
      throw new Error('record_bid no longer sets its deadline the way this migration expects');
    await q.query(
      RECORD_BID_SQL.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION').replace(EXTENDED_DEADLINE, QUIET_EXTENDED_DEADLINE),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(RECORD_BID_SQL.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION'));
    await q.query(`DROP FUNCTION quiet_deadline(uuid, timestamptz)`);
    await q.query(`DROP FUNCTION quiet_deadline(leagues, timestamptz)`);
    await q.query(
      `ALTER TABLE leagues DROP CONSTRAINT leagues_quiet_hours_check, DROP COLUMN time_zone, DROP COLUMN quiet_to, DROP COLUMN quiet_from`,
    );
  }
}
