import type { MarketReport, ReleaseRefund } from '@fantamercato/contract';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

interface ReportRow {
  article_id: string;
  url: string | null;
  title: string | null;
  quote: string | null;
  published_at: Date;
}

const reportOf = (r: ReportRow): MarketReport => ({
  articleId: r.article_id,
  url: r.url,
  title: r.title,
  quote: r.quote,
  publishedAt: r.published_at.toISOString(),
});

/** A new price waiting to be told to the leagues. */
export interface PendingReprice {
  id: string;
  playerId: string;
  playerName: string;
  oldPrice: number | null;
  newPrice: number;
  /** When the price changed. */
  at: Date;
  report: MarketReport | null;
}

/** An agreed move waiting to be told to the leagues that own the player. */
export interface PendingMove {
  id: string;
  playerId: string;
  playerName: string;
  toClubs: string[];
  fee: number;
  report: MarketReport;
}

/** Every statement of the two outboxes (new prices, agreed moves) and of telling the leagues. */
@Injectable()
export class MarketMovesRepository {
  async repricesDue(manager: EntityManager, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM player_price_history WHERE announced_at IS NULL ORDER BY id LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  async movesDue(manager: EntityManager, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM fee_reports
        WHERE move_announced_at IS NULL AND kind = 'agreed' AND status = 'used' AND player_id IS NOT NULL
        ORDER BY created_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  /** A new price not yet told, locked (SKIP LOCKED: one process tells it), with the report that moved it. */
  async lockReprice(manager: EntityManager, id: string): Promise<PendingReprice | null> {
    const [row]: (ReportRow & { id: string; player_id: string; name: string; eur: string; previous_eur: string | null; at: Date })[] =
      await manager.query(
        `SELECT h.id, h.player_id, p.name, h.eur, h.previous_eur, h.at, h.article_id, a.url, a.title, a.published_at,
                (SELECT r.quote FROM fee_reports r WHERE r.article_id = h.article_id AND r.player_id = h.player_id
                  ORDER BY r.position_in_article LIMIT 1) AS quote
           FROM player_price_history h JOIN players p ON p.id = h.player_id LEFT JOIN articles a ON a.id = h.article_id
          WHERE h.id = $1 AND h.announced_at IS NULL
          FOR UPDATE OF h SKIP LOCKED`,
        [id],
      );
    if (!row) return null;
    return {
      id: row.id,
      playerId: row.player_id,
      playerName: row.name,
      oldPrice: row.previous_eur === null ? null : Number(row.previous_eur),
      newPrice: Number(row.eur),
      at: row.at,
      report: row.article_id && row.published_at ? reportOf(row) : null,
    };
  }

  /**
   * The leagues where the player was owned or on an open auction when his price changed (`at`), in id
   * order (the order their rows are taken in): a league that bought him after the change paid the new
   * price and has nothing to be told.
   */
  async leaguesConcerned(manager: EntityManager, playerId: string, at: Date): Promise<string[]> {
    const rows: { league_id: string }[] = await manager.query(
      `SELECT league_id FROM roster_entries WHERE player_id = $1 AND acquired_at <= $2
       UNION SELECT league_id FROM auctions WHERE player_id = $1 AND status = 'open' AND opened_at <= $2
       ORDER BY league_id`,
      [playerId, at],
    );
    return rows.map((r) => r.league_id);
  }

  async markRepriceTold(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE player_price_history SET announced_at = now() WHERE id = $1`, [id]);
  }

  /** An agreed report not yet told, locked (SKIP LOCKED), with its article. */
  async lockMove(manager: EntityManager, id: string): Promise<PendingMove | null> {
    const [row]: (ReportRow & { id: string; player_id: string; name: string; to_clubs: string[]; eur_min: string; eur_max: string })[] =
      await manager.query(
        `SELECT r.id, r.player_id, p.name, r.to_clubs, r.eur_min, r.eur_max, r.quote, r.article_id, a.url, a.title, a.published_at
           FROM fee_reports r JOIN players p ON p.id = r.player_id JOIN articles a ON a.id = r.article_id
          WHERE r.id = $1 AND r.move_announced_at IS NULL AND r.kind = 'agreed' AND r.status = 'used'
          FOR UPDATE OF r SKIP LOCKED`,
        [id],
      );
    if (!row) return null;
    return {
      id: row.id,
      playerId: row.player_id,
      playerName: row.name,
      toClubs: row.to_clubs,
      fee: Math.round((Number(row.eur_min) + Number(row.eur_max)) / 2),
      report: reportOf(row),
    };
  }

  /** The real competitions the registry's clubs of these names play in. */
  async competitionsOf(manager: EntityManager, clubs: string[]): Promise<string[]> {
    const rows: { league: string }[] = await manager.query(
      `SELECT DISTINCT league FROM players WHERE club = ANY ($1::text[]) AND league IS NOT NULL`,
      [clubs],
    );
    return rows.map((r) => r.league);
  }

  /** The player's owners, league by league in id order, with each league's competitions and "left the league" rule. */
  async owners(
    manager: EntityManager,
    playerId: string,
  ): Promise<{ leagueId: string; userId: string; competitions: string[]; rule: ReleaseRefund }[]> {
    const rows: { league_id: string; user_id: string; competitions: string[]; transfer_refund: ReleaseRefund }[] = await manager.query(
      `SELECT r.league_id, r.user_id, l.competitions, l.transfer_refund
         FROM roster_entries r JOIN leagues l ON l.id = r.league_id WHERE r.player_id = $1 ORDER BY r.league_id`,
      [playerId],
    );
    return rows.map((r) => ({ leagueId: r.league_id, userId: r.user_id, competitions: r.competitions, rule: r.transfer_refund }));
  }

  /** His roster entry in the league is marked: he left its competitions (a release then follows the transfer rule). */
  async markLeft(manager: EntityManager, leagueId: string, playerId: string): Promise<void> {
    await manager.query(
      `UPDATE roster_entries SET transferred_out_at = coalesce(transferred_out_at, now()) WHERE league_id = $1 AND player_id = $2`,
      [leagueId, playerId],
    );
  }

  async markMoveTold(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE fee_reports SET move_announced_at = now() WHERE id = $1`, [id]);
  }
}
