import { Module } from '@nestjs/common';
import { AuthModule } from '@fantamercato/auth';
import { LeaguesModule } from '@fantamercato/leagues';
import { MarketModule } from '@fantamercato/market';
import { LeagueEventLog } from './league-event-log.js';
import { LiveGateway } from './live.gateway.js';

@Module({
  imports: [AuthModule, LeaguesModule, MarketModule],
  providers: [LiveGateway, LeagueEventLog],
})
export class LiveModule {}
