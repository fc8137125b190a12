import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The real market moves the game. Two outboxes, each written in the transaction that makes the fact
 * and emptied by a sweeper that appends the league events in its own transaction, so no fact is lost
 * between the pricing commit and the leagues, and none is told twice:
 * - `player_price_history.announced_at`: a new price, told to every league where the player is
 *   owned or on auction (`player.repriced`, with `previous_eur`, the price before it);
 * - `fee_reports.move_announced_at`: a stored `agreed` report moving a player to one club, told to
 *   each league he is owned in whose competitions (`leagues.competitions`, Transfermarkt codes;
 *   default Serie A, `IT1`) that club is not in (`player.transferred`). His roster entry is marked
 *   `transferred_out_at`, and a release of him is refunded by `leagues.transfer_refund` (default full).
 * Facts already stored are not told again: the outboxes start empty.
 */
export class MarketMoves1766200000000 implements MigrationInterface {
  name = 'MarketMoves1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE leagues
      ADD COLUMN competitions text[] NOT NULL DEFAULT '{IT1}'
        CONSTRAINT leagues_competitions_check CHECK (cardinality(competitions) BETWEEN 1 AND 10),
      ADD COLUMN transfer_refund text NOT NULL DEFAULT 'full'
        CONSTRAINT leagues_transfer_refund_check CHECK (transfer_refund IN ('none', 'half', 'full', 'price'))`);
    await q.query(`ALTER TABLE player_price_history ADD COLUMN previous_eur bigint, ADD COLUMN announced_at timestamptz`);
    await q.query(`UPDATE player_price_history SET announced_at = at`);
    await q.query(`CREATE INDEX player_price_history_outbox_idx ON player_price_history (id) WHERE announced_at IS NULL`);
    await q.query(`ALTER TABLE fee_reports ADD COLUMN move_announced_at timestamptz`);
    // Only what the outbox would tell: an agreed report held or unlinked today is told when it is accepted or linked.
    await q.query(`UPDATE fee_reports SET move_announced_at = now() WHERE kind = 'agreed' AND status = 'used' AND player_id IS NOT NULL`);
    await q.query(`CREATE INDEX fee_reports_move_outbox_idx ON fee_reports (created_at)
                     WHERE move_announced_at IS NULL AND kind = 'agreed' AND status = 'used' AND player_id IS NOT NULL`);
    await q.query(`ALTER TABLE roster_entries ADD COLUMN transferred_out_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE roster_entries DROP COLUMN transferred_out_at`);
    await q.query(`DROP INDEX fee_reports_move_outbox_idx`);
    await q.query(`ALTER TABLE fee_reports DROP COLUMN move_announced_at`);
    await q.query(`DROP INDEX player_price_history_outbox_idx`);
    await q.query(`ALTER TABLE player_price_history DROP COLUMN previous_eur, DROP COLUMN announced_at`);
    await q.query(`ALTER TABLE leagues DROP COLUMN competitions, DROP COLUMN transfer_refund`);
  }
}
