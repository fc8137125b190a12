import type { ErrorBody, ErrorCode } from '@fantamercato/contract';

/** Codes the client gives its own failures (no answer, not connected, signed out): never sent by the server. */
export const CLIENT_CODES = ['NETWORK', 'OFFLINE', 'TIMEOUT', 'SIGNED_OUT'] as const;
export type ClientCode = (typeof CLIENT_CODES)[number];

/** A refusal: the contract's error body (stable `code`, extra fields such as minBid), or the client's own. */
export interface ErrorAnswer extends Pick<
  ErrorBody,
  'fields' | 'requestId' | 'retryAfterSeconds' | 'minBid' | 'available' | 'position' | 'displayName' | 'limit'
> {
  code: ErrorCode | ClientCode;
  message: string;
  statusCode?: number;
  [extra: string]: unknown;
}
