import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PLACE_BIDS_PAUSABLE_SQL } from './1765400000000-DraftNight.js';

/**
 * Standing max bids (eBay-style proxy bidding), league option `auction.maxBids`.
 *
 * A manager may leave a private maximum on a lot (`max_bids`); nobody else sees it. Whenever the
 * auction moves — a live bid, or a maximum set or raised — `resolve_max_bids` answers inside the
 * same call and under the same locks: the strongest maximum of anyone but the leader that can beat
 * the high bid challenges him. If the leader's own maximum is higher (or equal and set earlier), his
 * maximum raises his bid to the least that beats the challenger's; otherwise the challenger takes
 * the lead at the least that beats the leader's maximum (or bid) and every other maximum, up to his
 * own. So the price ends at the second-highest maximum + the minimum raise, capped by the top one,
 * and equal maxima go to the earlier. A bid of the game is judged by the same rules as a manager's
 * (budget, squad, position): a maximum its holder can no longer honour lapses. A live bid is exact;
 * a maximum can beat it only by the minimum raise, so a live bid equal to a maximum leads.
 *
 * The bid rules and the recording of a bid become functions of their own (bid_refusal, record_bid),
 * shared by place_bids, set_max_bid and the resolution, so a bid the game places for a manager is
 * judged exactly as his own would be.
 */
/** record_bid as this migration makes it; a later change starts from this text. */
export const RECORD_BID_SQL = `
      CREATE FUNCTION record_bid(l leagues, a auctions, p_user uuid, p_amount bigint, p_player_name text) RETURNS jsonb
      LANGUAGE plpgsql AS $$
      DECLARE
        ends timestamptz := greatest(a.ends_at, clock_timestamp() + make_interval(secs => l.extend_seconds));
        after record; o record; ev record; next_seq bigint; bidder_name text;
        raises_own boolean := a.high_bidder_id IS NOT DISTINCT FROM p_user;
      BEGIN
        UPDATE auctions SET high_bid = p_amount, high_bidder_id = p_user, bid_count = bid_count + 1, ends_at = ends WHERE id = a.id;
        INSERT INTO bids (auction_id, league_id, bidder_id, amount) VALUES (a.id, a.league_id, p_user, p_amount);
        IF raises_own THEN
          UPDATE memberships SET committed = committed + p_amount - a.high_bid
           WHERE league_id = a.league_id AND user_id = p_user RETURNING * INTO after;
        ELSE
          UPDATE memberships SET committed = committed + p_amount, leading_count = leading_count + 1
           WHERE league_id = a.league_id AND user_id = p_user RETURNING * INTO after;
          IF a.high_bidder_id IS NOT NULL THEN
            UPDATE memberships SET committed = committed - a.high_bid, leading_count = leading_count - 1
             WHERE league_id = a.league_id AND user_id = a.high_bidder_id RETURNING * INTO o;
          END IF;
        END IF;
        UPDATE leagues SET last_seq = last_seq + 1 WHERE id = a.league_id RETURNING last_seq INTO next_seq;
        INSERT INTO league_events (league_id, seq, type, data)
        VALUES (a.league_id, next_seq, 'bid.accepted', jsonb_build_object(
          'auctionId', a.id, 'amount', p_amount, 'bidderId', p_user,
          'endsAt', to_char(ends AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
        RETURNING league_id, league_events.seq, type, at, data INTO ev;
        RETURN jsonb_build_object(
          'ok', true,
          'amount', p_amount,
          'auction', jsonb_build_object(
            'id', a.id, 'leagueId', a.league_id, 'playerId', a.player_id, 'position', a.position,
            'playerName', p_player_name, 'openingPrice', a.opening_price, 'bidCount', a.bid_count + 1,
            'openedAt', a.opened_at, 'endsAt', ends, 'minIncrement', l.min_increment, 'serverTime', clock_timestamp()),
          'bidderId', p_user,
          'bidderName', after.display_name,
          'bidder', to_jsonb(after),
          'outbid', CASE WHEN a.high_bidder_id IS NULL OR raises_own THEN NULL ELSE to_jsonb(o) END,
          'event', jsonb_build_object('league_id', ev.league_id, 'seq', ev.seq, 'type', ev.type, 'at', ev.at, 'data', ev.data));
      END $$`;

export const BID_REFUSAL_SQL = `
      CREATE FUNCTION bid_refusal(l leagues, a auctions, p_user uuid, p_amount bigint) RETURNS jsonb
      LANGUAGE plpgsql AS $$
      DECLARE
        b record; held jsonb; total int; needed int; pos text; available bigint;
        leads boolean := a.high_bidder_id IS NOT DISTINCT FROM p_user;
      BEGIN
        SELECT m.* INTO b FROM memberships m WHERE m.league_id = a.league_id AND m.user_id = p_user;
        IF NOT FOUND THEN
          RETURN jsonb_build_object('ok', false, 'code', 'AUCTION_NOT_FOUND');
        END IF;
        IF leads THEN
          -- The leader raising his own maximum: this auction's place and its bid are his already.
          available := b.budget - (b.committed - a.high_bid) - b.min_price * greatest(0, b.roster_size - b.owned_count - b.leading_count);
        ELSE
          IF b.owned_count + b.leading_count >= b.roster_size THEN
            RETURN jsonb_build_object('ok', false, 'code', 'ROSTER_FULL');
          END IF;
          -- Held by position (owned + leading), counted under the locks.
          SELECT coalesce(jsonb_object_agg(h.position, h.n), '{}'::jsonb) INTO held FROM (
            SELECT x.position, count(*) AS n FROM (
              SELECT position FROM roster_entries WHERE league_id = a.league_id AND user_id = p_user
              UNION ALL
              SELECT position FROM auctions WHERE league_id = a.league_id AND high_bidder_id = p_user AND status = 'open'
            ) x GROUP BY x.position) h;
          total := 0; needed := 0;
          FOREACH pos IN ARRAY ARRAY['GK', 'DEF', 'MID', 'FWD'] LOOP
            total := total + coalesce((held ->> pos)::int, 0);
            IF pos <> a.position THEN
              needed := needed + greatest(0, (CASE pos WHEN 'GK' THEN l.gk_min WHEN 'DEF' THEN l.def_min WHEN 'MID' THEN l.mid_min ELSE l.fwd_min END)
                                               - coalesce((held ->> pos)::int, 0));
            END IF;
          END LOOP;
          IF coalesce((held ->> a.position)::int, 0) >= (CASE a.position WHEN 'GK' THEN l.gk_max WHEN 'DEF' THEN l.def_max WHEN 'MID' THEN l.mid_max ELSE l.fwd_max END)
             OR total + 1 + needed > l.roster_size THEN
            RETURN jsonb_build_object('ok', false, 'code', 'POSITION_FULL', 'position', a.position);
          END IF;
          available := b.budget - b.committed - b.min_price * greatest(0, b.roster_size - b.owned_count - b.leading_count - 1);
        END IF;
        IF p_amount > available THEN
          RETURN jsonb_build_object('ok', false, 'code', 'INSUFFICIENT_BUDGET', 'available', available);
        END IF;
        RETURN NULL;
      END $$`;

export const RESOLVE_MAX_BIDS_SQL = `
      CREATE FUNCTION resolve_max_bids(l leagues, p_auction uuid, p_player_name text) RETURNS jsonb
      LANGUAGE plpgsql AS $$
      DECLARE
        a auctions; c max_bids; lm max_bids; bidder uuid; beaten uuid; price bigint; others bigint; refusal jsonb; r jsonb;
        results jsonb := '[]'::jsonb; rounds int := 0;
      BEGIN
        LOOP
          rounds := rounds + 1;
          EXIT WHEN rounds > 20; -- each round records a higher bid or lapses a maximum: a handful at most
          SELECT * INTO a FROM auctions WHERE id = p_auction;
          -- The strongest maximum of anyone but the leader that can beat the high bid; equal ones: the earlier.
          SELECT * INTO c FROM max_bids
           WHERE auction_id = a.id AND user_id IS DISTINCT FROM a.high_bidder_id
             AND amount >= CASE WHEN a.high_bid IS NULL THEN a.opening_price ELSE a.high_bid + l.min_increment END
           ORDER BY amount DESC, placed_at, user_id LIMIT 1;
          EXIT WHEN NOT FOUND;
          lm := NULL;
          SELECT * INTO lm FROM max_bids WHERE auction_id = a.id AND user_id = a.high_bidder_id;
          IF lm.amount IS NOT NULL AND (lm.amount > c.amount OR (lm.amount = c.amount AND lm.placed_at <= c.placed_at)) THEN
            -- The leader's maximum holds: it raises his bid to the least that beats the challenger's, up to it.
            bidder := a.high_bidder_id;
            beaten := c.user_id;
            price := least(lm.amount, c.amount + l.min_increment);
          ELSE
            -- The challenger leads: the least that beats the leader's maximum (or bid) and every other maximum.
            bidder := c.user_id;
            beaten := NULL;
            SELECT max(amount) INTO others FROM max_bids
             WHERE auction_id = a.id AND user_id <> c.user_id AND user_id IS DISTINCT FROM a.high_bidder_id;
            price := CASE WHEN a.high_bid IS NULL THEN a.opening_price
                          ELSE least(c.amount, greatest(a.high_bid, coalesce(lm.amount, 0)) + l.min_increment) END;
            IF others IS NOT NULL THEN
              price := greatest(price, least(c.amount, others + l.min_increment));
            END IF;
          END IF;
          refusal := bid_refusal(l, a, bidder, price);
          IF refusal IS NOT NULL THEN
            -- A maximum its holder can no longer honour (budget, squad) lapses; the others go on.
            DELETE FROM max_bids WHERE auction_id = a.id AND user_id = bidder;
            CONTINUE;
          END IF;
          r := record_bid(l, a, bidder, price, p_player_name);
          IF beaten IS NOT NULL THEN
            r := r || jsonb_build_object('maxBeaten', beaten);
          END IF;
          results := results || jsonb_build_array(r);
        END LOOP;
        RETURN results;
      END $$`;

export const PLACE_BIDS_PROXY_SQL = `
      CREATE FUNCTION place_bids(p_auction uuid, p_users uuid[], p_amounts bigint[], p_up_to bigint[]) RETURNS jsonb
      LANGUAGE plpgsql AS $$
      DECLARE
        n int := cardinality(p_users);
        a auctions; l leagues; pre record; who record;
        i int; v_user uuid; v_amount bigint; r jsonb; proxies jsonb; results jsonb := '[]'::jsonb;
        player_name text; min_bid bigint;
      BEGIN
        IF n IS NULL OR n = 0 OR n IS DISTINCT FROM cardinality(p_amounts) OR n IS DISTINCT FROM cardinality(p_up_to) THEN
          RAISE EXCEPTION 'place_bids: % users for % amounts and % ceilings', n, cardinality(p_amounts), cardinality(p_up_to);
        END IF;
        FOR i IN 1 .. n LOOP
          IF (p_amounts[i] IS NULL) = (p_up_to[i] IS NULL) THEN
            RAISE EXCEPTION 'place_bids: bid % needs an amount or a ceiling, not both', i;
          END IF;
        END LOOP;

        IF n = 1 THEN
          SELECT x.status, x.paused_remaining IS NOT NULL AS is_paused, x.ends_at > clock_timestamp() AS is_open, x.high_bid,
                 x.high_bidder_id, x.opening_price, lg.min_increment,
                 EXISTS (SELECT 1 FROM memberships m WHERE m.league_id = x.league_id AND m.user_id = p_users[1]) AS is_member
            INTO pre FROM auctions x JOIN leagues lg ON lg.id = x.league_id WHERE x.id = p_auction;
          IF NOT FOUND OR NOT pre.is_member THEN
            RETURN jsonb_build_array(jsonb_build_object('ok', false, 'code', 'AUCTION_NOT_FOUND'));
          END IF;
          IF pre.status <> 'open' THEN
            RETURN jsonb_build_array(jsonb_build_object('ok', false, 'code', 'AUCTION_CLOSED'));
          END IF;
          IF pre.is_paused THEN
            RETURN jsonb_build_array(jsonb_build_object('ok', false, 'code', 'AUCTION_PAUSED'));
          END IF;
          -- Past its deadline but not closed yet: the locked path decides, on the clock it reads then.
          IF pre.is_open THEN
            IF pre.high_bidder_id = p_users[1] THEN
              RETURN jsonb_build_array(jsonb_build_object('ok', false, 'code', 'ALREADY_LEADING'));
            END IF;
            min_bid := CASE WHEN pre.high_bid IS NULL THEN pre.opening_price ELSE pre.high_bid + pre.min_increment END;
            IF coalesce(p_amounts[1], p_up_to[1]) < min_bid THEN
              RETURN jsonb_build_array(jsonb_build_object('ok', false, 'code', 'BID_TOO_LOW', 'minBid', min_bid));
            END IF;
          END IF;
        END IF;

        SELECT * INTO a FROM auctions WHERE id = p_auction FOR NO KEY UPDATE;
        IF NOT FOUND THEN
          RETURN (SELECT jsonb_agg(jsonb_build_object('ok', false, 'code', 'AUCTION_NOT_FOUND')) FROM generate_series(1, n));
        END IF;
        SELECT * INTO l FROM leagues WHERE id = a.league_id;
        -- Every membership the batch can touch, in user-id order: its bidders, the leader, and (max bids
        -- on) every holder of a maximum here, for whom the game may bid.
        FOR who IN SELECT m.user_id FROM memberships m
                    WHERE m.league_id = a.league_id
                      AND (m.user_id = ANY (p_users) OR m.user_id = a.high_bidder_id
                           OR (l.max_bids AND m.user_id IN (SELECT x.user_id FROM max_bids x WHERE x.auction_id = p_auction)))
                    ORDER BY m.user_id FOR NO KEY UPDATE LOOP
        END LOOP;

        FOR i IN 1 .. n LOOP
          v_user := p_users[i];
          r := NULL;
          min_bid := CASE WHEN a.high_bid IS NULL THEN a.opening_price ELSE a.high_bid + l.min_increment END;
          -- A ceiling bids the lowest amount accepted now, if the ceiling reaches it (NULL otherwise).
          v_amount := coalesce(p_amounts[i], CASE WHEN min_bid <= p_up_to[i] THEN min_bid END);
          -- The contract's order of refusals.
          IF NOT EXISTS (SELECT 1 FROM memberships m WHERE m.league_id = a.league_id AND m.user_id = v_user) THEN
            r := jsonb_build_object('ok', false, 'code', 'AUCTION_NOT_FOUND');
          ELSIF a.status = 'open' AND a.paused_remaining IS NOT NULL THEN
            r := jsonb_build_object('ok', false, 'code', 'AUCTION_PAUSED');
          ELSIF a.status <> 'open' OR a.ends_at <= clock_timestamp() THEN
            r := jsonb_build_object('ok', false, 'code', 'AUCTION_CLOSED');
          ELSIF a.high_bidder_id = v_user THEN
            r := jsonb_build_object('ok', false, 'code', 'ALREADY_LEADING');
          ELSIF v_amount IS NULL OR v_amount < min_bid THEN
            r := jsonb_build_object('ok', false, 'code', 'BID_TOO_LOW', 'minBid', min_bid);
          ELSE
            r := bid_refusal(l, a, v_user, v_amount);
          END IF;

          IF r IS NULL THEN
            IF player_name IS NULL THEN
              SELECT name INTO player_name FROM players WHERE id = a.player_id;
            END IF;
            r := record_bid(l, a, v_user, v_amount, player_name);
            -- The next bid of the batch meets the auction as this one left it…
            a.high_bid := v_amount;
            a.high_bidder_id := v_user;
            a.bid_count := a.bid_count + 1;
            a.ends_at := (r -> 'auction' ->> 'endsAt')::timestamptz;
            -- …or as the standing maxima that answered it, in the same call, left it.
            IF l.max_bids THEN
              proxies := resolve_max_bids(l, p_auction, player_name);
              IF jsonb_array_length(proxies) > 0 THEN
                r := r || jsonb_build_object('proxies', proxies);
                SELECT * INTO a FROM auctions WHERE id = p_auction;
              END IF;
            END IF;
          END IF;
          results := results || jsonb_build_array(r);
        END LOOP;
        RETURN results;
      END $$`;

export const SET_MAX_BID_SQL = `
      CREATE FUNCTION set_max_bid(p_auction uuid, p_user uuid, p_amount bigint) RETURNS jsonb
      LANGUAGE plpgsql AS $$
      DECLARE
        a auctions; l leagues; who record; r jsonb; proxies jsonb; min_bid bigint; player_name text;
      BEGIN
        SELECT * INTO a FROM auctions WHERE id = p_auction FOR NO KEY UPDATE;
        IF NOT FOUND OR NOT EXISTS (SELECT 1 FROM memberships m WHERE m.league_id = a.league_id AND m.user_id = p_user) THEN
          RETURN jsonb_build_object('ok', false, 'code', 'AUCTION_NOT_FOUND');
        END IF;
        SELECT * INTO l FROM leagues WHERE id = a.league_id;
        IF NOT l.max_bids THEN
          RETURN jsonb_build_object('ok', false, 'code', 'MAX_BIDS_OFF');
        END IF;
        IF a.status = 'open' AND a.paused_remaining IS NOT NULL THEN
          RETURN jsonb_build_object('ok', false, 'code', 'AUCTION_PAUSED');
        END IF;
        IF a.status <> 'open' OR a.ends_at <= clock_timestamp() THEN
          RETURN jsonb_build_object('ok', false, 'code', 'AUCTION_CLOSED');
        END IF;
        FOR who IN SELECT m.user_id FROM memberships m
                    WHERE m.league_id = a.league_id
                      AND (m.user_id = p_user OR m.user_id = a.high_bidder_id
                           OR m.user_id IN (SELECT x.user_id FROM max_bids x WHERE x.auction_id = p_auction))
                    ORDER BY m.user_id FOR NO KEY UPDATE LOOP
        END LOOP;
        -- Like a bid: at least what would be accepted now (the leader: at least his own bid).
        min_bid := CASE WHEN a.high_bidder_id = p_user THEN a.high_bid
                        WHEN a.high_bid IS NULL THEN a.opening_price ELSE a.high_bid + l.min_increment END;
        IF p_amount < min_bid THEN
          RETURN jsonb_build_object('ok', false, 'code', 'BID_TOO_LOW', 'minBid', min_bid);
        END IF;
        r := bid_refusal(l, a, p_user, p_amount);
        IF r IS NOT NULL THEN
          RETURN r;
        END IF;
        INSERT INTO max_bids (auction_id, league_id, user_id, amount) VALUES (a.id, a.league_id, p_user, p_amount)
        ON CONFLICT (auction_id, user_id) DO UPDATE SET amount = EXCLUDED.amount, placed_at = clock_timestamp();
        SELECT name INTO player_name FROM players WHERE id = a.player_id;
        proxies := resolve_max_bids(l, p_auction, player_name);
        RETURN jsonb_build_object('ok', true, 'proxies', proxies);
      END $$`;

/** Every function of this migration, in the order they are created. */
const FUNCTIONS = [BID_REFUSAL_SQL, RECORD_BID_SQL, RESOLVE_MAX_BIDS_SQL, PLACE_BIDS_PROXY_SQL, SET_MAX_BID_SQL];

export class StandingMaxBids1765500000000 implements MigrationInterface {
  name = 'StandingMaxBids1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE leagues ADD COLUMN max_bids boolean NOT NULL DEFAULT false`);
    await q.query(`
      CREATE TABLE max_bids (
        auction_id uuid NOT NULL CONSTRAINT max_bids_auction_fkey REFERENCES auctions (id) ON DELETE CASCADE,
        league_id uuid NOT NULL,
        user_id uuid NOT NULL,
        amount bigint NOT NULL CONSTRAINT max_bids_amount_check CHECK (amount >= 1),
        placed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (auction_id, user_id),
        CONSTRAINT max_bids_member_fkey FOREIGN KEY (league_id, user_id) REFERENCES memberships (league_id, user_id) ON DELETE CASCADE
      )`);
    await q.query(`DROP FUNCTION place_bids(uuid, uuid[], bigint[], bigint[])`);
    for (const sql of FUNCTIONS) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION set_max_bid(uuid, uuid, bigint)`);
    await q.query(`DROP FUNCTION place_bids(uuid, uuid[], bigint[], bigint[])`);
    await q.query(`DROP FUNCTION resolve_max_bids(leagues, uuid, text)`);
    await q.query(`DROP FUNCTION record_bid(leagues, auctions, uuid, bigint, text)`);
    await q.query(`DROP FUNCTION bid_refusal(leagues, auctions, uuid, bigint)`);
    await q.query(PLACE_BIDS_PAUSABLE_SQL.replace('CREATE OR REPLACE FUNCTION', 'CREATE FUNCTION'));
    await q.query(`DROP TABLE max_bids`);
    await q.query(`ALTER TABLE leagues DROP COLUMN max_bids`);
  }
}
