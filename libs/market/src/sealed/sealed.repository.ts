import type { Position, SealedBid, SealedWindow } from '@fantamercato/contract';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

interface WindowRow {
  id: string;
  league_id: string;
  status: 'open' | 'closed';
  closes_at: Date;
  player_ids: string[] | null;
  opened_by: string;
  opened_at: Date;
  closed_at: Date | null;
  server_time: Date;
}

export type StoredWindow = Omit<SealedWindow, 'bids'>;

function windowOf(row: WindowRow): StoredWindow {
  return {
    id: row.id,
    leagueId: row.league_id,
    status: row.status,
    closesAt: row.closes_at.toISOString(),
    playerIds: row.player_ids,
    openedBy: row.opened_by,
    openedAt: row.opened_at.toISOString(),
    closedAt: row.closed_at?.toISOString() ?? null,
    serverTime: row.server_time.toISOString(),
  };
}

/** A sealed bid as the close judges it, with what the tie-break needs. */
export interface BidToSettle {
  userId: string;
  playerId: string;
  playerName: string;
  position: Position;
  amount: number;
}

/** Every statement on sealed windows and their bids. */
@Injectable()
export class SealedRepository {
  async insert(manager: EntityManager, w: { leagueId: string; closesAt: string; playerIds: string[] | null; by: string }) {
    const rows: WindowRow[] = await manager.query(
      `INSERT INTO sealed_windows (league_id, closes_at, player_ids, opened_by) VALUES ($1, $2, $3::uuid[], $4)
       ON CONFLICT (league_id) WHERE status = 'open' DO NOTHING
       RETURNING *, now() AS server_time`,
      [w.leagueId, w.closesAt, w.playerIds, w.by],
    );
    return rows[0] ? windowOf(rows[0]) : null;
  }

  /** The league's open window, else its latest. */
  async latest(manager: EntityManager, leagueId: string): Promise<StoredWindow | null> {
    const [row]: WindowRow[] = await manager.query(
      `SELECT *, now() AS server_time FROM sealed_windows WHERE league_id = $1 ORDER BY status = 'open' DESC, opened_at DESC LIMIT 1`,
      [leagueId],
    );
    return row ? windowOf(row) : null;
  }

  /** The window, its row shared-locked for a bid: the close (which takes it exclusively) waits for the bid, or the bid for the close. */
  async lockForBid(manager: EntityManager, leagueId: string, windowId: string): Promise<StoredWindow | null> {
    const [row]: WindowRow[] = await manager.query(
      `SELECT *, now() AS server_time FROM sealed_windows WHERE id = $1 AND league_id = $2 FOR SHARE`,
      [windowId, leagueId],
    );
    return row ? windowOf(row) : null;
  }

  async isOpenNow(manager: EntityManager, windowId: string): Promise<boolean> {
    const [row]: { open: boolean }[] = await manager.query(
      `SELECT status = 'open' AND closes_at > now() AS open FROM sealed_windows WHERE id = $1`,
      [windowId],
    );
    return row?.open ?? false;
  }

  async upsertBid(manager: EntityManager, b: { windowId: string; leagueId: string; userId: string; playerId: string; amount: number }) {
    await manager.query(
      `INSERT INTO sealed_bids (window_id, league_id, user_id, player_id, amount) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (window_id, user_id, player_id) DO UPDATE SET amount = EXCLUDED.amount, placed_at = clock_timestamp()`,
      [b.windowId, b.leagueId, b.userId, b.playerId, b.amount],
    );
  }

  async deleteBid(manager: EntityManager, windowId: string, userId: string, playerId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `WITH gone AS (DELETE FROM sealed_bids WHERE window_id = $1 AND user_id = $2 AND player_id = $3 RETURNING 1) SELECT 1 FROM gone`,
      [windowId, userId, playerId],
    );
    return rows.length > 0;
  }

  /** A window's bids: only `userId`'s while it is open (null: everyone's, once it closed). */
  async bids(manager: EntityManager, windowId: string, userId: string | null): Promise<SealedBid[]> {
    const rows: {
      player_id: string;
      name: string;
      user_id: string;
      amount: string;
      placed_at: Date;
      outcome: SealedBid['outcome'] | null;
    }[] = await manager.query(
      `SELECT b.player_id, p.name, b.user_id, b.amount, b.placed_at, b.outcome
           FROM sealed_bids b JOIN players p ON p.id = b.player_id
          WHERE b.window_id = $1 AND ($2::uuid IS NULL OR b.user_id = $2)
          ORDER BY p.name, b.amount DESC, b.placed_at`,
      [windowId, userId],
    );
    return rows.map((r) => ({
      playerId: r.player_id,
      playerName: r.name,
      userId: r.user_id,
      amount: Number(r.amount),
      placedAt: r.placed_at.toISOString(),
      ...(r.outcome ? { outcome: r.outcome } : {}),
    }));
  }

  /** A due open window, locked for its close; SKIP LOCKED: one process closes it (or a bid is being placed: next sweep). */
  async lockIfDue(manager: EntityManager, windowId: string): Promise<StoredWindow | null> {
    const [row]: WindowRow[] = await manager.query(
      `SELECT *, now() AS server_time FROM sealed_windows WHERE id = $1 AND status = 'open' AND closes_at <= now() FOR UPDATE SKIP LOCKED`,
      [windowId],
    );
    return row ? windowOf(row) : null;
  }

  async dueIds(manager: EntityManager, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM sealed_windows WHERE status = 'open' AND closes_at <= now() ORDER BY closes_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  async openDeadlines(manager: EntityManager): Promise<{ id: string; endsAt: string }[]> {
    const rows: { id: string; closes_at: Date }[] = await manager.query(`SELECT id, closes_at FROM sealed_windows WHERE status = 'open'`);
    return rows.map((r) => ({ id: r.id, endsAt: r.closes_at.toISOString() }));
  }

  /**
   * The order a close settles bids in: highest first; equal amounts by the league's rule (the earlier
   * bid, or the manager lower in budget at the close, then the earlier bid).
   */
  async bidsToSettle(manager: EntityManager, windowId: string, tieBreak: 'earliest' | 'lower_budget'): Promise<BidToSettle[]> {
    const rows: { user_id: string; player_id: string; name: string; position: Position; amount: string }[] = await manager.query(
      `SELECT b.user_id, b.player_id, p.name, p.position, b.amount
         FROM sealed_bids b JOIN players p ON p.id = b.player_id
         JOIN memberships m ON m.league_id = b.league_id AND m.user_id = b.user_id
        WHERE b.window_id = $1
        ORDER BY b.amount DESC, CASE WHEN $2 = 'lower_budget' THEN m.budget END ASC NULLS LAST, b.placed_at, b.user_id`,
      [windowId, tieBreak],
    );
    return rows.map((r) => ({
      userId: r.user_id,
      playerId: r.player_id,
      playerName: r.name,
      position: r.position,
      amount: Number(r.amount),
    }));
  }

  async setOutcome(manager: EntityManager, windowId: string, userId: string, playerId: string, outcome: 'won' | 'lost' | 'skipped') {
    await manager.query(`UPDATE sealed_bids SET outcome = $4 WHERE window_id = $1 AND user_id = $2 AND player_id = $3`, [
      windowId,
      userId,
      playerId,
      outcome,
    ]);
  }

  async markClosed(manager: EntityManager, windowId: string): Promise<void> {
    await manager.query(`UPDATE sealed_windows SET status = 'closed', closed_at = now() WHERE id = $1`, [windowId]);
  }
}
