import { Module } from '@nestjs/common';
import { LeaguesModule } from '@fantamercato/leagues';
import { AuctionCloser } from './auction-closer.js';
import { AuctionSchedule } from './auction-schedule.js';
import { BidLanes } from './bid-lanes.js';
import { MarketController } from './market.controller.js';
import { MarketService } from './market.service.js';

@Module({
  imports: [LeaguesModule],
  controllers: [MarketController],
  providers: [MarketService, AuctionSchedule, AuctionCloser, BidLanes],
  exports: [MarketService],
})
export class MarketModule {}
