import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { DataSource, EntityManager } from 'typeorm';
import { PlayerEntity } from './player.entity.js';
import { PlayersRepository } from './players.repository.js';
import { parseRegistryCsv, STARTER_REGISTRY_PATH, type RegistryRow } from './registry-file.js';

/** The row of `shipped_files` that records which version of the registry file the database holds. */
const SHIPPED_NAME = 'players/registry.csv';
const LOCK = 'fantamercato:starter-registry';

export interface RegistrySync {
  readonly inserted: number;
  readonly updated: number;
}

async function loadedHash(db: DataSource | EntityManager): Promise<string | undefined> {
  const rows: { sha256: string }[] = await db.query(`SELECT sha256 FROM shipped_files WHERE name = $1`, [SHIPPED_NAME]);
  return rows[0]?.sha256;
}

/** Aliases the file gives, then the ones the database had that the file lacks: earlier spellings keep matching. */
function mergeAliases(shipped: readonly string[], had: readonly string[]): string[] {
  const seen = new Set<string>();
  return [...shipped, ...had].filter((alias) => {
    const key = alias.normalize('NFC').toLowerCase();
    if (!alias.trim() || alias.includes('|') || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Brings the shipped registry into the database, on every start. The file's SHA-256 is recorded
 * in `shipped_files`; while it matches, a start costs one indexed read. When the file changed (or
 * the database predates the record, or is empty), its rows are upserted by `ref` in one
 * transaction: new players are inserted, and a known player keeps his id, price, reports and
 * rosters while his facts (name, club, role …) become the file's. His aliases are the file's plus
 * every alias and the name he had, so a search or an article spelled the old way still finds him.
 *
 * Two processes starting together queue on one advisory lock; the second finds the hash recorded
 * and does nothing. The shipped rows are locked in id order first, the order news repricing locks
 * players in, so a start never deadlocks with an article being stored. Returns null when the
 * database already held this file.
 */
export async function syncStarterRegistry(dataSource: DataSource, path = STARTER_REGISTRY_PATH): Promise<RegistrySync | null> {
  const bytes = await readFile(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if ((await loadedHash(dataSource)) === sha256) return null;
  const { rows } = parseRegistryCsv(bytes.toString('utf8'));
  const players = new PlayersRepository(dataSource.getRepository(PlayerEntity));
  return dataSource.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [LOCK]);
    if ((await loadedHash(manager)) === sha256) return null;
    const known: { ref: string; name: string; aliases: string[] }[] = await manager.query(
      `SELECT ref, name, aliases FROM players WHERE ref = ANY($1::text[]) ORDER BY id FOR UPDATE`,
      [rows.map((r) => r.ref)],
    );
    const had = new Map(known.map((p) => [p.ref, [p.name, ...p.aliases]]));
    const merged: RegistryRow[] = rows.map((row) => ({ ...row, aliases: mergeAliases(row.aliases, had.get(row.ref) ?? []) }));
    const result = await players.upsert(merged, manager);
    await manager.query(
      `INSERT INTO shipped_files (name, sha256) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET sha256 = EXCLUDED.sha256, loaded_at = now()`,
      [SHIPPED_NAME, sha256],
    );
    return result;
  });
}
