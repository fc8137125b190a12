import type { Position } from '@fantamercato/contract';
import { sqlRows } from '@fantamercato/core';
import { LeaguesRepository } from '@fantamercato/leagues';
import type { EntityManager } from 'typeorm';
import { squadProblem } from './trades/trade-rules.js';

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

/** A trade still to be decided or executed: the only kind whose players move later. */
const OPEN_TRADE = `status IN ('proposed', 'accepted')`;

/** The leagues where either player is referenced: owned, auctioned, in a sealed window or bid, in a trade. */
async function leaguesNaming(manager: EntityManager, ids: readonly string[]): Promise<string[]> {
  const rows: { league_id: string }[] = await manager.query(
    `SELECT league_id FROM roster_entries WHERE player_id = ANY($1::uuid[])
     UNION SELECT league_id FROM auctions WHERE player_id = ANY($1::uuid[])
     UNION SELECT league_id FROM sealed_bids WHERE player_id = ANY($1::uuid[])
     UNION SELECT league_id FROM sealed_windows WHERE player_ids && $1::uuid[]
     UNION SELECT league_id FROM trades WHERE (give_ids || take_ids) && $1::uuid[]
     ORDER BY league_id`,
    [ids],
  );
  return rows.map((r) => r.league_id);
}

/**
 * The first locks of `players:merge`: the open sealed windows naming either player, `FOR UPDATE` in
 * id order — a window's close holds its window, then the players' ownership locks. The caller then
 * locks the fee reports, then calls `lockLeaguesForMerge`, then locks the players' rows.
 */
export async function lockWindowsForMerge(manager: EntityManager, ids: readonly [string, string]): Promise<void> {
  await manager.query(
    `SELECT w.id FROM sealed_windows w
      WHERE w.status = 'open'
        AND (w.player_ids && $1::uuid[] OR EXISTS (SELECT 1 FROM sealed_bids b WHERE b.window_id = w.id AND b.player_id = ANY($1::uuid[])))
      ORDER BY w.id FOR UPDATE`,
    [ids],
  );
}

/**
 * Locks what a merge of these players changes in the leagues, after the windows and the fee reports
 * (a move's announcement holds its report, then the ownership lock), in the order every other path
 * takes them (docs/architecture.md §3, the `players:merge` row), and returns the leagues concerned:
 * 1. both players' ownership advisory locks (`LeaguesRepository.lockPlayerInLeague`, the key releases,
 *    trades, assignments, openings and undone sales take first) in every league naming either, in
 *    (league, player) order;
 * 2. their open auctions, `FOR NO KEY UPDATE` in id order (a close holds its auction, then inserts a
 *    roster entry that checks the player's key);
 * 3. the open trades (proposed, accepted) naming either, `FOR UPDATE` in id order (an acceptance
 *    takes the ownership locks, then the trade row, then the roster entries).
 * The caller locks the players' rows last.
 */
export async function lockLeaguesForMerge(manager: EntityManager, ids: readonly [string, string]): Promise<string[]> {
  const leagues = await leaguesNaming(manager, ids);
  const ownership = new LeaguesRepository();
  for (const leagueId of leagues) for (const id of [...ids].sort()) await ownership.lockPlayerInLeague(manager, leagueId, id);
  await manager.query(`SELECT id FROM auctions WHERE player_id = ANY($1::uuid[]) AND status = 'open' ORDER BY id FOR NO KEY UPDATE`, [ids]);
  await manager.query(`SELECT id FROM trades WHERE (give_ids || take_ids) && $1::uuid[] AND ${OPEN_TRADE} ORDER BY id FOR UPDATE`, [ids]);
  return leagues;
}

/**
 * `players:merge`, the leagues' part, in the caller's transaction, once `lockLeaguesForMerge` has
 * returned `locked` and the players' rows are held: every league reference to the dropped player
 * becomes the kept one's. Refused (MERGE_CONFLICT, nothing changed) when that would give a league
 * two of one person or break a squad:
 * - in some league both are owned, on an open auction, or one owned and the other on auction;
 * - in an open sealed window one manager has bids on both (he withdraws one first);
 * - an open trade (proposed or accepted) names both;
 * - the players' positions differ and the manager owning (or leading the auction of) the dropped one
 *   would break his squad's quotas holding him at the kept one's position;
 * - a league began naming either player after the locks were taken (run the merge again).
 * Kept as history and moved: closed auctions, settled trades (their player lists deduplicated, the
 * kept player named once: in `give_ids` if he is there, else in `take_ids`), closed windows. In a
 * closed window where one manager bid on both, the bid that won stays (else the higher, else the one
 * on the kept player) and the other is deleted (the table allows one bid per manager and player).
 * Moved roster entries and auctions take the kept player's position. The league event log is not
 * rewritten: old events keep the dropped id they were told with.
 */
export async function moveLeagueReferences(
  manager: EntityManager,
  keepId: string,
  dropId: string,
  locked: readonly string[],
): Promise<LeagueReferencesMoved> {
  const ids = [keepId, dropId];
  const now = await leaguesNaming(manager, ids);
  if (now.some((id) => !locked.includes(id))) {
    throw new MergeConflictError('A league began naming one of the players while the merge was taking its locks: run it again.');
  }
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
    `SELECT id FROM trades WHERE ${OPEN_TRADE} AND (give_ids || take_ids) @> ARRAY[$2::uuid] AND ${replaced('give_ids')} && ${replaced('take_ids')}
      ORDER BY id`,
    ids,
  );
  if (clash.length > 0) {
    throw new MergeConflictError(
      `Open trade ${clash.map((t) => t.id).join(', ')} would give and take the same player: it names both. Let it be decided or withdrawn first.`,
    );
  }
  await requireQuotas(manager, keepId, dropId);

  const count = async (sql: string) => (await sqlRows(manager, sql, ids)).length;
  // Of one manager's two bids in a closed window, the lower-ranked goes: ranked by won, then amount, then being on keep.
  const sealedBidsDropped = await count(
    `DELETE FROM sealed_bids d USING sealed_bids o
      WHERE d.window_id = o.window_id AND d.user_id = o.user_id
        AND d.player_id = ANY(ARRAY[$1, $2]::uuid[]) AND o.player_id = ANY(ARRAY[$1, $2]::uuid[]) AND d.player_id <> o.player_id
        AND (coalesce(o.outcome = 'won', false), o.amount, o.player_id = $1::uuid) > (coalesce(d.outcome = 'won', false), d.amount, d.player_id = $1::uuid)
      RETURNING d.window_id`,
  );
  const rosterEntries = await count(
    `UPDATE roster_entries SET player_id = $1, position = (SELECT position FROM players WHERE id = $1) WHERE player_id = $2 RETURNING league_id`,
  );
  const auctions = await count(
    `UPDATE auctions SET player_id = $1, position = (SELECT position FROM players WHERE id = $1) WHERE player_id = $2 RETURNING id`,
  );
  // His holders' counters by position follow his new position (their totals are unchanged).
  await manager.query(
    `UPDATE memberships m SET (held_gk, held_def, held_mid, held_fwd) = (SELECT * FROM held_by_position(m.league_id, m.user_id))
      WHERE (m.league_id, m.user_id) IN (SELECT league_id, user_id FROM roster_entries WHERE player_id = $1
                                          UNION SELECT league_id, high_bidder_id FROM auctions WHERE player_id = $1 AND status = 'open')`,
    [keepId],
  );
  return {
    rosterEntries,
    auctions,
    sealedBids: await count(`UPDATE sealed_bids SET player_id = $1 WHERE player_id = $2 RETURNING window_id`),
    sealedBidsDropped,
    sealedWindows: await count(
      `UPDATE sealed_windows SET player_ids = ${replaced('player_ids')} WHERE player_ids @> ARRAY[$2::uuid] RETURNING id`,
    ),
    trades: await count(
      `UPDATE trades SET give_ids = ${replaced('give_ids')},
              take_ids = ARRAY(SELECT x FROM unnest(${replaced('take_ids')}) WITH ORDINALITY AS t(x, n) WHERE x <> ALL(${replaced('give_ids')}) ORDER BY n)
        WHERE (give_ids || take_ids) @> ARRAY[$2::uuid] RETURNING id`,
    ),
  };
}

/**
 * When the positions differ, each manager who owns the dropped player, or leads his open auction,
 * must keep his squad's quotas holding him at the kept player's position (the rule an assignment
 * and a trade check: `squadProblem`); else the merge is refused, naming the league and the manager.
 */
async function requireQuotas(manager: EntityManager, keepId: string, dropId: string): Promise<void> {
  const positions = new Map(
    (
      (await manager.query(`SELECT id, position FROM players WHERE id = ANY($1::uuid[])`, [[keepId, dropId]])) as {
        id: string;
        position: Position;
      }[]
    ).map((p) => [p.id, p.position]),
  );
  const to = positions.get(keepId)!;
  const holders: { league_id: string; user_id: string; position: Position }[] = await manager.query(
    `SELECT league_id, user_id, position FROM roster_entries WHERE player_id = $1
     UNION ALL
     SELECT league_id, high_bidder_id, position FROM auctions WHERE player_id = $1 AND status = 'open' AND high_bidder_id IS NOT NULL
     ORDER BY league_id, user_id`,
    [dropId],
  );
  const leagues = new LeaguesRepository();
  for (const h of holders) {
    if (h.position === to) continue;
    const league = (await leagues.findById(manager, h.league_id))!;
    const m = await leagues.findMembership(manager, h.league_id, h.user_id);
    const held = await leagues.heldByPosition(manager, h.league_id, h.user_id);
    const problem = squadProblem(league.rules.roster, m?.rosterSize ?? league.rules.roster.size, { held, out: [h.position], in: [to] });
    if (problem) {
      throw new MergeConflictError(
        `In "${league.name}" (${league.id}) ${h.user_id} would ` +
          (problem === 'size' ? "no longer reach every position's minimum" : `hold one ${problem} too many`) +
          ` once his ${h.position} becomes a ${to} (the kept player's position): release him or change the squad first.`,
      );
    }
  }
}
