import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { type AppConfig, ConfigModule, deploymentChannel, RateLimitsModule } from '@fantamercato/core';
import { PricingModule } from '@fantamercato/pricing';
import { dataSourceOptions } from '@fantamercato/schema';

/** The same feature modules as the API, without HTTP: for commands that work on the database. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(config),
        // The pricing controllers' guards need the limits even though the CLI serves no HTTP.
        RateLimitsModule.forRoot(deploymentChannel(databaseUrl)),
        TypeOrmModule.forRoot(dataSourceOptions(databaseUrl, { poolSize: 4 })),
        PricingModule.forRoot({ extraction: 'in-process' }),
      ],
    };
  }
}
