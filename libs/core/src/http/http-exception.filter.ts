import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { internalErrorBody, toErrorBody } from '../errors/error-mapping.js';
import type { ErrorBody } from '../errors/domain-error.js';

type RequestWithId = Request & { id?: unknown };

/** Writes an error answer; also used by the body-parser error handler that runs before Nest's routing. */
export function sendError(exception: unknown, req: RequestWithId, res: Response, logger: Logger): void {
  let body: ErrorBody | null = toErrorBody(exception);
  if (!body) {
    const requestId = req.id === undefined ? undefined : String(req.id);
    logger.error({ err: exception, requestId, method: req.method, url: req.originalUrl }, 'unexpected failure');
    body = internalErrorBody(requestId);
  }
  if (res.headersSent) return;
  if (typeof body.retryAfterSeconds === 'number') res.setHeader('Retry-After', String(body.retryAfterSeconds));
  res.status(body.statusCode).json(body);
}

/** The one global filter: every HTTP error body is `{statusCode, code, message, …}` with no stack. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    sendError(exception, http.getRequest<RequestWithId>(), http.getResponse<Response>(), this.logger);
  }
}
