import { Module } from '@nestjs/common';
import { LeaguesModule } from '@fantamercato/leagues';
import { AuctionCloser } from './auction-closer.js';
import { AuctionSchedule } from './auction-schedule.js';
import { MarketController } from './market.controller.js';
import { MarketService } from './market.service.js';

@Module({
  imports: [LeaguesModule],
  controllers: [MarketController],
  providers: [MarketService, AuctionSchedule, AuctionCloser],
  exports: [MarketService],
})
export class MarketModule {}
