import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig, DomainError, isUuid, NotFoundError } from '@fantamercato/core';
import type { ArticleEntity } from './article.entity.js';
import { explainEvidence, htmlToText, looksLikeHtml, type ExtractResult, type FeeReport, type Language } from './extract/index.js';
import { ArticleExtractor } from './extraction/article-extractor.js';
import type { FeeReportEntity, ReportStatus } from './fee-report.entity.js';
import type {
  ArticleDto,
  IngestNewsDto,
  PriceHistoryDto,
  PricePointDto,
  ReportDto,
  ReportSourceDto,
  ReviewedReportDto,
} from './news.dto.js';
import { NewsRepository, type PriceHistoryRow } from './news.repository.js';
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
    ...(article.feedId !== null ? { feedId: article.feedId } : {}),
  };
}

function toSourceDto(article: ArticleEntity): ReportSourceDto {
  return { url: article.url, title: article.title, origin: article.origin };
}

function toPricePoint(row: PriceHistoryRow): PricePointDto {
  return {
    at: new Date(row.at).toISOString(),
    priceEur: Number(row.eur),
    previousEur: row.previous_eur === null ? null : Number(row.previous_eur),
    report:
      row.report_id !== null && row.origin !== null && row.published_at !== null
        ? {
            id: row.report_id,
            quote: row.quote ?? '',
            kind: row.kind!,
            source: { url: row.url, title: row.title, origin: row.origin },
            publishedAt: new Date(row.published_at).toISOString(),
          }
        : null,
  };
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

/** Where a stored article came from, beyond who stored it. */
export interface IngestOrigin {
  /** The feed it was polled from. */
  feedId?: string;
  /** More work in the transaction that stores a new article (its id and report count); throwing stores nothing. */
  inTransaction?: (manager: EntityManager, stored: { articleId: string; reports: number }) => Promise<void>;
}

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
    private readonly news: NewsRepository,
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
  async ingest(input: IngestNewsDto, submittedBy: Submitter = null, from: IngestOrigin = {}): Promise<IngestOutcome> {
    const text = articleText(input.text);
    const textHash = createHash('sha256').update(text).digest('hex');
    const existing = await this.findStored(this.dataSource.manager, textHash);
    if (existing) return existing;

    const extracted = text ? await this.extractor.extract(text, input.language) : { language: 'und' as const, reports: [] };
    return this.dataSource.transaction(async (manager) => {
      const urlTaken = input.url !== undefined && (await this.news.newsUrlTaken(manager, input.url));
      const articleId = await this.news.insertArticle(manager, {
        url: input.url ?? null,
        textHash,
        title: input.title ?? null,
        language: extracted.language,
        publishedAt: input.publishedAt ?? null,
        text,
        submittedBy,
        urlConflict: urlTaken,
        origin: 'news',
        feedId: from.feedId ?? null,
      });
      if (articleId === null) {
        // A concurrent ingest of the same text won the race: answer with theirs.
        const stored = await this.findStored(manager, textHash);
        if (stored) return stored;
        throw new DomainError(409, 'ARTICLE_CONFLICT', 'The same article is being stored right now; retry.');
      }
      if (urlTaken) await this.news.flagUrlConflict(manager, input.url!);
      const article = await this.news.findArticle(manager, articleId);
      const current = await this.news.lockPlayersForPricing(
        manager,
        extracted.reports.map((r) => r.player.id).filter((id): id is string => id !== undefined),
      );
      const reports = await this.storeReports(manager, article, extracted.reports, current);
      const repriced = [...new Set(reports.filter((r) => r.status === 'used' && r.playerId !== null).map((r) => r.playerId!))];
      for (const playerId of repriced.sort()) await repricePlayer(manager, playerId, article.id);
      await from.inTransaction?.(manager, { articleId: article.id, reports: reports.length });
      return { created: true, article: toArticleDto(article), reports: reports.map(toReportDto) };
    });
  }

  /**
   * The reports behind a player's price, each with its source (held and rejected ones price
   * nothing and are not shown; starter reports are not shown once the news prices him).
   */
  async reportsForPlayer(playerId: string): Promise<ReportDto[]> {
    const reports = await this.news.usedReportsWithArticle(this.dataSource.manager, playerId);
    return countingReports(reports).map((report) => ({ ...toReportDto(report), source: toSourceDto(report.article) }));
  }

  /** The player's last `limit` prices, oldest first, each with the report and source that caused it (the caller knows he exists). */
  async priceHistory(playerId: string, limit: number): Promise<PriceHistoryDto> {
    const rows = await this.news.priceHistory(this.dataSource.manager, playerId, limit + 1);
    return { items: rows.slice(0, limit).reverse().map(toPricePoint), truncated: rows.length > limit };
  }

  /**
   * Reports by status and by whether they name a registry player, newest first, with the article
   * each came from: the admins' review queue (held) and the players to link (linked = false).
   */
  async listReports(filter: { status?: ReportStatus; linked?: boolean }, limit: number): Promise<ReviewedReportDto[]> {
    const reports = await this.news.listReports(this.dataSource.manager, filter, limit);
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
      const row = await this.news.lockReport(manager, reportId);
      if (!row) throw new ReportNotFoundError();
      if (row.status !== 'held') {
        throw new DomainError(
          409,
          'REPORT_NOT_HELD',
          `This report is already ${row.status === 'used' ? 'pricing its player' : 'rejected'}; only a held report can be decided.`,
        );
      }
      if (row.playerId) await this.news.lockPlayer(manager, row.playerId);
      await this.news.decideReport(manager, reportId, decision === 'accept' ? 'used' : 'rejected', adminId);
      const report = await this.news.findReport(manager, reportId);
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
      const row = await this.news.lockReport(manager, reportId);
      if (!row) throw new ReportNotFoundError();
      if (row.playerId !== null && row.playerId !== playerId) {
        throw new DomainError(409, 'REPORT_ALREADY_LINKED', 'This report already prices another player.');
      }
      if (!(await this.news.lockPlayer(manager, playerId))) throw new NotFoundError('The player', 'PLAYER_NOT_FOUND');
      await this.news.linkReport(manager, reportId, playerId, adminId);
      if (row.status === 'used') await repricePlayer(manager, playerId, row.articleId);
      return toReportDto(await this.news.findReport(manager, reportId));
    });
  }

  private async findStored(manager: EntityManager, textHash: string): Promise<IngestOutcome | null> {
    const article = await this.news.findArticleByTextHash(manager, textHash);
    if (!article) return null;
    const reports = await this.news.reportsOfArticle(manager, article.id);
    return { created: false, article: toArticleDto(article), reports: reports.map(toReportDto) };
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
      return {
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
      };
    });
    return this.news.saveReports(manager, rows);
  }
}
