import { Injectable } from '@nestjs/common';
import { PlayersRepository } from '@fantamercato/players';
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

  constructor(private readonly players: PlayersRepository) {}

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
    const signature = await this.players.registryVersion();
    if (this.cached?.signature !== signature) {
      const json = this.players.directoryJson();
      const version: Version = { signature, json };
      this.cached = version;
      json.catch(() => {
        if (this.cached === version) this.cached = undefined;
      });
    }
    return this.cached;
  }
}
