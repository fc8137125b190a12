import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull, Not } from 'typeorm';
import { APP_CONFIG, type AppConfig, DomainError, isUuid, NotFoundError } from '@fantamercato/core';
import { ArticleEntity } from './article.entity.js';
import { explainEvidence, htmlToText, looksLikeHtml, type ExtractResult, type FeeReport, type Language } from './extract/index.js';
import { ArticleExtractor } from './extraction/article-extractor.js';
import { FeeReportEntity, type ReportStatus } from './fee-report.entity.js';
import type { ArticleDto, IngestNewsDto, ReportDto, ReportSourceDto, ReviewedReportDto } from './news.dto.js';
import { PlayerDirectory } from './player-directory.js';
import { heldReason, type PriceBounds } from './price-aggregate.js';
import { countingReports, repricePlayer } from './reprice.js';

export const MAX_ARTICLE_BYTES = 200 * 1024;

export function toReportDto(report: FeeReportEntity): ReportDto {
  return {
    id: report.id,
    status: report.status,
    linked: report.playerId !== null,
    ...(report.heldReason !== null ? { heldReason: report.heldReason } : {}),
    player: report.playerId ? { id: report.playerId, name: report.playerName } : { name: report.playerName },
    ...(report.fromClub ? { from: report.fromClub } : {}),
    to: report.toClubs,
    kind: report.kind,
    amount: { min: report.amountMin, max: report.amountMax, currency: report.currency },
    eur: { min: report.eurMin, max: report.eurMax },
    ...(report.addonsEur !== null ? { addonsEur: report.addonsEur } : {}),
    approx: report.approx,
    quote: report.quote,
    ...(report.evidence !== null ? { evidence: report.evidence, explanation: explainEvidence(report.evidence) } : {}),
    ...(report.candidates !== null && report.playerId === null ? { candidates: report.candidates } : {}),
    publishedAt: report.publishedAt.toISOString(),
  };
}

function toArticleDto(article: ArticleEntity): ArticleDto {
  return {
    id: article.id,
    language: article.language,
    url: article.url,
    title: article.title,
    publishedAt: article.publishedAt.toISOString(),
    urlConflict: article.urlConflict,
    origin: article.origin,
  };
}

function toSourceDto(article: ArticleEntity): ReportSourceDto {
  return { url: article.url, title: article.title, origin: article.origin };
}

/** What the article says, as plain text: HTML is reduced to its text first. */
export function articleText(text: string): string {
  if (Buffer.byteLength(text, 'utf8') > MAX_ARTICLE_BYTES) {
    throw new DomainError(413, 'PAYLOAD_TOO_LARGE', 'The article text is over 200 kB.');
  }
  const plain = looksLikeHtml(text) ? htmlToText(text) : text.replaceAll('\u0000', ' ');
  return plain.replace(/\r\n?/g, '\n').trim();
}

export interface IngestOutcome {
  created: boolean;
  article: ArticleDto;
  reports: ReportDto[];
}

/** Who stores an article: an admin over HTTP, or the operator's CLI (null). */
export type Submitter = string | null;

export class ReportNotFoundError extends NotFoundError {
  constructor() {
    super('The report', 'REPORT_NOT_FOUND');
  }
}

@Injectable()
export class NewsService {
  private readonly bounds: PriceBounds;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: PlayerDirectory,
    private readonly extractor: ArticleExtractor,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.bounds = { factor: config.priceHoldFactor, ceilingEur: config.priceCeilingEur };
  }

  /** A dry run: the reports an article holds, stored nowhere. */
  async extract(text: string, language?: Language): Promise<ExtractResult> {
    const plain = articleText(text);
    if (!plain) return { language: language ?? 'und', reports: [] };
    const result = await this.extractor.extract(plain, language);
    // The evidence in plain words too, as stored reports carry it, so a reviewer can judge before storing.
    return { ...result, reports: result.reports.map((r) => (r.evidence ? { ...r, explanation: explainEvidence(r.evidence) } : r)) };
  }

  /**
   * Stores an article once (its identity is its text), its reports, and the new prices of the
   * players they name — all in one transaction. The same text again returns what was stored. A url
   * proves nothing: an article whose url is already stored with other text is stored as its own
   * article, and both are flagged `urlConflict` for an admin to look at (a starter report citing the
   * url is not the publisher's text, so it conflicts with nothing).
   */
  async ingest(input: IngestNewsDto, submittedBy: Submitter = null): Promise<IngestOutcome> {
    const text = articleText(input.text);
    const textHash = createHash('sha256').update(text).digest('hex');
    const existing = await this.findStored(this.dataSource.manager, textHash);
    if (existing) return existing;

    const extracted = text ? await this.extractor.extract(text, input.language) : { language: 'und' as const, reports: [] };
    return this.dataSource.transaction(async (manager) => {
      const urlTaken =
        input.url !== undefined &&
        (await manager.query(`SELECT 1 FROM articles WHERE url = $1 AND origin = 'news' LIMIT 1`, [input.url])).length > 0;
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(ArticleEntity)
        .values({
          url: input.url ?? null,
          textHash,
          title: input.title ?? null,
          language: extracted.language,
          publishedAt: input.publishedAt ?? (() => 'now()'),
          text,
          submittedBy,
          urlConflict: urlTaken,
        })
        .orIgnore() // a concurrent ingest of the same text won the race: answer with theirs
        .returning('id')
        .execute();
      if (inserted.raw.length === 0) {
        const stored = await this.findStored(manager, textHash);
        if (stored) return stored;
        throw new DomainError(409, 'ARTICLE_CONFLICT', 'The same article is being stored right now; retry.');
      }
      if (urlTaken)
        await manager.query(`UPDATE articles SET url_conflict = true WHERE url = $1 AND origin = 'news' AND NOT url_conflict`, [input.url]);
      const article = await manager.findOneByOrFail(ArticleEntity, { id: inserted.raw[0].id });
      const current = await this.lockPlayers(manager, extracted.reports);
      const reports = await this.storeReports(manager, article, extracted.reports, current);
      const repriced = [...new Set(reports.filter((r) => r.status === 'used' && r.playerId !== null).map((r) => r.playerId!))];
      for (const playerId of repriced.sort()) await repricePlayer(manager, playerId, article.id);
      return { created: true, article: toArticleDto(article), reports: reports.map(toReportDto) };
    });
  }

  /**
   * The reports behind a player's price, each with its source (held and rejected ones price
   * nothing and are not shown; starter reports are not shown once the news prices him).
   */
  async reportsForPlayer(playerId: string): Promise<ReportDto[]> {
    const reports = await this.dataSource.manager.find(FeeReportEntity, {
      where: { playerId, status: 'used' },
      relations: { article: true },
      order: { publishedAt: 'DESC', createdAt: 'DESC' },
    });
    return countingReports(reports).map((report) => ({ ...toReportDto(report), source: toSourceDto(report.article) }));
  }

  /**
   * Reports by status and by whether they name a registry player, newest first, with the article
   * each came from: the admins' review queue (held) and the players to link (linked = false).
   */
  async listReports(filter: { status?: ReportStatus; linked?: boolean }, limit: number): Promise<ReviewedReportDto[]> {
    const reports = await this.dataSource.manager.find(FeeReportEntity, {
      where: {
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.linked === undefined ? {} : { playerId: filter.linked ? Not(IsNull()) : IsNull() }),
      },
      relations: { article: true },
      order: { createdAt: 'DESC', positionInArticle: 'ASC' },
      take: limit,
    });
    return reports.map((report) => ({
      ...toReportDto(report),
      article: toArticleDto(report.article),
      submittedBy: report.article.submittedBy,
    }));
  }

  /**
   * An admin's decision on a held report: `accept` lets it price the player (recomputed at once),
   * `reject` keeps it out for good. Only a held report can be decided (409 REPORT_NOT_HELD).
   */
  async reviewReport(reportId: string, adminId: string, decision: 'accept' | 'reject'): Promise<ReportDto> {
    if (!isUuid(reportId)) throw new ReportNotFoundError();
    return this.dataSource.transaction(async (manager) => {
      const [row]: { status: ReportStatus; player_id: string | null }[] = await manager.query(
        `SELECT status, player_id FROM fee_reports WHERE id = $1 FOR UPDATE`,
        [reportId],
      );
      if (!row) throw new ReportNotFoundError();
      if (row.status !== 'held') {
        throw new DomainError(
          409,
          'REPORT_NOT_HELD',
          `This report is already ${row.status === 'used' ? 'pricing its player' : 'rejected'}; only a held report can be decided.`,
        );
      }
      if (row.player_id) await manager.query(`SELECT 1 FROM players WHERE id = $1 FOR UPDATE`, [row.player_id]);
      await manager.query(`UPDATE fee_reports SET status = $2, reviewed_by = $3, reviewed_at = now() WHERE id = $1`, [
        reportId,
        decision === 'accept' ? 'used' : 'rejected',
        adminId,
      ]);
      const report = await manager.findOneByOrFail(FeeReportEntity, { id: reportId });
      if (decision === 'accept' && report.playerId) await repricePlayer(manager, report.playerId, report.articleId);
      return toReportDto(report);
    });
  }

  /**
   * Links a report to a registry player (one the extractor could not link: a player outside the
   * registry, or a name it could not decide), then reprices him if the report is used. A report
   * already linked to another player is refused (409 REPORT_ALREADY_LINKED): relinking would silently
   * move two prices.
   */
  async linkReport(reportId: string, playerId: string, adminId: string | null): Promise<ReportDto> {
    if (!isUuid(reportId)) throw new ReportNotFoundError();
    if (!isUuid(playerId)) throw new NotFoundError('The player', 'PLAYER_NOT_FOUND');
    return this.dataSource.transaction(async (manager) => {
      const [row]: { player_id: string | null; status: ReportStatus; article_id: string }[] = await manager.query(
        `SELECT player_id, status, article_id FROM fee_reports WHERE id = $1 FOR UPDATE`,
        [reportId],
      );
      if (!row) throw new ReportNotFoundError();
      if (row.player_id !== null && row.player_id !== playerId) {
        throw new DomainError(409, 'REPORT_ALREADY_LINKED', 'This report already prices another player.');
      }
      const player = await manager.query(`SELECT 1 FROM players WHERE id = $1 FOR UPDATE`, [playerId]);
      if (player.length === 0) throw new NotFoundError('The player', 'PLAYER_NOT_FOUND');
      await manager.query(`UPDATE fee_reports SET player_id = $2, reviewed_by = coalesce($3, reviewed_by) WHERE id = $1`, [
        reportId,
        playerId,
        adminId,
      ]);
      if (row.status === 'used') await repricePlayer(manager, playerId, row.article_id);
      return toReportDto(await manager.findOneByOrFail(FeeReportEntity, { id: reportId }));
    });
  }

  private async findStored(manager: EntityManager, textHash: string): Promise<IngestOutcome | null> {
    const article = await manager.findOneBy(ArticleEntity, { textHash });
    if (!article) return null;
    const reports = await manager.find(FeeReportEntity, { where: { articleId: article.id }, order: { positionInArticle: 'ASC' } });
    return { created: false, article: toArticleDto(article), reports: reports.map(toReportDto) };
  }

  /**
   * Locks every player the article prices, in id order (so two articles never deadlock), and returns
   * each one's reported price before this article: the yardstick its reports are held against.
   */
  private async lockPlayers(manager: EntityManager, reports: FeeReport[]): Promise<Map<string, number | null>> {
    const ids = [...new Set(reports.map((r) => r.player.id).filter((id): id is string => id !== undefined))].sort();
    if (ids.length === 0) return new Map();
    const rows: { id: string; price_eur: string | null; price_reports: number }[] = await manager.query(
      `SELECT id, price_eur, price_reports FROM players WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [ids],
    );
    // A starter price is an old fact, not the news's view: it holds nothing back (the first news report replaces it).
    const newsPriced: { player_id: string }[] = await manager.query(
      `SELECT DISTINCT r.player_id FROM fee_reports r JOIN articles a ON a.id = r.article_id
        WHERE r.player_id = ANY($1::uuid[]) AND r.status = 'used' AND a.origin = 'news'`,
      [ids],
    );
    const byNews = new Set(newsPriced.map((r) => r.player_id));
    return new Map(rows.map((r) => [r.id, byNews.has(r.id) && r.price_reports > 0 && r.price_eur !== null ? Number(r.price_eur) : null]));
  }

  private async storeReports(
    manager: EntityManager,
    article: ArticleEntity,
    reports: FeeReport[],
    current: Map<string, number | null>,
  ): Promise<FeeReportEntity[]> {
    if (reports.length === 0) return [];
    const rows = reports.map((report, position) => {
      const reason = heldReason(
        { eurMin: report.eur.min, eurMax: report.eur.max },
        report.player.id ? (current.get(report.player.id) ?? null) : null,
        this.bounds,
      );
      return manager.create(FeeReportEntity, {
        articleId: article.id,
        positionInArticle: position,
        playerId: report.player.id ?? null,
        playerName: report.player.name,
        kind: report.kind,
        currency: report.amount.currency,
        amountMin: report.amount.min,
        amountMax: report.amount.max,
        eurMin: report.eur.min,
        eurMax: report.eur.max,
        addonsEur: report.addonsEur ?? null,
        approx: report.approx,
        fromClub: report.from ?? null,
        toClubs: report.to,
        quote: report.quote,
        evidence: report.evidence,
        candidates: report.candidates ?? null,
        publishedAt: article.publishedAt,
        status: reason === null ? ('used' as const) : ('held' as const),
        heldReason: reason,
      });
    });
    return manager.save(FeeReportEntity, rows);
  }
}
