import type { MigrationInterface, QueryRunner } from 'typeorm';
import { displayNameKey, normaliseDisplayName } from '../libs/core/src/names/display-name.js';
import { PLACE_BIDS_SQL } from './1764166800000-PlaceBidsInBatches.js';

const BIDDER_BY_ACCOUNT = 'SELECT m.*, u.display_name INTO b FROM memberships m JOIN users u ON u.id = m.user_id';
const BIDDER_BY_LEAGUE = 'SELECT m.* INTO b FROM memberships m';

/**
 * Names you can trust in a room. A manager's name is now the membership's own (a league nickname,
 * or the account's name when joining), and no two managers of a league share one once case,
 * accents and compatibility forms are folded: `name_key` holds that folded form (computed by the
 * application, `displayNameKey`) and a unique index decides races between two joins.
 * Names are up to 32 visible characters, which can take more than 40 code points.
 *
 * The migration widens users.display_name to 64, gives each existing membership its account's name
 * (numbered on a clash within a league), adds the unique (league_id, name_key), and re-creates
 * place_bids so that bids, leaders and outbid alerts carry the membership's name, not the account's.
 */
export class LeagueDisplayNames1764800100000 implements MigrationInterface {
  name = 'LeagueDisplayNames1764800100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ALTER COLUMN display_name TYPE varchar(64)`);
    await q.query(`ALTER TABLE memberships ADD COLUMN display_name varchar(64), ADD COLUMN name_key varchar(128)`);
    // Existing members keep their account's name; a clash within a league (possible until now) gets a number.
    const members: { league_id: string; user_id: string; display_name: string }[] = await q.query(
      `SELECT m.league_id, m.user_id, u.display_name FROM memberships m JOIN users u ON u.id = m.user_id ORDER BY m.league_id, m.joined_at, m.user_id`,
    );
    const taken = new Set<string>();
    for (const member of members) {
      const base = normaliseDisplayName(member.display_name) || 'Manager';
      let name = base;
      for (let n = 2; taken.has(`${member.league_id}:${displayNameKey(name)}`); n += 1) name = `${base} ${n}`;
      taken.add(`${member.league_id}:${displayNameKey(name)}`);
      await q.query(`UPDATE memberships SET display_name = $3, name_key = $4 WHERE league_id = $1 AND user_id = $2`, [
        member.league_id,
        member.user_id,
        name,
        displayNameKey(name),
      ]);
    }
    await q.query(`
      ALTER TABLE memberships
        ALTER COLUMN display_name SET NOT NULL,
        ALTER COLUMN name_key SET NOT NULL,
        ADD CONSTRAINT memberships_display_name_check CHECK (length(btrim(display_name)) > 0 AND name_key <> ''),
        ADD CONSTRAINT memberships_name_key UNIQUE (league_id, name_key)`);
    if (!PLACE_BIDS_SQL.includes(BIDDER_BY_ACCOUNT))
      throw new Error('place_bids no longer reads the bidder the way this migration expects');
    await q.query(PLACE_BIDS_SQL.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION').replace(BIDDER_BY_ACCOUNT, BIDDER_BY_LEAGUE));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(PLACE_BIDS_SQL.replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION'));
    await q.query(`ALTER TABLE memberships DROP CONSTRAINT memberships_name_key, DROP CONSTRAINT memberships_display_name_check,
                   DROP COLUMN name_key, DROP COLUMN display_name`);
    await q.query(`ALTER TABLE users ALTER COLUMN display_name TYPE varchar(40) USING left(display_name, 40)`);
  }
}
