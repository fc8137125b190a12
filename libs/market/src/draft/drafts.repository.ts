import type { Draft, DraftStatus, Position, WhenIdle } from '@fantamercato/contract';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

interface DraftRow {
  id: string;
  league_id: string;
  status: DraftStatus;
  order_ids: string[];
  turn: number;
  round: number;
  on_clock: string | null;
  clock_ends_at: Date | null;
  lot_auction_id: string | null;
  nomination_seconds: number;
  when_idle: WhenIdle;
  paused_at: Date | null;
  remaining_ms: string | null;
  started_by: string;
  started_at: Date;
  ended_at: Date | null;
  end_reason: 'complete' | 'ended' | null;
  server_time: Date;
}

/** A draft as the services see it: the contract's fields plus where in the order the turn is. */
export interface StoredDraft extends Draft {
  turn: number;
}

const DRAFT_COLUMNS = `d.*, (extract(epoch FROM d.paused_remaining) * 1000)::bigint AS remaining_ms, now() AS server_time`;

function draftOf(row: DraftRow): StoredDraft {
  return {
    id: row.id,
    leagueId: row.league_id,
    status: row.status,
    order: row.order_ids,
    turn: row.turn,
    round: row.round,
    onClock: row.on_clock,
    clockEndsAt: row.clock_ends_at?.toISOString() ?? null,
    lotAuctionId: row.lot_auction_id,
    nominationSeconds: row.nomination_seconds,
    whenIdle: row.when_idle,
    pausedAt: row.paused_at?.toISOString() ?? null,
    remainingSeconds: row.remaining_ms === null ? null : Number(row.remaining_ms) / 1000,
    startedBy: row.started_by,
    startedAt: row.started_at.toISOString(),
    endedAt: row.ended_at?.toISOString() ?? null,
    endReason: row.end_reason,
    serverTime: row.server_time.toISOString(),
  };
}

/** A member as the turn order needs him: whether his squad still has room. */
export interface DraftSeat {
  userId: string;
  needsPlayers: boolean;
}

/**
 * Every statement on drafts. Lock order, with the rest of the game's: a lot's auction row is taken
 * before its draft (the closer holds the auction when it advances the turn, a pause takes the lot
 * first); a draft row before the memberships an opening locks; the league row (events) last.
 */
@Injectable()
export class DraftsRepository {
  /** The league's live draft (running or paused), locked: every change to a draft starts here. */
  async lockLive(manager: EntityManager, leagueId: string): Promise<StoredDraft | null> {
    const [row]: DraftRow[] = await manager.query(
      `SELECT ${DRAFT_COLUMNS} FROM drafts d WHERE d.league_id = $1 AND d.status <> 'ended' FOR NO KEY UPDATE`,
      [leagueId],
    );
    return row ? draftOf(row) : null;
  }

  /** The league's live draft, or else its latest one: what GET /leagues/:id/draft shows. */
  async latest(manager: EntityManager, leagueId: string): Promise<StoredDraft | null> {
    const [row]: DraftRow[] = await manager.query(
      `SELECT ${DRAFT_COLUMNS} FROM drafts d WHERE d.league_id = $1 ORDER BY d.status <> 'ended' DESC, d.started_at DESC LIMIT 1`,
      [leagueId],
    );
    return row ? draftOf(row) : null;
  }

  async read(manager: EntityManager, draftId: string): Promise<StoredDraft> {
    const [row]: DraftRow[] = await manager.query(`SELECT ${DRAFT_COLUMNS} FROM drafts d WHERE d.id = $1`, [draftId]);
    return draftOf(row!);
  }

  /** The draft whose lot this auction is, locked (the closer holds the auction already). */
  async lockByLot(manager: EntityManager, auctionId: string): Promise<StoredDraft | null> {
    const [row]: DraftRow[] = await manager.query(
      `SELECT ${DRAFT_COLUMNS} FROM drafts d WHERE d.lot_auction_id = $1 AND d.status <> 'ended' FOR NO KEY UPDATE`,
      [auctionId],
    );
    return row ? draftOf(row) : null;
  }

  /** A running draft whose nomination clock has run out, locked; SKIP LOCKED: one process takes it. */
  async lockIfClockDue(manager: EntityManager, draftId: string): Promise<StoredDraft | null> {
    const [row]: DraftRow[] = await manager.query(
      `SELECT ${DRAFT_COLUMNS} FROM drafts d
        WHERE d.id = $1 AND d.status = 'running' AND d.lot_auction_id IS NULL AND d.clock_ends_at <= now()
          FOR NO KEY UPDATE SKIP LOCKED`,
      [draftId],
    );
    return row ? draftOf(row) : null;
  }

  async clockDueIds(manager: EntityManager, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM drafts WHERE status = 'running' AND lot_auction_id IS NULL AND clock_ends_at <= now() ORDER BY clock_ends_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  /** Running drafts' nomination deadlines, to arm a starting process's timers. */
  async clockDeadlines(manager: EntityManager): Promise<{ id: string; endsAt: string }[]> {
    const rows: { id: string; clock_ends_at: Date }[] = await manager.query(
      `SELECT id, clock_ends_at FROM drafts WHERE status = 'running' AND lot_auction_id IS NULL`,
    );
    return rows.map((r) => ({ id: r.id, endsAt: r.clock_ends_at.toISOString() }));
  }

  /** A new running draft; null when the league has a live one already (the partial unique index decides). */
  async insert(
    manager: EntityManager,
    d: { leagueId: string; order: string[]; nominationSeconds: number; whenIdle: WhenIdle; startedBy: string },
  ): Promise<string | null> {
    // Inserted with the first manager on a clock that ends now; the caller moves it to the first who needs players.
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO drafts (league_id, order_ids, nomination_seconds, when_idle, started_by, on_clock, clock_ends_at)
       VALUES ($1, $2::uuid[], $3, $4, $5, $6, now())
       ON CONFLICT (league_id) WHERE status <> 'ended' DO NOTHING
       RETURNING id`,
      [d.leagueId, d.order, d.nominationSeconds, d.whenIdle, d.startedBy, d.order[0]],
    );
    return rows[0]?.id ?? null;
  }

  /** The managers in the draft's order, with whether each still has room in his squad (counting the lot he leads). */
  async seats(manager: EntityManager, leagueId: string, order: string[]): Promise<DraftSeat[]> {
    const rows: { user_id: string; needs: boolean }[] = await manager.query(
      `SELECT m.user_id, m.owned_count + m.leading_count < m.roster_size AS needs
         FROM unnest($2::uuid[]) WITH ORDINALITY AS o(user_id, n)
         JOIN memberships m ON m.league_id = $1 AND m.user_id = o.user_id AND m.removed_at IS NULL
        ORDER BY o.n`,
      [leagueId, order],
    );
    return rows.map((r) => ({ userId: r.user_id, needsPlayers: r.needs }));
  }

  /**
   * Puts a manager on the clock for the nomination time from now — or, while the draft is paused, with
   * his whole nomination time kept for the resume.
   */
  async putOnClock(manager: EntityManager, draftId: string, turn: number, round: number, userId: string): Promise<StoredDraft> {
    await manager.query(
      `UPDATE drafts SET turn = $2, round = $3, on_clock = $4, lot_auction_id = NULL,
                         clock_ends_at = CASE WHEN status = 'paused' THEN NULL
                                              ELSE quiet_deadline(league_id, now() + make_interval(secs => nomination_seconds)) END,
                         paused_remaining = CASE WHEN status = 'paused' THEN make_interval(secs => nomination_seconds) END
        WHERE id = $1`,
      [draftId, turn, round, userId],
    );
    return this.read(manager, draftId);
  }

  /** The manager on the clock called a player: his lot runs, the nomination clock stops. */
  async startLot(manager: EntityManager, draftId: string, auctionId: string): Promise<void> {
    await manager.query(`UPDATE drafts SET lot_auction_id = $2, clock_ends_at = NULL WHERE id = $1`, [draftId, auctionId]);
  }

  async end(manager: EntityManager, draftId: string, reason: 'complete' | 'ended'): Promise<StoredDraft> {
    await manager.query(
      `UPDATE drafts SET status = 'ended', ended_at = now(), end_reason = $2, on_clock = NULL, clock_ends_at = NULL,
                         lot_auction_id = NULL, paused_at = NULL, paused_remaining = NULL
        WHERE id = $1`,
      [draftId, reason],
    );
    return this.read(manager, draftId);
  }

  /**
   * Pauses the draft and freezes its clock: the lot's remaining time is kept on the auction (which
   * the closer then skips and place_bids refuses), the nomination clock's on the draft.
   */
  async pause(manager: EntityManager, draft: StoredDraft): Promise<StoredDraft> {
    if (draft.lotAuctionId) {
      await manager.query(`UPDATE auctions SET paused_remaining = quiet_remaining(league_id, ends_at) WHERE id = $1`, [draft.lotAuctionId]);
      await manager.query(
        `UPDATE drafts d SET status = 'paused', paused_at = now(), paused_remaining = a.paused_remaining
           FROM auctions a WHERE d.id = $1 AND a.id = d.lot_auction_id`,
        [draft.id],
      );
    } else {
      await manager.query(
        `UPDATE drafts SET status = 'paused', paused_at = now(), paused_remaining = quiet_remaining(league_id, clock_ends_at),
                           clock_ends_at = NULL
          WHERE id = $1`,
        [draft.id],
      );
    }
    return this.read(manager, draft.id);
  }

  /** Resumes from where the pause left it: the lot, or the nomination clock, gets back the time it had. */
  async resume(manager: EntityManager, draft: StoredDraft): Promise<{ draft: StoredDraft; lotEndsAt: string | null }> {
    let lotEndsAt: string | null = null;
    if (draft.lotAuctionId) {
      const [row]: { ends_at: Date }[] = await manager.query(
        `WITH resumed AS (UPDATE auctions SET ends_at = quiet_deadline(league_id, now() + paused_remaining), paused_remaining = NULL
                             WHERE id = $1 RETURNING ends_at)
         SELECT ends_at FROM resumed`,
        [draft.lotAuctionId],
      );
      lotEndsAt = row!.ends_at.toISOString();
      await manager.query(`UPDATE drafts SET status = 'running', paused_at = NULL, paused_remaining = NULL WHERE id = $1`, [draft.id]);
    } else {
      await manager.query(
        `UPDATE drafts SET status = 'running', clock_ends_at = quiet_deadline(league_id, now() + paused_remaining),
                           paused_at = NULL, paused_remaining = NULL
          WHERE id = $1`,
        [draft.id],
      );
    }
    return { draft: await this.read(manager, draft.id), lotEndsAt };
  }

  /** Locks an auction row (a pause takes the lot before its draft, as the closer does). */
  async lockAuction(manager: EntityManager, auctionId: string): Promise<void> {
    await manager.query(`SELECT 1 FROM auctions WHERE id = $1 FOR NO KEY UPDATE`, [auctionId]);
  }

  /** The lot's draft id without a lock: which auction a pause must lock first. */
  async liveLot(manager: EntityManager, leagueId: string): Promise<string | null> {
    const [row]: { lot_auction_id: string | null }[] = await manager.query(
      `SELECT lot_auction_id FROM drafts WHERE league_id = $1 AND status <> 'ended'`,
      [leagueId],
    );
    return row?.lot_auction_id ?? null;
  }

  /**
   * The cheapest player a manager may still add (price: the player's, else his position's default),
   * in a position where he has room with the other positions' minimums still reachable; not owned in
   * the league nor on auction there. Ties go to the player's name, then id, so the choice is stable.
   */
  async cheapestFitting(
    manager: EntityManager,
    leagueId: string,
    positions: Position[],
    defaults: Record<Position, number>,
  ): Promise<{ id: string; name: string } | null> {
    if (positions.length === 0) return null;
    const [row]: { id: string; name: string }[] = await manager.query(
      `SELECT p.id, p.name FROM players p
        WHERE p.position = ANY ($2::text[])
          AND NOT EXISTS (SELECT 1 FROM roster_entries r WHERE r.league_id = $1 AND r.player_id = p.id)
          AND NOT EXISTS (SELECT 1 FROM auctions a WHERE a.league_id = $1 AND a.player_id = p.id AND a.status = 'open')
        ORDER BY coalesce(p.price_eur, CASE p.position WHEN 'GK' THEN $3::bigint WHEN 'DEF' THEN $4::bigint WHEN 'MID' THEN $5::bigint ELSE $6::bigint END),
                 p.name, p.id
        LIMIT 1`,
      [leagueId, positions, defaults.GK, defaults.DEF, defaults.MID, defaults.FWD],
    );
    return row ?? null;
  }
}
