import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts: the `users` table (email, display name, argon2id hash). An email is taken once whatever
 * its letter case: the unique index on lower(email) decides a race between two registrations.
 */
export class CreateUsers1764080000000 implements MigrationInterface {
  name = 'CreateUsers1764080000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(254) NOT NULL CHECK (email <> ''),
        display_name varchar(40) NOT NULL CHECK (length(btrim(display_name)) > 0),
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE users`);
  }
}
