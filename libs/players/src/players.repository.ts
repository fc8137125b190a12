import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { PlayerEntity } from './player.entity.js';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { CLUB_NAMES_PATH, normalizeName, type Position, type RegistryRow } from './registry-file.js';

export interface PlayerSearch {
  q?: string;
  club?: string;
  position?: Position;
  limit: number;
  after?: { name: string; id: string };
}

const UPSERT_BATCH = 1_000;

export function searchTextOf(row: Pick<RegistryRow, 'name' | 'aliases'>): string {
  return [...new Set([row.name, ...row.aliases].map(normalizeName).filter(Boolean))].join(' | ');
}

/** `%`, `_` and `\` are wildcards to LIKE: a search for "a_b" means those characters. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The alias table's old club names by their fold: "man utd" → "Manchester United". */
function clubAliases(): Map<string, string> {
  const rows: { source_club: string; club: string }[] = parse(readFileSync(CLUB_NAMES_PATH, 'utf8'), { columns: true, bom: true });
  return new Map(rows.map((r) => [normalizeName(r.source_club), r.club]));
}

/** How long the list of clubs is trusted before it is read again (imports add clubs rarely). */
const CLUBS_TTL_MS = 60_000;

@Injectable()
export class PlayersRepository {
  private clubs: { names: Map<string, string[]>; readAt: number } | null = null;
  private aliases: Map<string, string> | null = null;

  constructor(@InjectRepository(PlayerEntity) private readonly players: Repository<PlayerEntity>) {}

  /**
   * The stored club names a filter means, accent- and case-insensitively ("bayern munchen" is
   * "Bayern München"), old source names included through the alias table ("Man Utd").
   */
  async clubsMatching(club: string): Promise<string[]> {
    if (!this.clubs || Date.now() - this.clubs.readAt > CLUBS_TTL_MS) {
      const rows: { club: string }[] = await this.players.query(`SELECT DISTINCT club FROM players WHERE club IS NOT NULL`);
      const names = new Map<string, string[]>();
      for (const { club: name } of rows) names.set(normalizeName(name), [...(names.get(normalizeName(name)) ?? []), name]);
      this.clubs = { names, readAt: Date.now() };
    }
    this.aliases ??= clubAliases();
    const key = normalizeName(club);
    const alias = this.aliases.get(key);
    return [...new Set([...(this.clubs.names.get(key) ?? []), ...(alias ? (this.clubs.names.get(normalizeName(alias)) ?? []) : [])])];
  }

  count(): Promise<number> {
    return this.players.count();
  }

  /** What changes whenever the registry does: its row count and latest update, as one string. */
  async registryVersion(): Promise<string> {
    const [{ count, latest }] = (await this.players.query(
      `SELECT count(*)::text AS count, coalesce(max(updated_at), 'epoch')::text AS latest FROM players`,
    )) as [{ count: string; latest: string }];
    return `${count}/${latest}`;
  }

  /** The registry as the extractor needs it, as JSON text PostgreSQL writes (hydrating 8,000 entities held the event loop ~200 ms). */
  async directoryJson(): Promise<string> {
    const rows = (await this.players.query(
      `SELECT coalesce(json_agg(json_build_object('id', id, 'name', name, 'aliases', aliases, 'club', club, 'position', position, 'nationality', nationality)), '[]')::text AS players
         FROM players`,
    )) as { players: string }[];
    return rows[0]!.players;
  }

  findById(id: string): Promise<PlayerEntity | null> {
    return this.players.findOneBy({ id });
  }

  /** Keyset pagination on (name, id): stable under inserts, and index-backed. */
  async search({ q, club, position, limit, after }: PlayerSearch): Promise<PlayerEntity[]> {
    const query = this.players.createQueryBuilder('p').orderBy('p.name', 'ASC').addOrderBy('p.id', 'ASC').limit(limit);
    const needle = q ? normalizeName(q) : '';
    if (needle) query.andWhere(`p.search_text LIKE :needle`, { needle: `%${escapeLike(needle)}%` });
    if (club) {
      const clubs = await this.clubsMatching(club);
      if (clubs.length === 0) return [];
      query.andWhere('p.club = ANY(:clubs)', { clubs });
    }
    if (position) query.andWhere('p.position = :position', { position });
    if (after) query.andWhere('(p.name, p.id) > (:afterName, :afterId)', { afterName: after.name, afterId: after.id });
    return query.getMany();
  }

  /**
   * Inserts or updates registry rows by `ref`, in batches, in the caller's transaction. An empty
   * cell keeps what the player already has, so a partial CSV never wipes facts. Returns how many
   * rows were new and how many updated.
   */
  async upsert(rows: RegistryRow[], manager: EntityManager = this.players.manager): Promise<{ inserted: number; updated: number }> {
    let inserted = 0;
    for (let start = 0; start < rows.length; start += UPSERT_BATCH) {
      const batch = rows.slice(start, start + UPSERT_BATCH).map((row) => ({ ...row, searchText: searchTextOf(row) }));
      const result: { inserted: boolean }[] = await manager.query(
        `INSERT INTO players AS p (ref, name, short_name, aliases, search_text, club, league, position, role,
                                   nationality, birth_date, fantacalcio_id, fpl_code, tm_id)
         SELECT r.ref, r.name, r."shortName", coalesce(r.aliases, '{}'), r."searchText", r.club, r.league, r.position,
                r.role, r.nationality, r."birthDate", r."fantacalcioId", r."fplCode", r."tmId"
           FROM jsonb_to_recordset($1::jsonb) AS r(ref text, name text, "shortName" text, aliases text[], "searchText" text,
                club text, league text, position text, role text, nationality text, "birthDate" date,
                "fantacalcioId" integer, "fplCode" integer, "tmId" integer)
         ON CONFLICT (ref) DO UPDATE SET
           name = EXCLUDED.name,
           position = EXCLUDED.position,
           short_name = coalesce(EXCLUDED.short_name, p.short_name),
           aliases = CASE WHEN cardinality(EXCLUDED.aliases) > 0 THEN EXCLUDED.aliases ELSE p.aliases END,
           search_text = CASE WHEN cardinality(EXCLUDED.aliases) > 0 THEN EXCLUDED.search_text
                              WHEN EXCLUDED.name = p.name THEN p.search_text
                              ELSE EXCLUDED.search_text || ' | ' || p.search_text END,
           club = coalesce(EXCLUDED.club, p.club),
           league = coalesce(EXCLUDED.league, p.league),
           role = coalesce(EXCLUDED.role, p.role),
           nationality = coalesce(EXCLUDED.nationality, p.nationality),
           birth_date = coalesce(EXCLUDED.birth_date, p.birth_date),
           fantacalcio_id = coalesce(EXCLUDED.fantacalcio_id, p.fantacalcio_id),
           fpl_code = coalesce(EXCLUDED.fpl_code, p.fpl_code),
           tm_id = coalesce(EXCLUDED.tm_id, p.tm_id),
           updated_at = now()
         RETURNING (xmax = 0) AS inserted`,
        [JSON.stringify(batch)],
      );
      inserted += result.filter((r) => r.inserted).length;
    }
    return { inserted, updated: rows.length - inserted };
  }
}
