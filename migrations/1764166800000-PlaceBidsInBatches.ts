import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PlaceBidFunction1764080400000 } from './1764080400000-PlaceBidFunction.js';

/**
 * Bids on one auction, in the order they arrived, in one database call: place_bids(). The API
 * queues a hot auction's bids while a call for it is in flight and sends the queue as the next
 * batch (libs/market/src/bid-lanes.ts). The rules are those of place_bid, which this replaces
 * (every bid of the API, single or batched, goes through this one implementation).
 * Each bid has an amount, or a ceiling (`upTo`): then it bids the lowest amount accepted at that
 * moment — the opening price, or the high bid + minIncrement — if the ceiling reaches it. That is the
 * "+1" of a live auction room, resolved under the lock, so two managers tapping it never collide.
 *
 * A batch of one first takes a lock-free look: a bid it refuses (unknown auction or not a member,
 * closed, already leading, too low) costs no lock and no transaction id, hence no WAL flush. Those
 * refusals are true at the moment of the look: a closed auction stays closed, a high bid only rises.
 *
 * Otherwise: the auction row, then every membership the batch can touch (its bidders and the
 * current leader) in user-id order, are locked once; then each bid is judged in order against the
 * auction as the previous ones left it. Accepted bids take the league row (the event's seq) last,
 * and no membership is locked after it — they are all held already — so the lock order of every
 * other transaction (auction → people → league) still holds.
 * Profiling put a bid's database cost in its statement count: this does 4 per batch and 9 per
 * accepted bid (plus foreign-key checks), where place_bid + its preview did 17.
 *
 * The migration creates place_bids, drops place_bid, drops two indexes a bid no longer needs
 * (bids_auction_idx, auctions_leader_idx) and gives auctions, memberships and leagues a lower
 * fillfactor, so that a bid's updates can stay HOT.
 */
/** The function as this migration made it; a later migration that changes it starts from this text. */
export const PLACE_BIDS_SQL = `
      CREATE FUNCTION place_bids(p_auction uuid, p_users uuid[], p_amounts bigint[], p_up_to bigint[]) RETURNS jsonb
      LANGUAGE plpgsql AS $$
      DECLARE
        n int := cardinality(p_users);
        a record; l record; b record; after record; o record; who record; ev record;
        i int; v_user uuid; v_amount bigint; r jsonb; results jsonb := '[]'::jsonb;
        player_name text; held jsonb; total int; needed int; pos text;
        min_bid bigint; available bigint; ends timestamptz; next_seq bigint;
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
          SELECT x.status, x.ends_at > clock_timestamp() AS is_open, x.high_bid, x.high_bidder_id, x.opening_price, lg.min_increment,
                 EXISTS (SELECT 1 FROM memberships m WHERE m.league_id = x.league_id AND m.user_id = p_users[1]) AS is_member
            INTO a FROM auctions x JOIN leagues lg ON lg.id = x.league_id WHERE x.id = p_auction;
          IF NOT FOUND OR NOT a.is_member THEN
            RETURN jsonb_build_array(jsonb_build_object('ok', false, 'code', 'AUCTION_NOT_FOUND'));
          END IF;
          IF a.status <> 'open' THEN
            RETURN jsonb_build_array(jsonb_build_object('ok', false, 'code', 'AUCTION_CLOSED'));
          END IF;
          -- Past its deadline but not closed yet: the locked path decides, on the clock it reads then.
          IF a.is_open THEN
            IF a.high_bidder_id = p_users[1] THEN
              RETURN jsonb_build_array(jsonb_build_object('ok', false, 'code', 'ALREADY_LEADING'));
            END IF;
            min_bid := CASE WHEN a.high_bid IS NULL THEN a.opening_price ELSE a.high_bid + a.min_increment END;
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
        FOR who IN SELECT m.user_id FROM memberships m
                    WHERE m.league_id = a.league_id AND (m.user_id = ANY (p_users) OR m.user_id = a.high_bidder_id)
                    ORDER BY m.user_id FOR NO KEY UPDATE LOOP
        END LOOP;

        FOR i IN 1 .. n LOOP
          v_user := p_users[i];
          r := NULL;
          min_bid := CASE WHEN a.high_bid IS NULL THEN a.opening_price ELSE a.high_bid + l.min_increment END;
          -- A ceiling bids the lowest amount accepted now, if the ceiling reaches it (NULL otherwise).
          v_amount := coalesce(p_amounts[i], CASE WHEN min_bid <= p_up_to[i] THEN min_bid END);
          SELECT m.*, u.display_name INTO b FROM memberships m JOIN users u ON u.id = m.user_id
           WHERE m.league_id = a.league_id AND m.user_id = v_user;
          -- The contract's order of refusals.
          IF NOT FOUND THEN
            r := jsonb_build_object('ok', false, 'code', 'AUCTION_NOT_FOUND');
          ELSIF a.status <> 'open' OR a.ends_at <= clock_timestamp() THEN
            r := jsonb_build_object('ok', false, 'code', 'AUCTION_CLOSED');
          ELSIF a.high_bidder_id = v_user THEN
            r := jsonb_build_object('ok', false, 'code', 'ALREADY_LEADING');
          ELSIF v_amount IS NULL OR v_amount < min_bid THEN
            r := jsonb_build_object('ok', false, 'code', 'BID_TOO_LOW', 'minBid', min_bid);
          ELSIF b.owned_count + b.leading_count >= b.roster_size THEN
            r := jsonb_build_object('ok', false, 'code', 'ROSTER_FULL');
          ELSE
            -- Held by position (owned + leading), counted under the locks.
            SELECT coalesce(jsonb_object_agg(h.position, h.n), '{}'::jsonb) INTO held FROM (
              SELECT x.position, count(*) AS n FROM (
                SELECT position FROM roster_entries WHERE league_id = a.league_id AND user_id = v_user
                UNION ALL
                SELECT position FROM auctions WHERE league_id = a.league_id AND high_bidder_id = v_user AND status = 'open'
              ) x GROUP BY x.position) h;
            total := 0; needed := 0;
            FOREACH pos IN ARRAY ARRAY['GK', 'DEF', 'MID', 'FWD'] LOOP
              total := total + coalesce((held ->> pos)::int, 0);
              IF pos <> a.position THEN
                needed := needed + greatest(0, (CASE pos WHEN 'GK' THEN l.gk_min WHEN 'DEF' THEN l.def_min WHEN 'MID' THEN l.mid_min ELSE l.fwd_min END)
                                                 - coalesce((held ->> pos)::int, 0));
              END IF;
            END LOOP;
            available := b.budget - b.committed - b.min_price * greatest(0, b.roster_size - b.owned_count - b.leading_count - 1);
            IF coalesce((held ->> a.position)::int, 0) >= (CASE a.position WHEN 'GK' THEN l.gk_max WHEN 'DEF' THEN l.def_max WHEN 'MID' THEN l.mid_max ELSE l.fwd_max END)
               OR total + 1 + needed > l.roster_size THEN
              r := jsonb_build_object('ok', false, 'code', 'POSITION_FULL', 'position', a.position);
            ELSIF v_amount > available THEN
              r := jsonb_build_object('ok', false, 'code', 'INSUFFICIENT_BUDGET', 'available', available);
            END IF;
          END IF;

          IF r IS NULL THEN
            ends := greatest(a.ends_at, clock_timestamp() + make_interval(secs => l.extend_seconds));
            UPDATE auctions SET high_bid = v_amount, high_bidder_id = v_user, bid_count = bid_count + 1, ends_at = ends
             WHERE id = p_auction;
            INSERT INTO bids (auction_id, league_id, bidder_id, amount) VALUES (p_auction, a.league_id, v_user, v_amount);
            UPDATE memberships SET committed = committed + v_amount, leading_count = leading_count + 1
             WHERE league_id = a.league_id AND user_id = v_user RETURNING * INTO after;
            IF a.high_bidder_id IS NOT NULL THEN
              UPDATE memberships SET committed = committed - a.high_bid, leading_count = leading_count - 1
               WHERE league_id = a.league_id AND user_id = a.high_bidder_id RETURNING * INTO o;
            END IF;
            UPDATE leagues SET last_seq = last_seq + 1 WHERE id = a.league_id RETURNING last_seq INTO next_seq;
            INSERT INTO league_events (league_id, seq, type, data)
            VALUES (a.league_id, next_seq, 'bid.accepted', jsonb_build_object(
              'auctionId', p_auction, 'amount', v_amount, 'bidderId', v_user,
              'endsAt', to_char(ends AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
            RETURNING league_id, league_events.seq, type, at, data INTO ev;
            IF player_name IS NULL THEN
              SELECT name INTO player_name FROM players WHERE id = a.player_id;
            END IF;
            r := jsonb_build_object(
              'ok', true,
              'amount', v_amount,
              'auction', jsonb_build_object(
                'id', a.id, 'leagueId', a.league_id, 'playerId', a.player_id, 'position', a.position,
                'playerName', player_name, 'openingPrice', a.opening_price, 'bidCount', a.bid_count + 1,
                'openedAt', a.opened_at, 'endsAt', ends, 'minIncrement', l.min_increment, 'serverTime', clock_timestamp()),
              'bidderName', b.display_name,
              'bidder', to_jsonb(after),
              'outbid', CASE WHEN a.high_bidder_id IS NULL THEN NULL ELSE to_jsonb(o) END,
              'event', jsonb_build_object('league_id', ev.league_id, 'seq', ev.seq, 'type', ev.type, 'at', ev.at, 'data', ev.data));
            -- The next bid of the batch meets the auction as this one left it.
            a.high_bid := v_amount;
            a.high_bidder_id := v_user;
            a.bid_count := a.bid_count + 1;
            a.ends_at := ends;
          END IF;
          results := results || jsonb_build_array(r);
        END LOOP;
        RETURN results;
      END $$`;

export class PlaceBidsInBatches1764166800000 implements MigrationInterface {
  name = 'PlaceBidsInBatches1764166800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(PLACE_BIDS_SQL);
    // Fewer index entries per bid: bids' unique (auction_id, amount) already serves "newest first"
    // read backwards, and the few open auctions of a league are found by auctions_league_idx, so a
    // bid that only changes the high bid and leader can be a HOT update when the page has room.
    await q.query(`DROP INDEX bids_auction_idx`);
    await q.query(`DROP INDEX auctions_leader_idx`);
    await q.query(`ALTER TABLE auctions SET (fillfactor = 70)`);
    await q.query(`ALTER TABLE memberships SET (fillfactor = 70)`);
    await q.query(`ALTER TABLE leagues SET (fillfactor = 50)`);
    // One implementation of the rules: the API calls place_bids for every bid.
    await q.query(`DROP FUNCTION place_bid(uuid, uuid, bigint)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION place_bids(uuid, uuid[], bigint[], bigint[])`);
    await q.query(`ALTER TABLE leagues RESET (fillfactor)`);
    await q.query(`ALTER TABLE memberships RESET (fillfactor)`);
    await q.query(`ALTER TABLE auctions RESET (fillfactor)`);
    await q.query(`CREATE INDEX auctions_leader_idx ON auctions (league_id, high_bidder_id) WHERE status = 'open'`);
    await q.query(`CREATE INDEX bids_auction_idx ON bids (auction_id, amount DESC)`);
    await new PlaceBidFunction1764080400000().up(q);
  }
}
