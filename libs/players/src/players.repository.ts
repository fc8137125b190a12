import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { PlayerEntity } from './player.entity.js';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { sqlRows } from '@fantamercato/core';
import { mergeAliases, type KnownPlayer } from './import-plan.js';
import { CLUB_NAMES_PATH, normalizeName, type Position, type RegistryRow } from './registry-file.js';

export interface PlayerSearch {
  q?: string;
  club?: string;
  position?: Position;
  limit: number;
  after?: { name: string; id: string };
}

const UPSERT_BATCH = 1_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What `players:merge` reads of each player. */
export interface MergePlayer {
  id: string;
  ref: string;
  name: string;
  aliases: string[];
  tmId: number | null;
  fantacalcioId: number | null;
  fplCode: number | null;
}

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
   * cell keeps what the player already has, so a partial CSV never wipes facts. A row whose ref was
   * merged into another player is skipped. Returns how many rows were new and how many updated.
   */
  async upsert(all: RegistryRow[], manager: EntityManager = this.players.manager): Promise<{ inserted: number; updated: number }> {
    // A ref merged into another player (players:merge) names him no more: such rows are left out, never brought back.
    const merged: { ref: string }[] = await manager.query(
      `SELECT m AS ref FROM players, unnest(merged_refs) AS m WHERE merged_refs && $1::text[]`,
      [all.map((r) => r.ref)],
    );
    const gone = new Set(merged.map((m) => m.ref));
    const rows = gone.size > 0 ? all.filter((r) => !gone.has(r.ref)) : all;
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

  /** Every player as the import matches them (8,000 rows: one read, matched in memory). */
  async importKnown(manager: EntityManager): Promise<KnownPlayer[]> {
    const rows: {
      id: string;
      ref: string;
      name: string;
      aliases: string[];
      tm_id: number | null;
      birth_date: string | null;
      fantasy: boolean;
      position: string;
      merged_refs: string[];
    }[] = await manager.query(
      `SELECT id, ref, name, aliases, tm_id, birth_date::text AS birth_date, (fantacalcio_id IS NOT NULL OR fpl_code IS NOT NULL) AS fantasy,
              position, merged_refs
         FROM players`,
    );
    return rows.map((r) => ({
      id: r.id,
      ref: r.ref,
      name: r.name,
      aliases: r.aliases,
      tmId: r.tm_id,
      birthDate: r.birth_date,
      fantasy: r.fantasy,
      position: r.position,
      mergedRefs: r.merged_refs,
    }));
  }

  /** Locks the players with these refs in id order, the order news repricing locks them in. */
  async lockByRefs(manager: EntityManager, refs: readonly string[]): Promise<void> {
    await manager.query(`SELECT id FROM players WHERE ref = ANY($1::text[]) ORDER BY id FOR NO KEY UPDATE`, [refs]);
  }

  /** A player by uuid or by ref, locked `FOR UPDATE` (a merge deletes one of them); null if unknown. */
  async lockForMerge(manager: EntityManager, idOrRef: string): Promise<MergePlayer | null> {
    const [row] = (await manager.query(
      `SELECT id, ref, name, aliases, tm_id, fantacalcio_id, fpl_code FROM players WHERE ${UUID.test(idOrRef) ? 'id = $1::uuid' : 'ref = $1'} FOR UPDATE`,
      [idOrRef],
    )) as {
      id: string;
      ref: string;
      name: string;
      aliases: string[];
      tm_id: number | null;
      fantacalcio_id: number | null;
      fpl_code: number | null;
    }[];
    return row
      ? {
          id: row.id,
          ref: row.ref,
          name: row.name,
          aliases: row.aliases,
          tmId: row.tm_id,
          fantacalcioId: row.fantacalcio_id,
          fplCode: row.fpl_code,
        }
      : null;
  }

  /** The player's id by uuid or ref, unlocked (for locking the market before the players). */
  async idOf(manager: EntityManager, idOrRef: string): Promise<string | null> {
    const [row] = (await manager.query(`SELECT id FROM players WHERE ${UUID.test(idOrRef) ? 'id = $1::uuid' : 'ref = $1'}`, [idOrRef])) as {
      id: string;
    }[];
    return row?.id ?? null;
  }

  /**
   * The identity half of `players:merge`, once every reference to `drop` has moved: `keep` takes the
   * ids he lacks (Transfermarkt, Fantacalcio, FPL) and the facts he lacks (club, birth date …), the
   * dropped player's name and aliases as aliases (so news naming either finds him), and the dropped
   * ref in `merged_refs`; then `drop` is deleted. Keep's name, ref, position and price stay his.
   */
  async absorb(manager: EntityManager, keep: MergePlayer, drop: MergePlayer): Promise<void> {
    const aliases = mergeAliases(keep.aliases, [drop.name, ...drop.aliases]);
    await manager.query(
      `UPDATE players k SET
         tm_id = coalesce(k.tm_id, d.tm_id), fantacalcio_id = coalesce(k.fantacalcio_id, d.fantacalcio_id),
         fpl_code = coalesce(k.fpl_code, d.fpl_code), short_name = coalesce(k.short_name, d.short_name),
         club = coalesce(k.club, d.club), league = coalesce(k.league, d.league), role = coalesce(k.role, d.role),
         nationality = coalesce(k.nationality, d.nationality), birth_date = coalesce(k.birth_date, d.birth_date),
         aliases = $3, search_text = $4,
         merged_refs = ARRAY(SELECT DISTINCT unnest(k.merged_refs || d.ref || d.merged_refs)), updated_at = now()
         FROM players d WHERE k.id = $1 AND d.id = $2`,
      [keep.id, drop.id, aliases, searchTextOf({ name: keep.name, aliases })],
    );
    const deleted = await sqlRows(manager, `DELETE FROM players WHERE id = $1 RETURNING id`, [drop.id]);
    if (deleted.length !== 1) throw new Error(`player ${drop.id} was not deleted`);
  }
}
