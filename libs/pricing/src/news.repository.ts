import { Injectable } from '@nestjs/common';
import { type EntityManager, IsNull, Not } from 'typeorm';
import { ArticleEntity, type ArticleOrigin } from './article.entity.js';
import type { FeeKind } from './extract/index.js';
import { FeeReportEntity, type ReportStatus } from './fee-report.entity.js';
import { PriceHistoryEntity } from './price-history.entity.js';

/** A report under its row lock: what a decision or a link needs to know. */
export interface LockedReport {
  status: ReportStatus;
  playerId: string | null;
  articleId: string;
}

/** What an article row is made of when it is stored (its id and created_at come from the database). */
export type NewArticle = Pick<
  ArticleEntity,
  'url' | 'textHash' | 'title' | 'language' | 'text' | 'submittedBy' | 'urlConflict' | 'origin' | 'feedId'
> & {
  /** null: the database's now(). */
  publishedAt: Date | null;
};

/** A row of a player's price history with the report and article behind it (the report's columns null when none). */
export interface PriceHistoryRow {
  at: Date;
  eur: string;
  previous_eur: string | null;
  report_id: string | null;
  quote: string | null;
  kind: FeeKind | null;
  published_at: Date | null;
  url: string | null;
  title: string | null;
  origin: ArticleOrigin | null;
}

/**
 * Every statement on articles, fee reports, price history and players' prices. Each takes the
 * caller's manager: the services decide what one transaction holds, and the lock order (players in
 * id order, then their reports) is the callers' to keep. Players are locked FOR NO KEY UPDATE: a
 * price never changes a player's key, so an auction or a roster row being written for him (whose
 * foreign-key check takes KEY SHARE) does not wait for an article to be stored, nor the other way.
 */
@Injectable()
export class NewsRepository {
  findArticleByTextHash(manager: EntityManager, textHash: string): Promise<ArticleEntity | null> {
    return manager.findOneBy(ArticleEntity, { textHash });
  }

  findArticle(manager: EntityManager, id: string): Promise<ArticleEntity> {
    return manager.findOneByOrFail(ArticleEntity, { id });
  }

  reportsOfArticle(manager: EntityManager, articleId: string): Promise<FeeReportEntity[]> {
    return manager.find(FeeReportEntity, { where: { articleId }, order: { positionInArticle: 'ASC' } });
  }

  /** Whether a news article (not a starter fact that cites the page) already has this url. */
  async newsUrlTaken(manager: EntityManager, url: string): Promise<boolean> {
    return (await manager.query(`SELECT 1 FROM articles WHERE url = $1 AND origin = 'news' LIMIT 1`, [url])).length > 0;
  }

  async flagUrlConflict(manager: EntityManager, url: string): Promise<void> {
    await manager.query(`UPDATE articles SET url_conflict = true WHERE url = $1 AND origin = 'news' AND NOT url_conflict`, [url]);
  }

  /** The new article's id, or null when a concurrent store of the same text won (the unique text hash decides). */
  async insertArticle(manager: EntityManager, article: NewArticle): Promise<string | null> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(ArticleEntity)
      .values({ ...article, publishedAt: article.publishedAt ?? (() => 'now()') })
      .orIgnore()
      .returning('id')
      .execute();
    return (inserted.raw as { id: string }[])[0]?.id ?? null;
  }

  async hasStarterArticles(manager: EntityManager): Promise<boolean> {
    return (await manager.query(`SELECT 1 FROM articles WHERE origin = 'starter' LIMIT 1`)).length > 0;
  }

  /**
   * Locks the players, in id order (so two articles never deadlock), and returns each one's
   * yardstick for holding a report back: his reported price, from the news or the starter facts (a
   * checked fee guards against a misread figure as well as a news price does), else null (a position
   * default says nothing about what a club would pay; only the ceiling applies).
   */
  async lockPlayersForPricing(manager: EntityManager, playerIds: readonly string[]): Promise<Map<string, number | null>> {
    const ids = [...new Set(playerIds)].sort();
    if (ids.length === 0) return new Map();
    const rows: { id: string; price_eur: string | null; price_reports: number; price_origin: ArticleOrigin | null }[] = await manager.query(
      `SELECT id, price_eur, price_reports, price_origin FROM players WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.price_reports > 0 && r.price_eur !== null ? Number(r.price_eur) : null]));
  }

  /** Of these players, those whose price the news made. */
  async newsPricedAmong(manager: EntityManager, playerIds: readonly string[]): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(`SELECT id FROM players WHERE id = ANY($1::uuid[]) AND price_origin = 'news'`, [
      playerIds,
    ]);
    return rows.map((r) => r.id);
  }

  /** Locks one player for repricing; false when there is no such player. */
  async lockPlayer(manager: EntityManager, playerId: string): Promise<boolean> {
    return (await manager.query(`SELECT 1 FROM players WHERE id = $1 FOR NO KEY UPDATE`, [playerId])).length > 0;
  }

  /** Players by Transfermarkt id, locked in id order. */
  lockPlayersByTmId(manager: EntityManager, tmIds: readonly number[]): Promise<{ id: string; tm_id: number }[]> {
    return manager.query(`SELECT id, tm_id FROM players WHERE tm_id = ANY($1::int[]) ORDER BY id FOR NO KEY UPDATE`, [[...new Set(tmIds)]]);
  }

  saveReports(manager: EntityManager, reports: Partial<FeeReportEntity>[]): Promise<FeeReportEntity[]> {
    return manager.save(
      FeeReportEntity,
      reports.map((r) => manager.create(FeeReportEntity, r)),
    );
  }

  async lockReport(manager: EntityManager, reportId: string): Promise<LockedReport | null> {
    const [row]: { status: ReportStatus; player_id: string | null; article_id: string }[] = await manager.query(
      `SELECT status, player_id, article_id FROM fee_reports WHERE id = $1 FOR UPDATE`,
      [reportId],
    );
    return row ? { status: row.status, playerId: row.player_id, articleId: row.article_id } : null;
  }

  findReport(manager: EntityManager, reportId: string): Promise<FeeReportEntity> {
    return manager.findOneByOrFail(FeeReportEntity, { id: reportId });
  }

  async decideReport(manager: EntityManager, reportId: string, status: 'used' | 'rejected', adminId: string): Promise<void> {
    await manager.query(`UPDATE fee_reports SET status = $2, reviewed_by = $3, reviewed_at = now() WHERE id = $1`, [
      reportId,
      status,
      adminId,
    ]);
  }

  async linkReport(manager: EntityManager, reportId: string, playerId: string, adminId: string | null): Promise<void> {
    await manager.query(`UPDATE fee_reports SET player_id = $2, reviewed_by = coalesce($3, reviewed_by) WHERE id = $1`, [
      reportId,
      playerId,
      adminId,
    ]);
  }

  /** A player's reports in use, newest first, each with its article (the source). */
  usedReportsWithArticle(manager: EntityManager, playerId: string): Promise<FeeReportEntity[]> {
    return manager.find(FeeReportEntity, {
      where: { playerId, status: 'used' },
      relations: { article: true },
      order: { publishedAt: 'DESC', createdAt: 'DESC' },
    });
  }

  /** Reports by status and by whether they name a registry player, newest first, with their articles. */
  listReports(manager: EntityManager, filter: { status?: ReportStatus; linked?: boolean }, limit: number): Promise<FeeReportEntity[]> {
    return manager.find(FeeReportEntity, {
      where: {
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.linked === undefined ? {} : { playerId: filter.linked ? Not(IsNull()) : IsNull() }),
      },
      relations: { article: true },
      order: { createdAt: 'DESC', positionInArticle: 'ASC' },
      take: limit,
    });
  }

  /** What repricing reads: the player's reports in use (figure, kind, date, the article's origin) and the database's now. */
  async pricingInputs(manager: EntityManager, playerId: string): Promise<{ now: Date; used: FeeReportEntity[] }> {
    const [{ now }] = (await manager.query(`SELECT now() AS now`)) as [{ now: Date }];
    const used = await manager.find(FeeReportEntity, {
      where: { playerId, status: 'used' },
      relations: { article: true },
      select: { id: true, kind: true, eurMin: true, eurMax: true, publishedAt: true, article: { id: true, origin: true } },
    });
    return { now: new Date(now), used };
  }

  /**
   * The player's last `limit` prices, newest first, each with the report that caused it: of the
   * article's reports about him, one that made the price (in `report_ids`) first, then the first in
   * the article. A price made by an article since deleted has no report.
   */
  priceHistory(manager: EntityManager, playerId: string, limit: number): Promise<PriceHistoryRow[]> {
    return manager.query(
      `SELECT h.at, h.eur, h.previous_eur, r.id AS report_id, r.quote, r.kind, r.published_at, a.url, a.title, a.origin
         FROM player_price_history h
         LEFT JOIN articles a ON a.id = h.article_id
         LEFT JOIN LATERAL (
           SELECT f.id, f.quote, f.kind, f.published_at FROM fee_reports f
            WHERE f.article_id = h.article_id AND f.player_id = h.player_id
            ORDER BY f.id = ANY(h.report_ids) DESC, f.position_in_article
            LIMIT 1
         ) r ON true
        WHERE h.player_id = $1
        ORDER BY h.at DESC, h.id DESC
        LIMIT $2`,
      [playerId, limit],
    );
  }

  /** The player's new price and the history row that keeps which reports made it. */
  async setPrice(
    manager: EntityManager,
    price: { playerId: string; eur: number; reportIds: string[]; origin: ArticleOrigin; articleId: string },
  ): Promise<void> {
    const reports = price.reportIds.length;
    const [before] = (await manager.query(`SELECT price_eur FROM players WHERE id = $1`, [price.playerId])) as {
      price_eur: string | null;
    }[];
    // Plain SQL, not the entity's update: that would bump updated_at, the registry's version, and every
    // extraction after a repricing would rebuild the extractor's index of 8,000 players (~200 ms of CPU an
    // article, measured by bench:feeds). A price is not a registry fact; price_updated_at dates it.
    await manager.query(
      `UPDATE players SET price_eur = $2, price_reports = $3, price_origin = $4, price_updated_at = now() WHERE id = $1`,
      [price.playerId, price.eur, reports, price.origin],
    );
    await manager.insert(PriceHistoryEntity, {
      playerId: price.playerId,
      eur: price.eur,
      previousEur: before?.price_eur == null ? null : Number(before.price_eur),
      reports,
      articleId: price.articleId,
      reportIds: price.reportIds,
    });
  }
}
