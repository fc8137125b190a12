import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * News that arrives by itself: RSS and Atom feeds an admin adds, polled by every API process in turn.
 * - `feeds`: one row per feed, its polling state (`next_poll_at`; a poll holds a lease, `lease_token`
 *   until `lease_until`, taken with SKIP LOCKED and renewed as it goes, so one process polls a feed at a
 *   time and a process that dies mid-poll hands the feed on when its lease runs out), the HTTP validators
 *   for conditional requests (`etag`, `last_modified`), the last outcome and the error count that sets
 *   the backoff, and the running counts an admin reads.
 * - `feed_items`: every item a feed has shown, by its key (guid, else link, else a hash of its text),
 *   written once the item's article is stored: an item is priced once however often it is polled.
 * - `articles.feed_id`: the feed an article came from (null: pasted by an admin or the CLI).
 */
export class Feeds1766300000000 implements MigrationInterface {
  name = 'Feeds1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE feeds (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      url text NOT NULL CONSTRAINT feeds_url_key UNIQUE CONSTRAINT feeds_url_check CHECK (url ~ '^https?://' AND length(url) <= 2048),
      language varchar(3),
      interval_minutes integer NOT NULL CONSTRAINT feeds_interval_check CHECK (interval_minutes BETWEEN 1 AND 1440),
      created_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      next_poll_at timestamptz NOT NULL DEFAULT now(),
      lease_token uuid,
      lease_until timestamptz,
      etag text,
      last_modified text,
      last_polled_at timestamptz,
      last_fetched_at timestamptz,
      last_status integer,
      last_error text,
      last_error_at timestamptz,
      failures integer NOT NULL DEFAULT 0 CONSTRAINT feeds_failures_check CHECK (failures >= 0),
      polls integer NOT NULL DEFAULT 0,
      not_modified integer NOT NULL DEFAULT 0,
      items_seen integer NOT NULL DEFAULT 0,
      articles_stored integer NOT NULL DEFAULT 0,
      reports_found integer NOT NULL DEFAULT 0
    )`);
    await q.query(`CREATE INDEX feeds_due_idx ON feeds (next_poll_at)`);
    await q.query(`CREATE TABLE feed_items (
      feed_id uuid NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
      item_key text NOT NULL,
      article_id uuid REFERENCES articles(id) ON DELETE SET NULL,
      url text,
      skipped text,
      seen_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (feed_id, item_key)
    )`);
    await q.query(`ALTER TABLE articles ADD COLUMN feed_id uuid REFERENCES feeds(id) ON DELETE SET NULL`);
    await q.query(`CREATE INDEX articles_feed_idx ON articles (feed_id) WHERE feed_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX articles_feed_idx`);
    await q.query(`ALTER TABLE articles DROP COLUMN feed_id`);
    await q.query(`DROP TABLE feed_items`);
    await q.query(`DROP TABLE feeds`);
  }
}
