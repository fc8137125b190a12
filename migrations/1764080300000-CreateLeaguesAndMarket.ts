import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Leagues, managers, auctions, bids, rosters and the league event log. The rules of the game that
 * must never break are held here as well as in code: a manager can never commit more than the
 * budget (nor leave too little for the empty slots), a player is owned once per league and on
 * auction at most once at a time, bids on an auction strictly rise, events are numbered per league.
 */
export class CreateLeaguesAndMarket1764080300000 implements MigrationInterface {
  name = 'CreateLeaguesAndMarket1764080300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE leagues (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(80) NOT NULL CONSTRAINT leagues_name_check CHECK (btrim(name) <> ''),
        invite_code varchar(16) NOT NULL,
        commissioner_id uuid NOT NULL CONSTRAINT leagues_commissioner_fkey REFERENCES users (id),
        max_managers integer NOT NULL CONSTRAINT leagues_max_managers_check CHECK (max_managers BETWEEN 2 AND 20),
        budget bigint NOT NULL CONSTRAINT leagues_budget_check CHECK (budget BETWEEN 1 AND 1000000000000),
        roster_size integer NOT NULL CONSTRAINT leagues_roster_size_check CHECK (roster_size BETWEEN 1 AND 50),
        gk_min integer NOT NULL, gk_max integer NOT NULL,
        def_min integer NOT NULL, def_max integer NOT NULL,
        mid_min integer NOT NULL, mid_max integer NOT NULL,
        fwd_min integer NOT NULL, fwd_max integer NOT NULL,
        duration_seconds integer NOT NULL CONSTRAINT leagues_duration_check CHECK (duration_seconds BETWEEN 5 AND 604800),
        extend_seconds integer NOT NULL CONSTRAINT leagues_extend_check CHECK (extend_seconds BETWEEN 0 AND 3600),
        min_increment bigint NOT NULL CONSTRAINT leagues_min_increment_check CHECK (min_increment >= 1),
        min_price bigint NOT NULL CONSTRAINT leagues_min_price_check CHECK (min_price >= 1),
        last_seq bigint NOT NULL DEFAULT 0 CONSTRAINT leagues_last_seq_check CHECK (last_seq >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT leagues_quotas_check CHECK (
          0 <= gk_min AND gk_min <= gk_max AND 0 <= def_min AND def_min <= def_max AND
          0 <= mid_min AND mid_min <= mid_max AND 0 <= fwd_min AND fwd_min <= fwd_max AND
          gk_min + def_min + mid_min + fwd_min <= roster_size AND
          roster_size <= gk_max + def_max + mid_max + fwd_max)
      )`);
    await q.query(`CREATE UNIQUE INDEX leagues_invite_code_key ON leagues (invite_code)`);

    // roster_size and min_price are copied from the (immutable) league rules so that a CHECK can
    // hold the budget rule on the row every bid locks.
    await q.query(`
      CREATE TABLE memberships (
        league_id uuid NOT NULL CONSTRAINT memberships_league_fkey REFERENCES leagues (id) ON DELETE CASCADE,
        user_id uuid NOT NULL CONSTRAINT memberships_user_fkey REFERENCES users (id),
        budget bigint NOT NULL CONSTRAINT memberships_budget_check CHECK (budget >= 0),
        committed bigint NOT NULL DEFAULT 0 CONSTRAINT memberships_committed_check CHECK (committed >= 0),
        owned_count integer NOT NULL DEFAULT 0 CONSTRAINT memberships_owned_check CHECK (owned_count >= 0),
        leading_count integer NOT NULL DEFAULT 0 CONSTRAINT memberships_leading_check CHECK (leading_count >= 0),
        roster_size integer NOT NULL,
        min_price bigint NOT NULL,
        joined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (league_id, user_id),
        CONSTRAINT memberships_roster_check CHECK (owned_count + leading_count <= roster_size),
        CONSTRAINT memberships_affordable_check
          CHECK (budget - committed - min_price * greatest(0, roster_size - owned_count - leading_count) >= 0)
      )`);
    await q.query(`CREATE INDEX memberships_user_idx ON memberships (user_id)`);

    await q.query(`
      CREATE TABLE auctions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        league_id uuid NOT NULL CONSTRAINT auctions_league_fkey REFERENCES leagues (id) ON DELETE CASCADE,
        player_id uuid NOT NULL CONSTRAINT auctions_player_fkey REFERENCES players (id),
        position text NOT NULL CONSTRAINT auctions_position_check CHECK (position IN ('GK', 'DEF', 'MID', 'FWD')),
        status text NOT NULL DEFAULT 'open' CONSTRAINT auctions_status_check CHECK (status IN ('open', 'closed')),
        opened_by uuid NOT NULL,
        opening_price bigint NOT NULL CONSTRAINT auctions_opening_price_check CHECK (opening_price >= 1),
        high_bid bigint,
        high_bidder_id uuid,
        bid_count integer NOT NULL DEFAULT 0,
        opened_at timestamptz NOT NULL DEFAULT now(),
        ends_at timestamptz NOT NULL,
        closed_at timestamptz,
        winner_id uuid,
        price bigint,
        CONSTRAINT auctions_opener_fkey FOREIGN KEY (league_id, opened_by) REFERENCES memberships (league_id, user_id),
        CONSTRAINT auctions_high_bidder_fkey FOREIGN KEY (league_id, high_bidder_id) REFERENCES memberships (league_id, user_id),
        CONSTRAINT auctions_winner_fkey FOREIGN KEY (league_id, winner_id) REFERENCES memberships (league_id, user_id),
        CONSTRAINT auctions_high_bid_check CHECK ((high_bid IS NULL) = (high_bidder_id IS NULL) AND (high_bid IS NULL OR high_bid >= opening_price)),
        CONSTRAINT auctions_closed_check CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
        CONSTRAINT auctions_winner_check CHECK (
          (winner_id IS NULL AND price IS NULL) OR
          (status = 'closed' AND winner_id = high_bidder_id AND price = high_bid))
      )`);
    await q.query(`CREATE UNIQUE INDEX auctions_one_open_per_player ON auctions (league_id, player_id) WHERE status = 'open'`);
    await q.query(`CREATE INDEX auctions_due_idx ON auctions (ends_at) WHERE status = 'open'`);
    await q.query(`CREATE INDEX auctions_league_idx ON auctions (league_id, status, opened_at DESC)`);
    await q.query(`CREATE INDEX auctions_leader_idx ON auctions (league_id, high_bidder_id) WHERE status = 'open'`);

    await q.query(`
      CREATE TABLE bids (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        auction_id uuid NOT NULL CONSTRAINT bids_auction_fkey REFERENCES auctions (id) ON DELETE CASCADE,
        league_id uuid NOT NULL,
        bidder_id uuid NOT NULL,
        amount bigint NOT NULL CONSTRAINT bids_amount_check CHECK (amount >= 1),
        placed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT bids_bidder_fkey FOREIGN KEY (league_id, bidder_id) REFERENCES memberships (league_id, user_id),
        CONSTRAINT bids_auction_amount_key UNIQUE (auction_id, amount)
      )`);
    await q.query(`CREATE INDEX bids_auction_idx ON bids (auction_id, amount DESC)`);

    await q.query(`
      CREATE TABLE roster_entries (
        league_id uuid NOT NULL,
        user_id uuid NOT NULL,
        player_id uuid NOT NULL CONSTRAINT roster_entries_player_fkey REFERENCES players (id),
        position text NOT NULL,
        price bigint NOT NULL CONSTRAINT roster_entries_price_check CHECK (price >= 1),
        auction_id uuid NOT NULL CONSTRAINT roster_entries_auction_fkey REFERENCES auctions (id),
        acquired_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (league_id, player_id),
        CONSTRAINT roster_entries_member_fkey FOREIGN KEY (league_id, user_id) REFERENCES memberships (league_id, user_id) ON DELETE CASCADE,
        CONSTRAINT roster_entries_auction_key UNIQUE (auction_id)
      )`);
    await q.query(`CREATE INDEX roster_entries_member_idx ON roster_entries (league_id, user_id)`);

    // A retried bid gets the first answer: the key row is written in the bid's own transaction.
    await q.query(`
      CREATE TABLE bid_requests (
        user_id uuid NOT NULL,
        auction_id uuid NOT NULL CONSTRAINT bid_requests_auction_fkey REFERENCES auctions (id) ON DELETE CASCADE,
        idempotency_key varchar(100) NOT NULL,
        status integer,
        response json, -- json, not jsonb: a retry gets the first answer byte for byte
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, auction_id, idempotency_key)
      )`);

    await q.query(`
      CREATE TABLE league_events (
        league_id uuid NOT NULL CONSTRAINT league_events_league_fkey REFERENCES leagues (id) ON DELETE CASCADE,
        seq bigint NOT NULL CONSTRAINT league_events_seq_check CHECK (seq >= 1),
        type text NOT NULL,
        data jsonb NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (league_id, seq)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['league_events', 'bid_requests', 'roster_entries', 'bids', 'auctions', 'memberships', 'leagues']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
