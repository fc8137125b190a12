import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One database call for bids on several auctions (BidLanes sends whatever arrived for auctions not
 * already in flight): one transaction, one commit, one round trip for all of them — the group commit
 * a transaction per bid cannot do.
 *
 * Each bid is judged by place_bids exactly as before, in arrival order (a run of bids on one auction
 * goes as one place_bids, as the lanes always sent them), so the answers are those of the same bids
 * sent one after another. A call with several bids first takes every lock it can need, in the one
 * global order every such call uses — the auctions by id, then the memberships by (league, user):
 * bidders, leaders and holders of a standing maximum — then the leagues by id (record_bid numbers each
 * league's events): two calls sharing a league or a manager wait for each other, never deadlock. A
 * call on one auction takes its locks in the order it always did (its auction, its memberships, its
 * league), which agrees with that order.
 */
const PLACE_BIDS_ACROSS_SQL = `
  CREATE FUNCTION place_bids_across(p_auctions uuid[], p_users uuid[], p_amounts bigint[], p_up_to bigint[]) RETURNS jsonb
  LANGUAGE plpgsql AS $$
  DECLARE
    n int := cardinality(p_auctions);
    i int := 1; j int; results jsonb := '[]'::jsonb;
  BEGIN
    IF n IS NULL OR n = 0 OR n IS DISTINCT FROM cardinality(p_users) OR n IS DISTINCT FROM cardinality(p_amounts)
       OR n IS DISTINCT FROM cardinality(p_up_to) THEN
      RAISE EXCEPTION 'place_bids_across: % auctions for % users, % amounts and % ceilings',
        n, cardinality(p_users), cardinality(p_amounts), cardinality(p_up_to);
    END IF;
    IF EXISTS (SELECT 1 FROM unnest(p_auctions) x WHERE x IS NULL) THEN
      RAISE EXCEPTION 'place_bids_across: an auction id is null';
    END IF;
    IF n > 1 THEN
      PERFORM 1 FROM auctions WHERE id = ANY (p_auctions) ORDER BY id FOR NO KEY UPDATE;
      PERFORM 1 FROM memberships m
        WHERE (m.league_id, m.user_id) IN (
                SELECT a.league_id, b.user_id FROM unnest(p_auctions, p_users) AS b(auction_id, user_id) JOIN auctions a ON a.id = b.auction_id
                UNION
                SELECT a.league_id, a.high_bidder_id FROM auctions a WHERE a.id = ANY (p_auctions) AND a.high_bidder_id IS NOT NULL
                UNION
                SELECT x.league_id, x.user_id FROM max_bids x JOIN leagues l ON l.id = x.league_id
                 WHERE x.auction_id = ANY (p_auctions) AND l.max_bids)
        ORDER BY m.league_id, m.user_id FOR NO KEY UPDATE;
      PERFORM 1 FROM leagues WHERE id IN (SELECT league_id FROM auctions WHERE id = ANY (p_auctions)) ORDER BY id FOR NO KEY UPDATE;
    END IF;
    WHILE i <= n LOOP
      j := i;
      WHILE j < n AND p_auctions[j + 1] = p_auctions[i] LOOP
        j := j + 1;
      END LOOP;
      results := results || place_bids(p_auctions[i], p_users[i:j], p_amounts[i:j], p_up_to[i:j]);
      i := j + 1;
    END LOOP;
    RETURN results;
  END $$`;

export class BidsAcrossAuctions1766600000000 implements MigrationInterface {
  name = 'BidsAcrossAuctions1766600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(PLACE_BIDS_ACROSS_SQL);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION place_bids_across(uuid[], uuid[], bigint[], bigint[])`);
  }
}
