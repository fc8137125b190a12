import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where an article comes from: `news` (stored by an admin, the CLI or a feed) or `starter` (a
 * reported fee shipped with the product, whose text is the product's own fact line). Starter
 * reports price a player only until the news does. Every article stored before is news. A player's
 * reported price says which of the two made it (`price_origin`), so people can tell.
 */
export class StarterReports1765100000000 implements MigrationInterface {
  name = 'StarterReports1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE articles ADD COLUMN origin text NOT NULL DEFAULT 'news'`);
    await q.query(`ALTER TABLE articles ADD CONSTRAINT articles_origin_check CHECK (origin IN ('news', 'starter'))`);
    await q.query(`CREATE INDEX articles_starter_idx ON articles (id) WHERE origin = 'starter'`);
    await q.query(
      `ALTER TABLE players ADD COLUMN price_origin text CONSTRAINT players_price_origin_check CHECK (price_origin IN ('news', 'starter'))`,
    );
    await q.query(`UPDATE players SET price_origin = 'news' WHERE price_eur IS NOT NULL AND price_reports > 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE players DROP COLUMN price_origin`);
    await q.query(`DELETE FROM articles WHERE origin = 'starter'`);
    await q.query(`DROP INDEX articles_starter_idx`);
    await q.query(`ALTER TABLE articles DROP CONSTRAINT articles_origin_check, DROP COLUMN origin`);
  }
}
