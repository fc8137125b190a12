import { Module } from '@nestjs/common';
import { LeagueAnnouncements } from './league-events.js';
import { LeaguesController } from './leagues.controller.js';
import { LeaguesService } from './leagues.service.js';

@Module({
  controllers: [LeaguesController],
  providers: [LeaguesService, LeagueAnnouncements],
  exports: [LeaguesService, LeagueAnnouncements],
})
export class LeaguesModule {}
