import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Releases (svincoli): a manager lets a player go back to the pool and is refunded by the league's
 * rule — `none`, `half` of what he paid (the default, as most Fantacalcio leagues do), `full`, or the
 * player's current `price` at most what he paid.
 */
export class Releases1765900000000 implements MigrationInterface {
  name = 'Releases1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE leagues ADD COLUMN release_refund text NOT NULL DEFAULT 'half'
                     CONSTRAINT leagues_release_refund_check CHECK (release_refund IN ('none', 'half', 'full', 'price'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE leagues DROP COLUMN release_refund`);
  }
}
