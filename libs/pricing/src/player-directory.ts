import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { PlayerEntity } from '@fantamercato/players';
import { createPlayerIndex, type KnownPlayer, type PlayerIndex } from './extract/index.js';

/**
 * One version of the registry as extraction workers receive it: JSON in shared memory, so a task
 * carries a reference, not a copy of 8,000 players, and a worker rebuilds its index only when
 * the signature changes.
 */
export interface RegistrySnapshot {
  readonly signature: string;
  readonly players: SharedArrayBuffer;
}

interface Version {
  readonly signature: string;
  /** The registry as JSON text, the form both consumers start from. */
  readonly json: Promise<string>;
  index?: Promise<PlayerIndex>;
  snapshot?: Promise<RegistrySnapshot>;
}

/**
 * The extractor's view of the registry, built once and rebuilt only when the players table
 * changes (its row count or latest update moves), so a request pays one tiny query, not 8,000 rows.
 */
@Injectable()
export class PlayerDirectory {
  private cached?: Version;

  constructor(@InjectRepository(PlayerEntity) private readonly players: Repository<PlayerEntity>) {}

  /** The index for extracting on this thread. */
  async index(): Promise<PlayerIndex> {
    const version = await this.current();
    version.index ??= version.json.then((json) => createPlayerIndex(JSON.parse(json) as KnownPlayer[]));
    return version.index;
  }

  /** The registry for extracting in a worker thread. */
  async snapshot(): Promise<RegistrySnapshot> {
    const version = await this.current();
    version.snapshot ??= version.json.then((json) => {
      const bytes = Buffer.from(json);
      const shared = new SharedArrayBuffer(bytes.length);
      bytes.copy(Buffer.from(shared));
      return { signature: version.signature, players: shared };
    });
    return version.snapshot;
  }

  private async current(): Promise<Version> {
    const [{ count, latest }] = await this.players.query(
      `SELECT count(*)::text AS count, coalesce(max(updated_at), 'epoch')::text AS latest FROM players`,
    );
    const signature = `${count}/${latest}`;
    if (this.cached?.signature !== signature) {
      // PostgreSQL writes the JSON: hydrating 8,000 entities here held the event loop ~200 ms.
      const json = this.players
        .query(
          `SELECT coalesce(json_agg(json_build_object('id', id, 'name', name, 'aliases', aliases, 'club', club, 'position', position, 'nationality', nationality)), '[]')::text AS players
           FROM players`,
        )
        .then((rows: { players: string }[]) => rows[0]!.players);
      const version: Version = { signature, json };
      this.cached = version;
      json.catch(() => {
        if (this.cached === version) this.cached = undefined;
      });
    }
    return this.cached;
  }
}
