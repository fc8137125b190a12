import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { isUuid, NotFoundError } from '@fantamercato/core';
import { DataSource } from 'typeorm';
import { priceOf } from './player-price.js';
import type { PlayerEntity } from './player.entity.js';
import type { PlayerDto, PlayerPageDto, PlayerSearchQuery } from './players.dto.js';
import { PlayersRepository } from './players.repository.js';
import { syncStarterRegistry } from './starter-registry.js';

function encodeCursor(player: PlayerEntity): string {
  return Buffer.from(JSON.stringify([player.name, player.id])).toString('base64url');
}

/** A cursor we did not make starts from the beginning rather than failing the request. */
function decodeCursor(cursor: string | undefined): { name: string; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const [name, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    return typeof name === 'string' && typeof id === 'string' && isUuid(id) ? { name, id } : undefined;
  } catch {
    return undefined;
  }
}

export function toPlayerDto(player: PlayerEntity): PlayerDto {
  return {
    id: player.id,
    name: player.name,
    shortName: player.shortName,
    club: player.club,
    league: player.league,
    position: player.position,
    role: player.role,
    nationality: player.nationality,
    birthDate: player.birthDate,
    price: priceOf(player),
  };
}

@Injectable()
export class PlayersService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Players');

  constructor(
    private readonly players: PlayersRepository,
    private readonly dataSource: DataSource,
  ) {}

  /** The starter registry is loaded on the first start, and again on the first start after the shipped file changed. */
  async onApplicationBootstrap(): Promise<void> {
    const sync = await syncStarterRegistry(this.dataSource);
    if (sync !== null) this.logger.log(`loaded the starter registry: ${sync.inserted} players added, ${sync.updated} updated`);
  }

  async search(query: PlayerSearchQuery): Promise<PlayerPageDto> {
    const limit = query.limit ?? 100;
    const rows = await this.players.search({
      q: query.q,
      club: query.club,
      position: query.position,
      limit: limit + 1,
      after: decodeCursor(query.cursor),
    });
    const page = rows.slice(0, limit);
    return { items: page.map(toPlayerDto), nextCursor: rows.length > limit ? encodeCursor(page.at(-1)!) : null };
  }

  async get(id: string): Promise<PlayerDto> {
    const player = isUuid(id) ? await this.players.findById(id) : null;
    if (!player) throw new NotFoundError('The player', 'PLAYER_NOT_FOUND');
    return toPlayerDto(player);
  }
}
