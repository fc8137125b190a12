import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Trades between managers: players each way (`give_ids` from the proposer, `take_ids` from the
 * receiver) and money either way (`money` > 0: the proposer pays; < 0: the receiver pays). A
 * proposal waits for the receiver until `expires_at`; on acceptance everything moves in one
 * transaction, or — where the league gives its commissioner a review (`trade_review_seconds` > 0) —
 * at `executes_at`, unless he vetoes it first. A roster entry that changed hands in a trade keeps
 * its source (the auction, assignment or window that first bought it) and names the trade in
 * `trade_id`.
 */
export class Trades1766100000000 implements MigrationInterface {
  name = 'Trades1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE leagues ADD COLUMN trade_review_seconds integer NOT NULL DEFAULT 0
                     CONSTRAINT leagues_trade_review_check CHECK (trade_review_seconds BETWEEN 0 AND 604800)`);
    await q.query(`
      CREATE TABLE trades (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        league_id uuid NOT NULL CONSTRAINT trades_league_fkey REFERENCES leagues (id) ON DELETE CASCADE,
        proposer_id uuid NOT NULL,
        receiver_id uuid NOT NULL,
        give_ids uuid[] NOT NULL,
        take_ids uuid[] NOT NULL,
        money bigint NOT NULL DEFAULT 0,
        note text CONSTRAINT trades_note_check CHECK (char_length(note) <= 280),
        status text NOT NULL DEFAULT 'proposed' CONSTRAINT trades_status_check
          CHECK (status IN ('proposed', 'accepted', 'executed', 'rejected', 'withdrawn', 'expired', 'vetoed', 'failed')),
        proposed_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        executes_at timestamptz,
        decided_at timestamptz,
        reason text,
        CONSTRAINT trades_proposer_fkey FOREIGN KEY (league_id, proposer_id) REFERENCES memberships (league_id, user_id) ON DELETE CASCADE,
        CONSTRAINT trades_receiver_fkey FOREIGN KEY (league_id, receiver_id) REFERENCES memberships (league_id, user_id) ON DELETE CASCADE,
        CONSTRAINT trades_parties_check CHECK (proposer_id <> receiver_id),
        CONSTRAINT trades_players_check CHECK (cardinality(give_ids) + cardinality(take_ids) >= 1 AND NOT give_ids && take_ids),
        CONSTRAINT trades_review_check CHECK (status <> 'accepted' OR executes_at IS NOT NULL),
        CONSTRAINT trades_decided_check CHECK ((status = 'proposed') = (decided_at IS NULL))
      )`);
    await q.query(`CREATE INDEX trades_league_idx ON trades (league_id, proposed_at DESC)`);
    await q.query(`CREATE INDEX trades_proposer_open_idx ON trades (league_id, proposer_id) WHERE status = 'proposed'`);
    await q.query(`CREATE INDEX trades_expiry_idx ON trades (expires_at) WHERE status = 'proposed'`);
    await q.query(`CREATE INDEX trades_review_idx ON trades (executes_at) WHERE status = 'accepted'`);
    await q.query(`ALTER TABLE roster_entries ADD COLUMN trade_id uuid CONSTRAINT roster_entries_trade_fkey REFERENCES trades (id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Executed trades stay done: the squads are as the trades left them, each entry with its first source.
    await q.query(`ALTER TABLE roster_entries DROP COLUMN trade_id`);
    await q.query(`DROP TABLE trades`);
    await q.query(`ALTER TABLE leagues DROP COLUMN trade_review_seconds`);
  }
}
