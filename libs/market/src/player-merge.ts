import { sqlRows } from '@fantamercato/core';
import type { EntityManager } from 'typeorm';

export interface LeagueReferencesMoved {
  rosterEntries: number;
  auctions: number;
  sealedBids: number;
  sealedBidsDropped: number;
  sealedWindows: number;
  trades: number;
}

/** Why two players cannot be merged: it would give a league two of one person. An operator's refusal (CLI), not an HTTP error. */
export class MergeConflictError extends Error {
  override readonly name = 'MergeConflictError';
}

/** `dedupe(array_replace(a, drop, keep))`, first occurrence kept, as SQL over `$1` keep, `$2` drop. */
const replaced = (column: string) =>
  `ARRAY(SELECT x FROM unnest(array_replace(${column}, $2::uuid, $1::uuid)) WITH ORDINALITY AS t(x, n) GROUP BY x ORDER BY min(n))`;

/**
 * Locks what a merge of these players changes that the market's closers hold before a player row:
 * their open auctions and the open sealed windows naming them, in id order. Call before locking the
 * players, so a closing auction or window (which locks its row, then inserts a roster entry that
 * checks the player's key) and the merge queue the same way round.
 */
export async function lockMarketForMerge(manager: EntityManager, ids: readonly [string, string]): Promise<void> {
  await manager.query(`SELECT id FROM auctions WHERE player_id = ANY($1::uuid[]) AND status = 'open' ORDER BY id FOR NO KEY UPDATE`, [ids]);
  await manager.query(
    `SELECT w.id FROM sealed_windows w
      WHERE w.status = 'open'
        AND (w.player_ids && $1::uuid[] OR EXISTS (SELECT 1 FROM sealed_bids b WHERE b.window_id = w.id AND b.player_id = ANY($1::uuid[])))
      ORDER BY w.id FOR UPDATE`,
    [ids],
  );
}

/**
 * `players:merge`, the leagues' part, in the caller's transaction: every league reference to the
 * dropped player becomes the kept one's. Refused (MERGE_CONFLICT, nothing changed) when that would
 * give a league two of one person:
 * - in some league both are owned, on an open auction, or one owned and the other on auction;
 * - in an open sealed window one manager has bids on both (he withdraws one first);
 * - a trade would then give and take the same player.
 * Kept as history and moved: closed auctions, settled trades (their player lists deduplicated),
 * closed windows. In a closed window where one manager bid on both, his bid on the dropped player
 * is deleted (the table allows one bid per manager and player) and his bid on the kept one stays.
 * The league event log is not rewritten: old events keep the dropped id they were told with.
 */
export async function moveLeagueReferences(manager: EntityManager, keepId: string, dropId: string): Promise<LeagueReferencesMoved> {
  const ids = [keepId, dropId];
  const both: { league_id: string; name: string }[] = await manager.query(
    `SELECT l.id AS league_id, l.name FROM leagues l
      WHERE (SELECT count(DISTINCT player_id) FROM (
               SELECT player_id FROM roster_entries WHERE league_id = l.id AND player_id = ANY($1::uuid[])
               UNION ALL
               SELECT player_id FROM auctions WHERE league_id = l.id AND status = 'open' AND player_id = ANY($1::uuid[])) AS t) = 2
      ORDER BY l.name`,
    [ids],
  );
  if (both.length > 0) {
    throw new MergeConflictError(
      `Both players are owned or on auction in ${both.map((l) => `"${l.name}" (${l.league_id})`).join(', ')}: ` +
        'merging would give that league two of one person. Release one (or let the auction close unsold) first.',
    );
  }
  const sealed: { window_id: string; user_id: string }[] = await manager.query(
    `SELECT b.window_id, b.user_id FROM sealed_bids b JOIN sealed_windows w ON w.id = b.window_id
      WHERE w.status = 'open' AND b.player_id = ANY($1::uuid[])
      GROUP BY b.window_id, b.user_id HAVING count(DISTINCT b.player_id) = 2`,
    [ids],
  );
  if (sealed.length > 0) {
    throw new MergeConflictError(
      `In the open sealed window ${sealed[0]!.window_id} manager ${sealed[0]!.user_id} bids on both players: withdraw one bid first.`,
    );
  }
  const clash: { id: string }[] = await manager.query(
    `SELECT id FROM trades WHERE (give_ids || take_ids) @> ARRAY[$2::uuid] AND ${replaced('give_ids')} && ${replaced('take_ids')}`,
    ids,
  );
  if (clash.length > 0) {
    throw new MergeConflictError(`Trade ${clash.map((t) => t.id).join(', ')} would give and take the same player: it names both.`);
  }

  const count = async (sql: string) => (await sqlRows(manager, sql, ids)).length;
  const sealedBidsDropped = await count(
    `DELETE FROM sealed_bids d USING sealed_bids k
      WHERE d.player_id = $2 AND k.player_id = $1 AND k.window_id = d.window_id AND k.user_id = d.user_id RETURNING d.window_id`,
  );
  return {
    rosterEntries: await count(`UPDATE roster_entries SET player_id = $1 WHERE player_id = $2 RETURNING league_id`),
    auctions: await count(`UPDATE auctions SET player_id = $1 WHERE player_id = $2 RETURNING id`),
    sealedBids: await count(`UPDATE sealed_bids SET player_id = $1 WHERE player_id = $2 RETURNING window_id`),
    sealedBidsDropped,
    sealedWindows: await count(
      `UPDATE sealed_windows SET player_ids = ${replaced('player_ids')} WHERE player_ids @> ARRAY[$2::uuid] RETURNING id`,
    ),
    trades: await count(
      `UPDATE trades SET give_ids = ${replaced('give_ids')}, take_ids = ${replaced('take_ids')}
        WHERE (give_ids || take_ids) @> ARRAY[$2::uuid] RETURNING id`,
    ),
  };
}
