import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { type AppConfig, ConfigModule, deploymentChannel, RateLimitsModule } from '@fantamercato/core';
import { FeedsModule } from '@fantamercato/feeds';
import { PricingModule } from '@fantamercato/pricing';
import { dataSourceOptions } from '@fantamercato/schema';

/** The same feature modules as the API, without HTTP: for commands that work on the database. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    const pricing = PricingModule.forRoot({ extraction: 'in-process' });
    return {
      module: CliModule,
      imports: [
        // A command polls only what it is told to: the background poller is the API's.
        ConfigModule.forRoot({ ...config, feedPolling: false }),
        // The pricing controllers' guards need the limits even though the CLI serves no HTTP.
        RateLimitsModule.forRoot(deploymentChannel(databaseUrl)),
        TypeOrmModule.forRoot(dataSourceOptions(databaseUrl, { poolSize: 4 })),
        pricing,
        FeedsModule.forRoot(pricing),
      ],
    };
  }
}
