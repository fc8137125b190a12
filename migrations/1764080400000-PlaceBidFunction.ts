import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The bid as one database call: place_bid(auction, user, amount) locks, checks the contract's rules
 * in the contract's order and writes the bid, the soft close, both managers' money and the league's
 * event in one round trip, answering JSON. Profiling showed half of the API's busy time in socket
 * writes, one or more per statement of a bid. Lock order as everywhere: the auction, then the people
 * in user-id order, the league row last (docs/architecture.md, "The lock order").
 * 1764166800000-PlaceBidsInBatches.ts replaces it with place_bids and drops it; that migration's
 * `down` re-creates it from here.
 */
export class PlaceBidFunction1764080400000 implements MigrationInterface {
  name = 'PlaceBidFunction1764080400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION place_bid(p_auction uuid, p_user uuid, p_amount bigint) RETURNS jsonb
      LANGUAGE plpgsql AS $$
      DECLARE
        a record; l record; b record; o record; who record;
        held jsonb; total int; needed int; pos text; min_bid bigint; available bigint;
        ends timestamptz; seq bigint; ev record;
      BEGIN
        SELECT * INTO a FROM auctions WHERE id = p_auction FOR NO KEY UPDATE;
        IF NOT FOUND THEN RETURN jsonb_build_object('ok', false, 'code', 'AUCTION_NOT_FOUND'); END IF;
        SELECT * INTO l FROM leagues WHERE id = a.league_id;
        PERFORM 1 FROM memberships m WHERE m.league_id = a.league_id AND m.user_id = p_user;
        IF NOT FOUND THEN RETURN jsonb_build_object('ok', false, 'code', 'AUCTION_NOT_FOUND'); END IF;

        -- The bidder and the leader about to be outbid, in user-id order.
        FOR who IN SELECT m.user_id FROM memberships m
                    WHERE m.league_id = a.league_id AND m.user_id IN (p_user, a.high_bidder_id)
                    ORDER BY m.user_id FOR NO KEY UPDATE LOOP
        END LOOP;
        SELECT m.*, u.display_name INTO b FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.league_id = a.league_id AND m.user_id = p_user;

        IF a.status <> 'open' OR a.ends_at <= clock_timestamp() THEN
          RETURN jsonb_build_object('ok', false, 'code', 'AUCTION_CLOSED');
        END IF;
        IF a.high_bidder_id = p_user THEN RETURN jsonb_build_object('ok', false, 'code', 'ALREADY_LEADING'); END IF;
        min_bid := CASE WHEN a.high_bid IS NULL THEN a.opening_price ELSE a.high_bid + l.min_increment END;
        IF p_amount < min_bid THEN RETURN jsonb_build_object('ok', false, 'code', 'BID_TOO_LOW', 'minBid', min_bid); END IF;
        IF b.owned_count + b.leading_count >= b.roster_size THEN RETURN jsonb_build_object('ok', false, 'code', 'ROSTER_FULL'); END IF;

        -- Held by position (owned + leading), counted now that the locks are held.
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
        IF p_amount > available THEN RETURN jsonb_build_object('ok', false, 'code', 'INSUFFICIENT_BUDGET', 'available', available); END IF;

        UPDATE auctions SET high_bid = p_amount, high_bidder_id = p_user, bid_count = bid_count + 1,
               ends_at = greatest(ends_at, clock_timestamp() + make_interval(secs => l.extend_seconds))
         WHERE id = p_auction RETURNING ends_at INTO ends;
        INSERT INTO bids (auction_id, league_id, bidder_id, amount) VALUES (p_auction, a.league_id, p_user, p_amount);
        UPDATE memberships SET committed = committed + p_amount, leading_count = leading_count + 1
         WHERE league_id = a.league_id AND user_id = p_user RETURNING * INTO b;
        IF a.high_bidder_id IS NOT NULL THEN
          UPDATE memberships SET committed = committed - a.high_bid, leading_count = leading_count - 1
           WHERE league_id = a.league_id AND user_id = a.high_bidder_id RETURNING * INTO o;
        END IF;
        UPDATE leagues SET last_seq = last_seq + 1 WHERE id = a.league_id RETURNING last_seq INTO seq;
        INSERT INTO league_events (league_id, seq, type, data)
        VALUES (a.league_id, seq, 'bid.accepted', jsonb_build_object(
          'auctionId', p_auction, 'amount', p_amount, 'bidderId', p_user,
          'endsAt', to_char(ends AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
        RETURNING league_id, league_events.seq, type, at, data INTO ev;

        RETURN jsonb_build_object(
          'ok', true,
          'auction', jsonb_build_object(
            'id', a.id, 'leagueId', a.league_id, 'playerId', a.player_id, 'position', a.position,
            'playerName', (SELECT name FROM players WHERE id = a.player_id),
            'openingPrice', a.opening_price, 'bidCount', a.bid_count + 1, 'openedAt', a.opened_at,
            'endsAt', ends, 'minIncrement', l.min_increment, 'serverTime', clock_timestamp()),
          'bidderName', (SELECT display_name FROM users WHERE id = p_user),
          'bidder', to_jsonb(b), 'outbid', CASE WHEN a.high_bidder_id IS NULL THEN NULL ELSE to_jsonb(o) END,
          'event', jsonb_build_object('league_id', ev.league_id, 'seq', ev.seq, 'type', ev.type, 'at', ev.at, 'data', ev.data));
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION place_bid(uuid, uuid, bigint)`);
  }
}
