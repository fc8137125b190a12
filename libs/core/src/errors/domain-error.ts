import type { ErrorCode } from '@fantamercato/contract';
/**
 * A refusal the client can act on: a stable UPPER_SNAKE `code`, the HTTP status it maps to,
 * a human sentence, and optional extra fields that are merged into the error body
 * (for example `minBid` on BID_TOO_LOW or `fields` on VALIDATION_FAILED).
 * The same code travels over HTTP and in Socket.IO acks.
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    // An expected refusal (hundreds a second on a hot auction) needs no stack trace: capturing one
    // was measurable in the bid path's profile. Other errors keep theirs.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.name = 'DomainError';
  }
}

export interface FieldProblem {
  field: string;
  problems: string[];
}

export class ValidationFailedError extends DomainError {
  constructor(fields: FieldProblem[], message?: string) {
    super(400, 'VALIDATION_FAILED', message ?? `Invalid request: ${fields.map((f) => f.problems.join(', ')).join('; ')}.`, { fields });
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, code: ErrorCode = 'NOT_FOUND') {
    super(404, code, `${what} was not found.`);
  }
}

/** The body every error answer has, over HTTP and in socket acks: the contract's `ErrorBody`. */
export type { ErrorBody } from '@fantamercato/contract';
