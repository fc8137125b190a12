import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '@fantamercato/core';
import { PlayerEntity } from '@fantamercato/players';
import { ArticleEntity } from './article.entity.js';
import { htmlToText, looksLikeHtml, type ExtractResult, type FeeReport, type Language } from './extract/index.js';
import { ArticleExtractor } from './extraction/article-extractor.js';
import { FeeReportEntity } from './fee-report.entity.js';
import type { ArticleDto, IngestNewsDto, ReportDto } from './news.dto.js';
import { PlayerDirectory } from './player-directory.js';
import { aggregatePrice } from './price-aggregate.js';
import { PriceHistoryEntity } from './price-history.entity.js';

export const MAX_ARTICLE_BYTES = 200 * 1024;

export function toReportDto(report: FeeReportEntity): ReportDto {
  return {
    player: report.playerId ? { id: report.playerId, name: report.playerName } : { name: report.playerName },
    ...(report.fromClub ? { from: report.fromClub } : {}),
    to: report.toClubs,
    kind: report.kind,
    amount: { min: report.amountMin, max: report.amountMax, currency: report.currency },
    eur: { min: report.eurMin, max: report.eurMax },
    ...(report.addonsEur !== null ? { addonsEur: report.addonsEur } : {}),
    approx: report.approx,
    quote: report.quote,
    publishedAt: report.publishedAt.toISOString(),
  };
}

function toArticleDto(article: ArticleEntity): ArticleDto {
  return { id: article.id, language: article.language, url: article.url, title: article.title, publishedAt: article.publishedAt.toISOString() };
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

@Injectable()
export class NewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: PlayerDirectory,
    private readonly extractor: ArticleExtractor,
  ) {}

  /** A dry run: the reports an article holds, stored nowhere. */
  async extract(text: string, language?: Language): Promise<ExtractResult> {
    const plain = articleText(text);
    if (!plain) return { language: language ?? 'und', reports: [] };
    return this.extractor.extract(plain, language);
  }

  /**
   * Stores an article once (by url, else by text), its reports, and the new prices of the players
   * they name — all in one transaction. The same article again returns what was stored.
   */
  async ingest(input: IngestNewsDto): Promise<IngestOutcome> {
    const text = articleText(input.text);
    const textHash = createHash('sha256').update(text).digest('hex');
    const existing = await this.findStored(this.dataSource.manager, input.url, textHash);
    if (existing) return existing;

    const extracted = text ? await this.extractor.extract(text, input.language) : { language: 'und' as const, reports: [] };
    return this.dataSource.transaction(async (manager) => {
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
        })
        .orIgnore() // a concurrent ingest of the same article won the race: answer with theirs
        .returning('*')
        .execute();
      if (inserted.raw.length === 0) {
        const stored = await this.findStored(manager, input.url, textHash);
        if (stored) return stored;
        throw new DomainError(409, 'ARTICLE_CONFLICT', 'Another article with this url or text is being stored; retry.');
      }
      const article = await manager.findOneByOrFail(ArticleEntity, { id: inserted.raw[0].id });
      const reports = await this.storeReports(manager, article, extracted.reports);
      await this.repricePlayers(manager, article, reports);
      return { created: true, article: toArticleDto(article), reports: reports.map(toReportDto) };
    });
  }

  async reportsForPlayer(playerId: string): Promise<ReportDto[]> {
    const reports = await this.dataSource.manager.find(FeeReportEntity, {
      where: { playerId },
      order: { publishedAt: 'DESC', createdAt: 'DESC' },
    });
    return reports.map(toReportDto);
  }

  private async findStored(manager: EntityManager, url: string | undefined, textHash: string): Promise<IngestOutcome | null> {
    const article =
      (url ? await manager.findOneBy(ArticleEntity, { url }) : null) ?? (await manager.findOneBy(ArticleEntity, { textHash }));
    if (!article) return null;
    const reports = await manager.find(FeeReportEntity, { where: { articleId: article.id }, order: { positionInArticle: 'ASC' } });
    return { created: false, article: toArticleDto(article), reports: reports.map(toReportDto) };
  }

  private async storeReports(manager: EntityManager, article: ArticleEntity, reports: FeeReport[]): Promise<FeeReportEntity[]> {
    if (reports.length === 0) return [];
    const rows = reports.map((report, position) =>
      manager.create(FeeReportEntity, {
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
        publishedAt: article.publishedAt,
      }),
    );
    return manager.save(FeeReportEntity, rows);
  }

  /** Each named player's price is recomputed from all his reports, under his row lock. */
  private async repricePlayers(manager: EntityManager, article: ArticleEntity, reports: FeeReportEntity[]): Promise<void> {
    const playerIds = [...new Set(reports.map((r) => r.playerId).filter((id): id is string => id !== null))].sort();
    if (playerIds.length === 0) return;
    const [{ now }] = await manager.query(`SELECT now() AS now`);
    for (const playerId of playerIds) {
      await manager.createQueryBuilder(PlayerEntity, 'p').setLock('pessimistic_write').where('p.id = :playerId', { playerId }).getOne();
      const all = await manager.find(FeeReportEntity, { where: { playerId }, select: { kind: true, eurMin: true, eurMax: true, publishedAt: true } });
      const eur = aggregatePrice(all, new Date(now));
      if (eur === null) continue;
      await manager.update(PlayerEntity, { id: playerId }, { priceEur: eur, priceReports: all.length, priceUpdatedAt: () => 'now()' });
      await manager.insert(PriceHistoryEntity, { playerId, eur, reports: all.length, articleId: article.id });
    }
  }
}
