import type { ErrorCode } from '@fantamercato/contract';
import { HttpException } from '@nestjs/common';
import { DomainError, type ErrorBody } from './domain-error.js';

const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  408: 'REQUEST_TIMEOUT',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
  503: 'UNAVAILABLE',
};

/**
 * What Fastify refuses while it reads a body, before a route runs, by its error code. Nest's error
 * handler hands them over wrapped in an HttpException (their `cause`), or as they are.
 */
const FASTIFY_ERRORS: Record<string, { status: number; code: ErrorCode; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than 1 MB.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the request body as application/json.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'BAD_REQUEST',
    message: 'The request body length does not match its Content-Length.',
  },
};

function fastifyErrorOf(exception: unknown): (typeof FASTIFY_ERRORS)[string] | undefined {
  for (const candidate of [exception, (exception as { cause?: unknown } | null)?.cause]) {
    const code = (candidate as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && Object.hasOwn(FASTIFY_ERRORS, code)) return FASTIFY_ERRORS[code];
  }
  return undefined;
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/**
 * Maps anything thrown to the public error body. Returns null for failures we did not
 * foresee: those are logged with the request id and answered 500 INTERNAL by the caller.
 */
export function toErrorBody(exception: unknown): ErrorBody | null {
  if (exception instanceof DomainError) {
    return { statusCode: exception.status, code: exception.code, message: exception.message, ...exception.details };
  }
  const refused = fastifyErrorOf(exception);
  if (refused) return { statusCode: refused.status, code: refused.code, message: refused.message };
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    if (statusCode >= 500) return null;
    // A 4xx without a code of its own is a bad request: the body keeps its status, the code stays on the list.
    return { statusCode, code: CODE_BY_STATUS[statusCode] ?? 'BAD_REQUEST', message: messageOf(exception) };
  }
  return null;
}

export function internalErrorBody(requestId?: string): ErrorBody {
  return {
    statusCode: 500,
    code: 'INTERNAL',
    message: requestId
      ? `Something went wrong on our side; quote request id ${requestId} if you report it.`
      : 'Something went wrong on our side.',
  };
}
