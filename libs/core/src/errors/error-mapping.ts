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

/** Errors raised by body-parser before a route runs carry a `type` we can name precisely. */
const BODY_PARSER_ERRORS: Record<string, { status: number; code: ErrorCode; message: string }> = {
  'entity.parse.failed': { status: 400, code: 'MALFORMED_JSON', message: 'The request body is not valid JSON.' },
  'entity.too.large': { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than 1 MB.' },
  'encoding.unsupported': { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'The body encoding is not supported.' },
  'charset.unsupported': { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'The body charset is not supported; send UTF-8 JSON.' },
  'request.aborted': { status: 400, code: 'REQUEST_ABORTED', message: 'The request was aborted while its body was read.' },
  'request.size.invalid': { status: 400, code: 'BAD_REQUEST', message: 'The request body length does not match its Content-Length.' },
  'entity.verify.failed': { status: 400, code: 'BAD_REQUEST', message: 'The request body was refused.' },
};

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
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    if (statusCode >= 500) return null;
    // A 4xx without a code of its own is a bad request: the body keeps its status, the code stays on the list.
    return { statusCode, code: CODE_BY_STATUS[statusCode] ?? 'BAD_REQUEST', message: messageOf(exception) };
  }
  const parserType = (exception as { type?: unknown } | null)?.type;
  if (typeof parserType === 'string' && parserType in BODY_PARSER_ERRORS) {
    const { status, code, message } = BODY_PARSER_ERRORS[parserType]!;
    return { statusCode: status, code, message };
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
