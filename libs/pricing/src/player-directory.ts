import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { PlayerEntity } from '@fantamercato/players';
import { createPlayerIndex, type PlayerIndex } from './extract/index.js';

/**
 * The extractor's view of the registry, built once and rebuilt only when the players table
 * changes (its row count or latest update moves), so a request pays one tiny query, not 8,000 rows.
 */
@Injectable()
export class PlayerDirectory {
  private cached?: { signature: string; index: Promise<PlayerIndex> };

  constructor(@InjectRepository(PlayerEntity) private readonly players: Repository<PlayerEntity>) {}

  async index(): Promise<PlayerIndex> {
    const [{ count, latest }] = await this.players.query(
      `SELECT count(*)::text AS count, coalesce(max(updated_at), 'epoch')::text AS latest FROM players`,
    );
    const signature = `${count}/${latest}`;
    if (this.cached?.signature !== signature) {
      const index = this.players
        .find({ select: { id: true, name: true, aliases: true, club: true, position: true } })
        .then((rows) => createPlayerIndex(rows));
      this.cached = { signature, index };
      index.catch(() => (this.cached = undefined));
    }
    return this.cached.index;
  }
}
