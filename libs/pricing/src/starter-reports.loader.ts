import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { loadStarterReportsIfMissing } from './starter-reports.js';

/** The starter reports are stored once, on the first start that finds none (after the registry). */
@Injectable()
export class StarterReportsLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger('Pricing');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    const loaded = await loadStarterReportsIfMissing(this.dataSource);
    if (loaded) this.logger.log(`stored the starter reports: ${loaded.reports} reports price ${loaded.players} players`);
  }
}
