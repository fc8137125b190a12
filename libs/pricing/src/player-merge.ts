import { sqlRows } from '@fantamercato/core';
import type { EntityManager } from 'typeorm';
import { repricePlayer } from './reprice.js';

export interface PricingMoved {
  reports: number;
  history: number;
}

/**
 * Locks the fee reports a merge of these players changes — theirs, and those offering either as a
 * link candidate — `FOR UPDATE` in id order. After the open sealed windows, before the players'
 * ownership locks and their rows: `reviewReport` and `linkReport` lock a report, then its player, and a
 * move's announcement (`MarketMoves.tellMove`) its report, then the player's ownership lock.
 */
export async function lockReportsForMerge(manager: EntityManager, ids: readonly [string, string]): Promise<void> {
  await manager.query(
    `SELECT id FROM fee_reports
      WHERE player_id = ANY($1::uuid[])
         OR candidates @> jsonb_build_array(jsonb_build_object('id', $2::text))
         OR candidates @> jsonb_build_array(jsonb_build_object('id', $3::text))
      ORDER BY id FOR UPDATE`,
    [ids, ids[0], ids[1]],
  );
}

/**
 * `players:merge`, the pricing part, in the caller's transaction (which holds both players' rows):
 * the dropped player's fee reports and price history become the kept player's, unlinked reports
 * that offered the dropped one as a link candidate offer the kept one (once: a report offering both
 * lists him where the first of them was), and the kept player is
 * repriced from all his reports (a new price leaves its outbox row, so leagues owning him are told).
 * When no report counts, his price stays as it was.
 */
export async function movePricing(manager: EntityManager, keepId: string, dropId: string): Promise<PricingMoved> {
  const reports = await sqlRows(manager, `UPDATE fee_reports SET player_id = $1 WHERE player_id = $2 RETURNING id`, [keepId, dropId]);
  const history = await sqlRows(manager, `UPDATE player_price_history SET player_id = $1 WHERE player_id = $2 RETURNING id`, [
    keepId,
    dropId,
  ]);
  await manager.query(
    `UPDATE fee_reports
        SET candidates = (SELECT jsonb_agg(c ORDER BY n) FROM (
                            SELECT DISTINCT ON (coalesce(c->>'id', n::text)) c, n FROM (
                              SELECT CASE WHEN c->>'id' = $2 THEN jsonb_set(c, '{id}', to_jsonb($1::text)) ELSE c END AS c, n
                                FROM jsonb_array_elements(candidates) WITH ORDINALITY AS e(c, n)) AS r
                             ORDER BY coalesce(c->>'id', n::text), n) AS d)
      WHERE candidates @> jsonb_build_array(jsonb_build_object('id', $2::text))`,
    [keepId, dropId],
  );
  const [latest] = (await manager.query(
    `SELECT article_id FROM fee_reports WHERE player_id = $1 AND status = 'used' ORDER BY published_at DESC NULLS LAST, created_at DESC LIMIT 1`,
    [keepId],
  )) as { article_id: string }[];
  if (latest) await repricePlayer(manager, keepId, latest.article_id);
  return { reports: reports.length, history: history.length };
}
