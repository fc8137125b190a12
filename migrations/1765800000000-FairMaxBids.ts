import type { MigrationInterface, QueryRunner } from 'typeorm';
import { RESOLVE_MAX_BIDS_SQL } from './1765500000000-StandingMaxBids.js';

/**
 * Two corrections to draft night, found in review:
 *
 * 1. A standing maximum counts for what its holder can pay at that moment. resolve_max_bids used the
 *    stored amounts of every maximum to set the price and pick the leader, and judged only the one it
 *    bid for: a maximum whose holder had since spent his budget elsewhere still raised the price for
 *    everyone (or lost the lead for a holder who could pay). Now each round first works out every
 *    maximum's effective amount — the stored one, capped at what bid_refusal says its holder can afford,
 *    nothing at all when his squad or that position is full — and decides from those.
 * 2. A pause keeps the time left to the deadline as it was before quiet hours moved it
 *    (quiet_remaining): a deadline sitting at a quiet window's end runs only to the window's start, so a
 *    clock moved to 08:00 and paused at night no longer carries the whole night into the resume (which
 *    moves it again if it falls inside a window).
 */
const RESOLVE_CAPPED_SQL = `
      CREATE OR REPLACE FUNCTION resolve_max_bids(l leagues, p_auction uuid, p_player_name text) RETURNS jsonb
      LANGUAGE plpgsql AS $$
      DECLARE
        a auctions; m max_bids; refusal jsonb; r jsonb; results jsonb := '[]'::jsonb; rounds int := 0;
        users uuid[]; caps bigint[]; times timestamptz[]; i int; k int;
        min_bid bigint; c_user uuid; c_cap bigint; c_at timestamptz; l_cap bigint; l_at timestamptz; others bigint;
        bidder uuid; beaten uuid; price bigint;
      BEGIN
        LOOP
          rounds := rounds + 1;
          EXIT WHEN rounds > 20; -- each round records a higher bid: a handful at most
          SELECT * INTO a FROM auctions WHERE id = p_auction;
          -- Every maximum at what its holder can pay now (nothing when his squad or the position is full).
          users := '{}'; caps := '{}'; times := '{}';
          FOR m IN SELECT * FROM max_bids WHERE auction_id = a.id ORDER BY placed_at, user_id LOOP
            refusal := bid_refusal(l, a, m.user_id, m.amount);
            IF refusal IS NULL THEN
              users := users || m.user_id; caps := caps || m.amount; times := times || m.placed_at;
            ELSIF refusal ->> 'code' = 'INSUFFICIENT_BUDGET' THEN
              users := users || m.user_id; caps := caps || least(m.amount, (refusal ->> 'available')::bigint); times := times || m.placed_at;
            END IF;
          END LOOP;
          min_bid := CASE WHEN a.high_bid IS NULL THEN a.opening_price ELSE a.high_bid + l.min_increment END;
          -- The strongest maximum of anyone but the leader that can beat the high bid (equal: the earlier), and the leader's own.
          c_user := NULL; c_cap := NULL; c_at := NULL; l_cap := NULL; l_at := NULL; k := NULL;
          FOR i IN 1 .. coalesce(cardinality(users), 0) LOOP
            IF users[i] IS NOT DISTINCT FROM a.high_bidder_id THEN
              l_cap := caps[i]; l_at := times[i];
            ELSIF caps[i] >= min_bid AND (c_cap IS NULL OR caps[i] > c_cap) THEN
              c_user := users[i]; c_cap := caps[i]; c_at := times[i]; k := i;
            END IF;
          END LOOP;
          EXIT WHEN c_user IS NULL;
          IF l_cap IS NOT NULL AND (l_cap > c_cap OR (l_cap = c_cap AND l_at <= c_at)) THEN
            -- The leader's maximum holds: it raises his bid to the least that beats the challenger's, up to it.
            bidder := a.high_bidder_id;
            beaten := c_user;
            price := least(l_cap, c_cap + l.min_increment);
          ELSE
            -- The challenger leads: the least that beats the leader's maximum (or bid) and every other maximum.
            bidder := c_user;
            beaten := NULL;
            others := NULL;
            FOR i IN 1 .. cardinality(users) LOOP
              IF i <> k AND users[i] IS DISTINCT FROM a.high_bidder_id AND (others IS NULL OR caps[i] > others) THEN
                others := caps[i];
              END IF;
            END LOOP;
            price := CASE WHEN a.high_bid IS NULL THEN a.opening_price
                          ELSE least(c_cap, greatest(a.high_bid, coalesce(l_cap, 0)) + l.min_increment) END;
            IF others IS NOT NULL THEN
              price := greatest(price, least(c_cap, others + l.min_increment));
            END IF;
          END IF;
          -- Judged once more at the price itself (the caps make a refusal here all but impossible).
          refusal := bid_refusal(l, a, bidder, price);
          IF refusal IS NOT NULL THEN
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

export class FairMaxBids1765800000000 implements MigrationInterface {
  name = 'FairMaxBids1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(RESOLVE_CAPPED_SQL);
    await q.query(`
      CREATE FUNCTION quiet_remaining(p_league uuid, p_deadline timestamptz) RETURNS interval
      LANGUAGE plpgsql STABLE AS $$
      DECLARE
        l leagues; local timestamp; ws timestamptz;
      BEGIN
        SELECT * INTO l FROM leagues WHERE id = p_league;
        IF l.quiet_from IS NOT NULL AND p_deadline IS NOT NULL THEN
          local := p_deadline AT TIME ZONE l.time_zone;
          IF local::time = l.quiet_to THEN
            -- A deadline at a quiet window's end was moved there: what is left runs to the window's start.
            ws := (CASE WHEN l.quiet_from < l.quiet_to THEN local::date ELSE local::date - 1 END + l.quiet_from) AT TIME ZONE l.time_zone;
            RETURN greatest(interval '0', least(p_deadline, ws) - now());
          END IF;
        END IF;
        RETURN greatest(interval '0', p_deadline - now());
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION quiet_remaining(uuid, timestamptz)`);
    await q.query(RESOLVE_MAX_BIDS_SQL.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION'));
  }
}
