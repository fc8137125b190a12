import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Prices from the news: the current price on `players` (price_eur, price_reports, price_updated_at),
 * `articles` (each stored once: by its url when it has one, and by its text's hash in any case),
 * `fee_reports` (each fee an article states, in its currency and in euros, linked to a registry
 * player when there is one) and `player_price_history` (every price a player had, with the article
 * that moved it).
 */
export class CreatePricing1764080200000 implements MigrationInterface {
  name = 'CreatePricing1764080200000';

  async up(q: QueryRunner): Promise<void> {
    // The current price lives on the player (read on every search); its history beside it.
    await q.query(`
      ALTER TABLE players
        ADD COLUMN price_eur bigint CONSTRAINT players_price_eur_check CHECK (price_eur > 0),
        ADD COLUMN price_reports integer NOT NULL DEFAULT 0 CONSTRAINT players_price_reports_check CHECK (price_reports >= 0),
        ADD COLUMN price_updated_at timestamptz`);
    await q.query(`
      CREATE TABLE articles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        url text,
        text_hash char(64) NOT NULL,
        title text,
        language varchar(3) NOT NULL,
        published_at timestamptz NOT NULL,
        text text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // An article is stored once: by url when it has one, and by its text in any case.
    await q.query(`CREATE UNIQUE INDEX articles_url_key ON articles (url) WHERE url IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX articles_text_hash_key ON articles (text_hash)`);
    await q.query(`
      CREATE TABLE fee_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        article_id uuid NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        position_in_article integer NOT NULL,
        player_id uuid REFERENCES players (id) ON DELETE SET NULL,
        player_name text NOT NULL,
        kind text NOT NULL CONSTRAINT fee_reports_kind_check
          CHECK (kind IN ('asking', 'offer', 'agreed', 'release_clause', 'loan', 'valuation')),
        currency char(3) NOT NULL,
        amount_min bigint NOT NULL,
        amount_max bigint NOT NULL,
        eur_min bigint NOT NULL,
        eur_max bigint NOT NULL,
        addons_eur bigint CONSTRAINT fee_reports_addons_check CHECK (addons_eur >= 0),
        approx boolean NOT NULL,
        from_club text,
        to_clubs text[] NOT NULL DEFAULT '{}',
        quote text NOT NULL,
        published_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fee_reports_amount_check CHECK (amount_min > 0 AND amount_min <= amount_max),
        CONSTRAINT fee_reports_eur_check CHECK (eur_min > 0 AND eur_min <= eur_max),
        CONSTRAINT fee_reports_article_position_key UNIQUE (article_id, position_in_article)
      )`);
    await q.query(`CREATE INDEX fee_reports_player_idx ON fee_reports (player_id, published_at DESC)`);
    await q.query(`
      CREATE TABLE player_price_history (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        player_id uuid NOT NULL REFERENCES players (id) ON DELETE CASCADE,
        eur bigint NOT NULL CONSTRAINT player_price_history_eur_check CHECK (eur > 0),
        reports integer NOT NULL,
        article_id uuid REFERENCES articles (id) ON DELETE SET NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX player_price_history_player_idx ON player_price_history (player_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE player_price_history`);
    await q.query(`DROP TABLE fee_reports`);
    await q.query(`DROP TABLE articles`);
    await q.query(`ALTER TABLE players DROP COLUMN price_eur, DROP COLUMN price_reports, DROP COLUMN price_updated_at`);
  }
}
