import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { internalErrorBody, toErrorBody } from '../errors/error-mapping.js';
import type { ErrorBody } from '../errors/domain-error.js';

/** Writes an error answer, for routes and for what Fastify refuses before them (through Nest's error handler). */
export function sendError(exception: unknown, req: FastifyRequest, reply: FastifyReply, logger: Logger): void {
  let body: ErrorBody | null = toErrorBody(exception);
  if (!body) {
    const requestId = req.id;
    logger.error({ err: exception, requestId, method: req.method, url: req.originalUrl }, 'unexpected failure');
    body = internalErrorBody(requestId);
  }
  if (reply.sent || reply.raw.headersSent) return;
  if (typeof body.retryAfterSeconds === 'number') reply.header('Retry-After', String(body.retryAfterSeconds));
  // A handler may have set another type (a CSV export) before it failed: the error is JSON.
  void reply.status(body.statusCode).type('application/json; charset=utf-8').send(body);
}

/** The one global filter: every HTTP error body is `{statusCode, code, message, …}` with no stack. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    sendError(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger);
  }
}
