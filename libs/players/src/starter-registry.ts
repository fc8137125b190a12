import type { DataSource } from 'typeorm';
import { PlayerEntity } from './player.entity.js';
import { PlayersRepository } from './players.repository.js';
import { readRegistryFile, STARTER_REGISTRY_PATH } from './registry-file.js';

/**
 * Loads the shipped registry into an empty players table, in one transaction. Idempotent: a
 * database that has players is left alone, and two processes racing upsert the same rows.
 * Returns how many players were inserted, or null when the table already had players.
 */
export async function loadStarterRegistryIfEmpty(dataSource: DataSource): Promise<number | null> {
  const players = new PlayersRepository(dataSource.getRepository(PlayerEntity));
  if ((await players.count()) > 0) return null;
  const { rows } = await readRegistryFile(STARTER_REGISTRY_PATH);
  const { inserted } = await dataSource.transaction((manager) => players.upsert(rows, manager));
  return inserted;
}
