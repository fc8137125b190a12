import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PlayerEntity, PlayersModule } from '@fantamercato/players';
import { ArticleEntity } from './article.entity.js';
import { FeeReportEntity } from './fee-report.entity.js';
import { NewsController } from './news.controller.js';
import { NewsService } from './news.service.js';
import { PlayerDirectory } from './player-directory.js';
import { PlayersController } from './players.controller.js';
import { PriceHistoryEntity } from './price-history.entity.js';

@Module({
  imports: [PlayersModule, TypeOrmModule.forFeature([PlayerEntity, ArticleEntity, FeeReportEntity, PriceHistoryEntity])],
  controllers: [NewsController, PlayersController],
  providers: [NewsService, PlayerDirectory],
  exports: [NewsService],
})
export class PricingModule {}
