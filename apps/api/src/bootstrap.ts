import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { type AppConfig, configureHttp, createHttpAdapter, createRootLogger, deploymentChannel, NestPinoLogger } from '@fantamercato/core';
import { RedisIoAdapter } from '@fantamercato/live';
import { AppModule } from './app.module.js';
import { serveWebClient } from './web.js';

export const OPENAPI_PATH = 'api/docs';

function setupOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Fantamercato API')
      .setDescription('Players priced from the news, leagues and live auctions. Errors are {statusCode, code, message}.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup(OPENAPI_PATH, app, document, { jsonDocumentUrl: `${OPENAPI_PATH}/openapi.json` });
}

/**
 * Builds the whole HTTP application on an already migrated database. main.ts and the e2e
 * tests both start here, so the tests exercise the same edge (parser, pipes, filter) users hit.
 */
export async function createApi(config: AppConfig, databaseUrl: string): Promise<NestFastifyApplication> {
  const logger = createRootLogger(config.logLevel, undefined, config.logFormat);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, databaseUrl),
    createHttpAdapter({ trustProxy: config.trustProxy }),
    {
      bodyParser: false, // the edge registers its own JSON-only parser
      abortOnError: false,
      logger: new NestPinoLogger(logger),
    },
  );
  configureHttp(app, { logger });
  serveWebClient(app); // the browser client at `/`, when it has been built
  if (config.redisUrl) {
    // Processes that share the database share live traffic; other deployments on the same Redis do not.
    const adapter = new RedisIoAdapter(app, config.redisUrl, deploymentChannel(databaseUrl));
    await adapter.connect();
    app.useWebSocketAdapter(adapter);
  }
  setupOpenApi(app);
  // Node closes an idle keep-alive connection after 5 s, racing a client (or proxy) that reuses it
  // at that moment: the request dies with "other side closed". Idle connections live longer than
  // any usual proxy's own idle timeout (60 s), and the header limit has to exceed it.
  const server = app.getHttpServer();
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return app;
}
