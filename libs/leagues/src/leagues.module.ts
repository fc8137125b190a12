import { Module } from '@nestjs/common';
import { LeagueAnnouncements } from './league-events.js';
import { LeaguesController } from './leagues.controller.js';
import { CommissionerTools } from './commissioner.service.js';
import { LeaguesRepository } from './leagues.repository.js';
import { LeaguesService } from './leagues.service.js';

@Module({
  controllers: [LeaguesController],
  providers: [LeaguesService, LeaguesRepository, CommissionerTools, LeagueAnnouncements],
  exports: [LeaguesService, LeaguesRepository, LeagueAnnouncements],
})
export class LeaguesModule {}
