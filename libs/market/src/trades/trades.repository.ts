import type { Trade, TradePlayer, TradeStatus } from '@fantamercato/contract';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { sqlRows } from '@fantamercato/core';

interface TradeRow {
  id: string;
  league_id: string;
  proposer_id: string;
  receiver_id: string;
  give_ids: string[];
  take_ids: string[];
  give: TradePlayer[];
  take: TradePlayer[];
  money: string;
  note: string | null;
  status: TradeStatus;
  proposed_at: Date;
  expires_at: Date;
  executes_at: Date | null;
  decided_at: Date | null;
  reason: string | null;
  server_time: Date;
}

/** A trade as the service sees it: the view, plus the ids in the order they were proposed. */
export interface StoredTrade extends Trade {
  giveIds: string[];
  takeIds: string[];
}

function tradeOf(row: TradeRow): StoredTrade {
  return {
    id: row.id,
    leagueId: row.league_id,
    proposerId: row.proposer_id,
    receiverId: row.receiver_id,
    give: row.give,
    take: row.take,
    giveIds: row.give_ids,
    takeIds: row.take_ids,
    money: Number(row.money),
    note: row.note,
    status: row.status,
    proposedAt: row.proposed_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    executesAt: row.executes_at?.toISOString() ?? null,
    decidedAt: row.decided_at?.toISOString() ?? null,
    reason: row.reason,
    serverTime: row.server_time.toISOString(),
  };
}

/** The players of an id list with their names, in the list's order. */
const players = (column: string) =>
  `(SELECT coalesce(json_agg(json_build_object('id', p.id, 'name', p.name, 'position', p.position) ORDER BY array_position(t.${column}, p.id)), '[]')
      FROM players p WHERE p.id = ANY (t.${column}))`;
const SELECT = `SELECT t.*, ${players('give_ids')} AS give, ${players('take_ids')} AS take, now() AS server_time FROM trades t`;

/** Every statement on trades. */
@Injectable()
export class TradesRepository {
  async insert(
    manager: EntityManager,
    t: {
      leagueId: string;
      proposerId: string;
      receiverId: string;
      giveIds: string[];
      takeIds: string[];
      money: number;
      note: string | null;
      expiresAt: string;
    },
  ): Promise<string> {
    const [row]: { id: string }[] = await manager.query(
      `INSERT INTO trades (league_id, proposer_id, receiver_id, give_ids, take_ids, money, note, expires_at)
       VALUES ($1, $2, $3, $4::uuid[], $5::uuid[], $6, $7, $8) RETURNING id`,
      [t.leagueId, t.proposerId, t.receiverId, t.giveIds, t.takeIds, t.money, t.note, t.expiresAt],
    );
    return row!.id;
  }

  async find(manager: EntityManager, leagueId: string, tradeId: string): Promise<StoredTrade | null> {
    const [row]: TradeRow[] = await manager.query(`${SELECT} WHERE t.id = $1 AND t.league_id = $2`, [tradeId, leagueId]);
    return row ? tradeOf(row) : null;
  }

  /** A trade by id alone (the clock's, which knows no league). */
  async findAnywhere(manager: EntityManager, tradeId: string): Promise<StoredTrade | null> {
    const [row]: TradeRow[] = await manager.query(`${SELECT} WHERE t.id = $1`, [tradeId]);
    return row ? tradeOf(row) : null;
  }

  /** Whether a proposal still waits for its answer (proposed, and not past its expiry by the database's clock). */
  async isOpen(manager: EntityManager, tradeId: string): Promise<boolean> {
    const [row]: { open: boolean }[] = await manager.query(
      `SELECT status = 'proposed' AND expires_at > now() AS open FROM trades WHERE id = $1`,
      [tradeId],
    );
    return row?.open ?? false;
  }

  /** The trade's row locked for a step (FOR UPDATE): the caller has taken its players' locks first, where it needs them. */
  async lock(manager: EntityManager, leagueId: string, tradeId: string): Promise<StoredTrade | null> {
    const [row]: TradeRow[] = await manager.query(`${SELECT} WHERE t.id = $1 AND t.league_id = $2 FOR UPDATE OF t`, [tradeId, leagueId]);
    return row ? tradeOf(row) : null;
  }

  /** A trade whose deadline has passed (expiry or review's end), locked; SKIP LOCKED: one process settles it. */
  async lockIfDue(manager: EntityManager, tradeId: string): Promise<StoredTrade | null> {
    const [row]: TradeRow[] = await manager.query(
      `${SELECT} WHERE t.id = $1
          AND ((t.status = 'proposed' AND t.expires_at <= now()) OR (t.status = 'accepted' AND t.executes_at <= now()))
        FOR UPDATE OF t SKIP LOCKED`,
      [tradeId],
    );
    return row ? tradeOf(row) : null;
  }

  /** The league's trades, newest first. */
  async list(manager: EntityManager, leagueId: string, limit: number): Promise<StoredTrade[]> {
    const rows: TradeRow[] = await manager.query(`${SELECT} WHERE t.league_id = $1 ORDER BY t.proposed_at DESC, t.id LIMIT $2`, [
      leagueId,
      limit,
    ]);
    return rows.map(tradeOf);
  }

  async isDue(manager: EntityManager, tradeId: string): Promise<boolean> {
    const [row]: { due: boolean }[] = await manager.query(
      `SELECT (status = 'proposed' AND expires_at <= now()) OR (status = 'accepted' AND executes_at <= now()) AS due FROM trades WHERE id = $1`,
      [tradeId],
    );
    return row?.due ?? false;
  }

  async countOpenBy(manager: EntityManager, leagueId: string, proposerId: string): Promise<number> {
    const [row]: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM trades WHERE league_id = $1 AND proposer_id = $2 AND status = 'proposed' AND expires_at > now()`,
      [leagueId, proposerId],
    );
    return row!.n;
  }

  /** The step: a new status (and, on acceptance into a review, when it executes). */
  async setStatus(
    manager: EntityManager,
    tradeId: string,
    status: Exclude<TradeStatus, 'proposed'>,
    extra: { reason?: string; reviewSeconds?: number } = {},
  ): Promise<void> {
    await sqlRows(
      manager,
      `UPDATE trades SET status = $2, decided_at = coalesce(decided_at, now()), reason = coalesce($3, reason),
              executes_at = CASE WHEN $2 = 'accepted' THEN now() + make_interval(secs => $4)
                                 WHEN $2 = 'executed' THEN now() ELSE executes_at END
        WHERE id = $1`,
      [tradeId, status, extra.reason ?? null, extra.reviewSeconds ?? 0],
    );
  }

  async dueIds(manager: EntityManager, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `(SELECT id, expires_at AS due FROM trades WHERE status = 'proposed' AND expires_at <= now())
       UNION ALL
       (SELECT id, executes_at FROM trades WHERE status = 'accepted' AND executes_at <= now())
       ORDER BY due LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  async openDeadlines(manager: EntityManager): Promise<{ id: string; endsAt: string }[]> {
    const rows: { id: string; due: Date }[] = await manager.query(
      `SELECT id, CASE status WHEN 'proposed' THEN expires_at ELSE executes_at END AS due FROM trades WHERE status IN ('proposed', 'accepted')`,
    );
    return rows.map((r) => ({ id: r.id, endsAt: r.due.toISOString() }));
  }
}
