import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PLACE_BIDS_SQL } from './1764166800000-PlaceBidsInBatches.js';

const BIDDER_BY_ACCOUNT = 'SELECT m.*, u.display_name INTO b FROM memberships m JOIN users u ON u.id = m.user_id';
const BIDDER_BY_LEAGUE = 'SELECT m.* INTO b FROM memberships m';

/** place_bids as LeagueDisplayNames left it. */
export const PLACE_BIDS_NAMED_SQL = PLACE_BIDS_SQL.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION').replace(
  BIDDER_BY_ACCOUNT,
  BIDDER_BY_LEAGUE,
);

/** The lock-free look and the locked judgement of place_bids, each learning to refuse a paused auction. */
const PAUSE_EDITS: [string, string][] = [
  [
    'SELECT x.status, x.ends_at > clock_timestamp() AS is_open,',
    'SELECT x.status, x.paused_remaining IS NOT NULL AS is_paused, x.ends_at > clock_timestamp() AS is_open,',
  ],
  [
    `RETURN jsonb_build_array(jsonb_build_object('ok', false, 'code', 'AUCTION_CLOSED'));
          END IF;`,
    `RETURN jsonb_build_array(jsonb_build_object('ok', false, 'code', 'AUCTION_CLOSED'));
          END IF;
          IF a.is_paused THEN
            RETURN jsonb_build_array(jsonb_build_object('ok', false, 'code', 'AUCTION_PAUSED'));
          END IF;`,
  ],
  [
    `ELSIF a.status <> 'open' OR a.ends_at <= clock_timestamp() THEN`,
    `ELSIF a.status = 'open' AND a.paused_remaining IS NOT NULL THEN
            r := jsonb_build_object('ok', false, 'code', 'AUCTION_PAUSED');
          ELSIF a.status <> 'open' OR a.ends_at <= clock_timestamp() THEN`,
  ],
];

function edited(sql: string, edits: [string, string][]): string {
  return edits.reduce((text, [from, to]) => {
    if (!text.includes(from)) throw new Error(`place_bids no longer reads as this migration expects: ${from}`);
    return text.replace(from, to);
  }, sql);
}

/** place_bids as this migration leaves it; a later change starts from this text. */
export const PLACE_BIDS_PAUSABLE_SQL = edited(PLACE_BIDS_NAMED_SQL, PAUSE_EDITS);

/**
 * Draft night: a league's market is `open` (anyone opens an auction, as before) or runs in `turns`
 * (a draft session: managers call players one at a time, in order, on a nomination clock).
 *
 * `drafts` holds a session's whole state, so turns, deadlines and pauses are the database's truth
 * across processes and restarts: the order, whose turn it is and until when (`clock_ends_at`, while
 * no lot runs), the lot being auctioned, and — while paused — the time that was left on the clock.
 * One session at a time per league (a partial unique index).
 *
 * An auction paused with its draft keeps what was left of its time in `paused_remaining` (its
 * `ends_at` is set again from it on resume): the closer skips it and place_bids refuses bids on it
 * with AUCTION_PAUSED.
 */
export class DraftNight1765400000000 implements MigrationInterface {
  name = 'DraftNight1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE leagues ADD COLUMN market_mode text NOT NULL DEFAULT 'open' CONSTRAINT leagues_market_mode_check CHECK (market_mode IN ('open', 'turns'))`,
    );
    await q.query(`ALTER TABLE auctions ADD COLUMN paused_remaining interval
                     CONSTRAINT auctions_paused_check CHECK (paused_remaining IS NULL OR (status = 'open' AND paused_remaining >= interval '0'))`);
    await q.query(`
      CREATE TABLE drafts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        league_id uuid NOT NULL CONSTRAINT drafts_league_fkey REFERENCES leagues (id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'running' CONSTRAINT drafts_status_check CHECK (status IN ('running', 'paused', 'ended')),
        order_ids uuid[] NOT NULL CONSTRAINT drafts_order_check CHECK (cardinality(order_ids) >= 1),
        turn integer NOT NULL DEFAULT 0,
        round integer NOT NULL DEFAULT 1 CONSTRAINT drafts_round_check CHECK (round >= 1),
        on_clock uuid,
        clock_ends_at timestamptz,
        lot_auction_id uuid CONSTRAINT drafts_lot_fkey REFERENCES auctions (id),
        nomination_seconds integer NOT NULL CONSTRAINT drafts_nomination_check CHECK (nomination_seconds BETWEEN 5 AND 3600),
        when_idle text NOT NULL CONSTRAINT drafts_when_idle_check CHECK (when_idle IN ('skip', 'auto')),
        paused_at timestamptz,
        paused_remaining interval,
        started_by uuid NOT NULL CONSTRAINT drafts_started_by_fkey REFERENCES users (id),
        started_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz,
        end_reason text CONSTRAINT drafts_end_reason_check CHECK (end_reason IN ('complete', 'ended')),
        CONSTRAINT drafts_turn_check CHECK (turn >= 0 AND turn < cardinality(order_ids)),
        CONSTRAINT drafts_paused_check CHECK ((status = 'paused') = (paused_at IS NOT NULL)),
        CONSTRAINT drafts_ended_check CHECK ((status = 'ended') = (ended_at IS NOT NULL) AND (status = 'ended') = (end_reason IS NOT NULL)),
        -- While running: either a lot is on, or someone is on the clock with a deadline (or it ended).
        CONSTRAINT drafts_clock_check CHECK (status <> 'running' OR lot_auction_id IS NOT NULL OR (on_clock IS NOT NULL AND clock_ends_at IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX drafts_one_live_key ON drafts (league_id) WHERE status <> 'ended'`);
    await q.query(`CREATE INDEX drafts_league_started_idx ON drafts (league_id, started_at DESC)`);
    await q.query(`CREATE INDEX drafts_clock_due_idx ON drafts (clock_ends_at) WHERE status = 'running' AND lot_auction_id IS NULL`);
    await q.query(`CREATE UNIQUE INDEX drafts_lot_key ON drafts (lot_auction_id) WHERE lot_auction_id IS NOT NULL`);
    await q.query(edited(PLACE_BIDS_NAMED_SQL, PAUSE_EDITS));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(PLACE_BIDS_NAMED_SQL);
    await q.query(`DROP TABLE drafts`);
    // A paused auction resumes with the time it had left.
    await q.query(`UPDATE auctions SET ends_at = now() + paused_remaining WHERE paused_remaining IS NOT NULL`);
    await q.query(`ALTER TABLE auctions DROP COLUMN paused_remaining`);
    await q.query(`ALTER TABLE leagues DROP COLUMN market_mode`);
  }
}
