import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bids on one auction, in the order they arrived, in one database call (the API queues a hot
 * auction's bids while a call for it is in flight and sends the queue as the next batch).
 *
 * A batch of one first takes a lock-free look: a bid refused by it (unknown auction or not a
 * member, closed, already leading, too low) is refused without a lock and without a transaction id,
 * so it costs no WAL flush. Those refusals stay true at the moment of the look: a closed auction
 * stays closed and a high bid only rises.
 *
 * Otherwise the batch locks the auction, then every membership its bids can touch (the bidders and
 * the current leader) in user-id order, and only then runs place_bid for each bid: place_bid takes the
 * league row last, so after the first accepted bid holds it no later bid may lock a membership —
 * they are all held already. Results come back as a JSON array in the bids' order.
 */
export class PlaceBidsInBatches1764166800000 implements MigrationInterface {
  name = 'PlaceBidsInBatches1764166800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION place_bids(p_auction uuid, p_users uuid[], p_amounts bigint[]) RETURNS jsonb
      LANGUAGE plpgsql AS $$
      DECLARE
        a record; who record; results jsonb := '[]'::jsonb; i int; min_bid bigint;
      BEGIN
        IF cardinality(p_users) IS DISTINCT FROM cardinality(p_amounts) OR cardinality(p_users) IS NULL THEN
          RAISE EXCEPTION 'place_bids: % users for % amounts', cardinality(p_users), cardinality(p_amounts);
        END IF;
        IF cardinality(p_users) = 1 THEN
          SELECT x.status, x.ends_at > clock_timestamp() AS is_open, x.high_bid, x.high_bidder_id, x.opening_price, l.min_increment,
                 EXISTS (SELECT 1 FROM memberships m WHERE m.league_id = x.league_id AND m.user_id = p_users[1]) AS is_member
            INTO a FROM auctions x JOIN leagues l ON l.id = x.league_id WHERE x.id = p_auction;
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
            IF p_amounts[1] < min_bid THEN
              RETURN jsonb_build_array(jsonb_build_object('ok', false, 'code', 'BID_TOO_LOW', 'minBid', min_bid));
            END IF;
          END IF;
        END IF;

        SELECT x.league_id, x.high_bidder_id INTO a FROM auctions x WHERE x.id = p_auction FOR NO KEY UPDATE;
        IF FOUND THEN
          FOR who IN SELECT m.user_id FROM memberships m
                      WHERE m.league_id = a.league_id AND (m.user_id = ANY (p_users) OR m.user_id = a.high_bidder_id)
                      ORDER BY m.user_id FOR NO KEY UPDATE LOOP
          END LOOP;
        END IF;
        FOR i IN 1 .. cardinality(p_users) LOOP
          results := results || jsonb_build_array(place_bid(p_auction, p_users[i], p_amounts[i]));
        END LOOP;
        RETURN results;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION place_bids(uuid, uuid[], bigint[])`);
  }
}
