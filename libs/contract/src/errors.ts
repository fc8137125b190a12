/**
 * Every error `code` the API answers, over HTTP and in Socket.IO acks: the contract's one list.
 * Server code can only raise a code on it (`DomainError` takes an `ErrorCode`), and the web's
 * wording of each is an exhaustive switch, so a new code is a compile error until it is named.
 */
export const ERROR_CODES = [
  // the edge
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'BAD_REQUEST',
  'REQUEST_ABORTED',
  'UNAUTHORIZED',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'NOT_ACCEPTABLE',
  'REQUEST_TIMEOUT',
  'CONFLICT',
  'UNPROCESSABLE',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'INTERNAL',
  'UNKNOWN_EVENT',
  // accounts and sessions
  'EMAIL_TAKEN',
  'INVALID_CREDENTIALS',
  'UNAUTHENTICATED',
  'INVALID_TOKEN',
  'TOKEN_EXPIRED',
  'INVALID_REFRESH_TOKEN',
  'SESSION_EXPIRED',
  'SESSION_REVOKED',
  'FORBIDDEN',
  // news and prices
  'TEXT_TOO_COMPLEX',
  'EXTRACTION_BUSY',
  'REPORT_NOT_FOUND',
  'REPORT_NOT_HELD',
  'REPORT_ALREADY_LINKED',
  'PLAYER_NOT_FOUND',
  'ARTICLE_CONFLICT',
  // leagues
  'INVITE_NOT_FOUND',
  'LEAGUE_FULL',
  'LEAGUE_NOT_FOUND',
  'DISPLAY_NAME_TAKEN',
  'TOO_MANY_LEAGUES',
  // auctions and bids
  'AUCTION_NOT_FOUND',
  'PLAYER_UNAVAILABLE',
  'TOO_MANY_OPEN_AUCTIONS',
  'AUCTION_CLOSED',
  'ALREADY_LEADING',
  'BID_TOO_LOW',
  'ROSTER_FULL',
  'POSITION_FULL',
  'INSUFFICIENT_BUDGET',
  // the commissioner's tools
  'NOT_COMMISSIONER',
  'MEMBER_NOT_FOUND',
  'PLAYER_NOT_OWNED',
  'BUDGET_TOO_LOW',
  'MEMBER_LEADS_AUCTIONS',
  'REMOVED_FROM_LEAGUE',
  // draft night
  'NOT_A_TURNS_LEAGUE',
  'DRAFT_NOT_FOUND',
  'DRAFT_ALREADY_RUNNING',
  'DRAFT_NOT_RUNNING',
  'DRAFT_PAUSED',
  'DRAFT_NOT_PAUSED',
  'NOT_YOUR_TURN',
  'AUCTION_PAUSED',
  'MAX_BIDS_OFF',
  // the season's market
  'WINDOW_NOT_FOUND',
  'WINDOW_ALREADY_OPEN',
  'WINDOW_CLOSED',
  'PLAYER_NOT_ON_OFFER',
  'TRADE_NOT_FOUND',
  'NOT_TRADE_PARTY',
  'TRADE_NOT_OPEN',
  'TRADE_NOT_IN_REVIEW',
  'TRADE_NO_LONGER_VALID',
  'TRADE_BREAKS_SQUAD',
  'TRADE_UNAFFORDABLE',
  'TOO_MANY_TRADES',
  'PLAYER_LEFT_LEAGUE',
  // feeds
  'FEED_NOT_FOUND',
  'FEED_EXISTS',
  'FEED_ADDRESS_REFUSED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}

export interface FieldProblem {
  field: string;
  problems: string[];
}

/**
 * A refusal: the `error` of a refused Socket.IO ack, `{code, message}` plus the fields some codes
 * carry (`minBid` on BID_TOO_LOW, `available` on INSUFFICIENT_BUDGET, `position` on POSITION_FULL,
 * `retryAfterSeconds` on RATE_LIMITED, `fields` on VALIDATION_FAILED …).
 */
export interface Refusal {
  code: ErrorCode;
  message: string;
  fields?: FieldProblem[];
  requestId?: string;
  retryAfterSeconds?: number;
  minBid?: number;
  available?: number;
  position?: string;
  displayName?: string;
  limit?: number;
  [extra: string]: unknown;
}

/** Every HTTP error body: a refusal with its status. */
export interface ErrorBody extends Refusal {
  statusCode: number;
}
