import { type DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@fantamercato/auth';
import { PricingModule } from '@fantamercato/pricing';
import { FeedsModule } from '@fantamercato/feeds';
import { LeaguesModule } from '@fantamercato/leagues';
import { MarketModule } from '@fantamercato/market';
import { LiveModule } from '@fantamercato/live';
import { type AppConfig, ConfigModule, deploymentChannel, RateLimitsModule } from '@fantamercato/core';
import { dataSourceOptions } from '@fantamercato/schema';
import { HealthController } from './health.controller.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    const pricing = PricingModule.forRoot({ extraction: 'workers' });
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        RateLimitsModule.forRoot(deploymentChannel(databaseUrl)),
        TypeOrmModule.forRoot(dataSourceOptions(databaseUrl, { poolSize: config.databasePoolSize })),
        TerminusModule,
        AuthModule,
        pricing,
        FeedsModule.forRoot(pricing),
        LeaguesModule,
        MarketModule,
        LiveModule,
      ],
      controllers: [HealthController],
    };
  }
}
