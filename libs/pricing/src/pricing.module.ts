import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@fantamercato/core';
import { PlayerEntity, PlayersModule } from '@fantamercato/players';
import { ArticleEntity } from './article.entity.js';
import { ArticleExtractor, InProcessArticleExtractor } from './extraction/article-extractor.js';
import { PooledArticleExtractor } from './extraction/pooled-extractor.js';
import { FeeReportEntity } from './fee-report.entity.js';
import { ExtractRateLimitGuard } from './extract-rate-limit.guard.js';
import { NewsController } from './news.controller.js';
import { NewsRepository } from './news.repository.js';
import { NewsService } from './news.service.js';
import { PlayerDirectory } from './player-directory.js';
import { PlayersController } from './players.controller.js';
import { PriceHistoryEntity } from './price-history.entity.js';
import { StarterReportsLoader } from './starter-reports.loader.js';

export interface PricingOptions {
  /** Worker threads (the API, which must keep answering) or the calling thread (one-shot commands). */
  readonly extraction: 'workers' | 'in-process';
}

@Module({})
export class PricingModule {
  static forRoot(options: PricingOptions): DynamicModule {
    const extractor =
      options.extraction === 'workers'
        ? {
            provide: ArticleExtractor,
            inject: [PlayerDirectory, APP_CONFIG],
            useFactory: (directory: PlayerDirectory, config: AppConfig) =>
              new PooledArticleExtractor(directory, { threads: config.extractWorkers, timeoutMs: config.extractTimeoutMs }),
          }
        : { provide: ArticleExtractor, useClass: InProcessArticleExtractor };
    return {
      module: PricingModule,
      imports: [PlayersModule, TypeOrmModule.forFeature([PlayerEntity, ArticleEntity, FeeReportEntity, PriceHistoryEntity])],
      controllers: [NewsController, PlayersController],
      providers: [NewsService, NewsRepository, PlayerDirectory, extractor, ExtractRateLimitGuard, StarterReportsLoader],
      exports: [NewsService],
    };
  }
}
