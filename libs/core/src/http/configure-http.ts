import { Logger, type INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { Logger as Pino } from 'pino';
import type { TrustProxy } from '../config/config.js';
import { DomainError, ValidationFailedError } from '../errors/domain-error.js';
import { inputProblems, STRUCTURE_ONLY } from '../input/input-rules.js';
import { HttpExceptionFilter, sendError } from './http-exception.filter.js';
import { httpLogger } from './logging.js';
import { AppValidationPipe } from './validation.js';

export const API_PREFIX = 'api/v1';
export const BODY_LIMIT = '1mb';

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A body that is there but is not JSON is refused before anything reads it. */
function requireJsonBodies(req: Request, _res: Response, next: NextFunction): void {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (METHODS_WITH_BODY.has(req.method) && hasBody && !req.is('application/json')) {
    next(new DomainError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json.'));
    return;
  }
  next();
}

/**
 * Right after JSON.parse (which does not recurse, whatever the depth), before any guard, pipe or
 * logger walks the body: too deep, prototype-shaped keys, unsafe numbers. The pipe applies the
 * rest of the input rules (null, NUL) once it knows the route's DTO.
 */
function refuseHostileStructure(req: Request, _res: Response, next: NextFunction): void {
  const problems = req.body === undefined ? [] : inputProblems(req.body, STRUCTURE_ONLY);
  next(problems.length > 0 ? new ValidationFailedError(problems) : undefined);
}

/**
 * The HTTP edge shared by the API and the e2e tests: request ids and logs, security headers, a 1 MB JSON body
 * parser whose failures answer in the same error shape as everything else, the global
 * validation pipe and exception filter, and the /api/v1 prefix.
 */
export function configureHttp(app: INestApplication, options: { trustProxy: TrustProxy; logger: Pino }): void {
  const logger = new Logger('Http');
  const server = app.getHttpAdapter().getInstance() as express.Express;
  server.disable('x-powered-by');
  if (options.trustProxy !== false)
    server.set('trust proxy', typeof options.trustProxy === 'number' ? options.trustProxy : [...options.trustProxy]);
  app.use(httpLogger(options.logger));
  app.use(helmet());
  app.use(requireJsonBodies);
  // strict:false lets `"text"` or `[1]` parse, so they can be refused as VALIDATION_FAILED
  // (JSON that is not an object) rather than as malformed JSON.
  app.use(express.json({ limit: BODY_LIMIT, strict: false }));
  app.use(refuseHostileStructure);
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => sendError(error, req, res, logger));
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(new AppValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
}
