import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { PlayerEntity } from './player.entity.js';
import { normalizeName, type Position, type RegistryRow } from './registry-file.js';

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

@Injectable()
export class PlayersRepository {
  constructor(@InjectRepository(PlayerEntity) private readonly players: Repository<PlayerEntity>) {}

  count(): Promise<number> {
    return this.players.count();
  }

  findById(id: string): Promise<PlayerEntity | null> {
    return this.players.findOneBy({ id });
  }

  /** Keyset pagination on (name, id): stable under inserts, and index-backed. */
  search({ q, club, position, limit, after }: PlayerSearch): Promise<PlayerEntity[]> {
    const query = this.players.createQueryBuilder('p').orderBy('p.name', 'ASC').addOrderBy('p.id', 'ASC').limit(limit);
    const needle = q ? normalizeName(q) : '';
    if (needle) query.andWhere(`p.search_text LIKE :needle`, { needle: `%${escapeLike(needle)}%` });
    if (club) query.andWhere('lower(p.club) = lower(:club)', { club });
    if (position) query.andWhere('p.position = :position', { position });
    if (after) query.andWhere('(p.name, p.id) > (:afterName, :afterId)', { afterName: after.name, afterId: after.id });
    return query.getMany();
  }

  /**
   * Inserts or updates registry rows by `ref`, in batches, in the caller's transaction.
   * Returns how many rows were new.
   */
  async upsert(rows: RegistryRow[], manager: EntityManager = this.players.manager): Promise<{ inserted: number; updated: number }> {
    let inserted = 0;
    for (let start = 0; start < rows.length; start += UPSERT_BATCH) {
      const batch = rows.slice(start, start + UPSERT_BATCH).map((row) => ({
        ref: row.ref,
        name: row.name,
        shortName: row.shortName,
        aliases: row.aliases,
        searchText: searchTextOf(row),
        club: row.club,
        league: row.league,
        position: row.position,
        role: row.role,
        nationality: row.nationality,
        birthDate: row.birthDate,
        fantacalcioId: row.fantacalcioId,
        fplCode: row.fplCode,
        tmId: row.tmId,
      }));
      const result = await manager
        .createQueryBuilder()
        .insert()
        .into(PlayerEntity)
        .values(batch)
        .orUpdate(
          ['name', 'short_name', 'aliases', 'search_text', 'club', 'league', 'position', 'role', 'nationality', 'birth_date', 'fantacalcio_id', 'fpl_code', 'tm_id', 'updated_at'],
          ['ref'],
        )
        .returning('(xmax = 0) AS inserted')
        .execute();
      inserted += (result.raw as { inserted: boolean }[]).filter((r) => r.inserted).length;
    }
    return { inserted, updated: rows.length - inserted };
  }
}
