import type { PlayerPrice } from '@fantamercato/contract';
import type { Position } from './registry-file.js';

/**
 * What a player costs before any news prices him: by position, in whole euros. Chosen so a
 * default 25-man squad of "unknowns" (3 GK, 8 DEF, 8 MID, 6 FWD) costs €114M, well inside the
 * default €300M budget, leaving room for the players the news does price.
 */
export const DEFAULT_PRICE_EUR: Readonly<Record<Position, number>> = Object.freeze({
  GK: 2_000_000,
  DEF: 4_000_000,
  MID: 5_000_000,
  FWD: 6_000_000,
});

export type { PlayerPrice } from '@fantamercato/contract';

export function defaultPrice(position: Position, updatedAt: Date): PlayerPrice {
  return { eur: DEFAULT_PRICE_EUR[position], basis: 'default', reports: 0, updatedAt: updatedAt.toISOString() };
}

/** The player's price as the contract shows it: reported when the news priced him, else the default. */
export function priceOf(player: {
  position: Position;
  priceEur: number | null;
  priceReports: number;
  priceOrigin?: 'news' | 'starter' | null;
  priceUpdatedAt: Date | null;
  updatedAt: Date;
}): PlayerPrice {
  if (player.priceEur === null || player.priceUpdatedAt === null) return defaultPrice(player.position, player.updatedAt);
  return {
    eur: player.priceEur,
    basis: 'reported',
    reports: player.priceReports,
    ...(player.priceOrigin ? { origin: player.priceOrigin } : {}),
    updatedAt: player.priceUpdatedAt.toISOString(),
  };
}
