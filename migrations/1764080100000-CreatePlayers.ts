import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The player registry: `players`, one row per real player with the shipped file's facts (ref, names
 * and aliases, club, league, position GK/DEF/MID/FWD, birth date, ids in other sources). `ref` is
 * unique, so imports upsert by it; `search_text` (the folded names) has a trigram index for substring
 * search, and (name, id) an index for the listing's order and cursor.
 */
export class CreatePlayers1764080100000 implements MigrationInterface {
  name = 'CreatePlayers1764080100000';

  async up(q: QueryRunner): Promise<void> {
    // pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it.
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE players (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ref text NOT NULL,
        name text NOT NULL CHECK (btrim(name) <> ''),
        short_name text,
        aliases text[] NOT NULL DEFAULT '{}',
        search_text text NOT NULL,
        club text,
        league text,
        position text NOT NULL,
        role text,
        nationality text,
        birth_date date,
        fantacalcio_id integer,
        fpl_code integer,
        tm_id integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT players_position_check CHECK (position IN ('GK', 'DEF', 'MID', 'FWD'))
      )`);
    await q.query(`CREATE UNIQUE INDEX players_ref_key ON players (ref)`);
    await q.query(`CREATE INDEX players_club_idx ON players (club)`);
    await q.query(`CREATE INDEX players_search_trgm ON players USING gin (search_text gin_trgm_ops)`);
    await q.query(`CREATE INDEX players_name_id_idx ON players (name, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE players`);
  }
}
