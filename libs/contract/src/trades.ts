import type { Position } from './players.js';

/**
 * A trade's life: `proposed` (waiting for the receiver until `expiresAt`), then `accepted` (only in
 * leagues with a commissioner's review: it executes at `executesAt` unless vetoed), and one end:
 * `executed`, `rejected` (by the receiver), `withdrawn` (by the proposer), `expired`, `vetoed` (by the
 * commissioner, in the review) or `failed` (a player had changed hands, or a side could no longer
 * take it, when it was to execute: `reason` says which).
 */
export type TradeStatus = 'proposed' | 'accepted' | 'executed' | 'rejected' | 'withdrawn' | 'expired' | 'vetoed' | 'failed';
export const TRADE_STATUSES = [
  'proposed',
  'accepted',
  'executed',
  'rejected',
  'withdrawn',
  'expired',
  'vetoed',
  'failed',
] as const satisfies readonly TradeStatus[];
/** The statuses still waiting for someone (the receiver, or the review's end). */
export const OPEN_TRADE_STATUSES = ['proposed', 'accepted'] as const satisfies readonly TradeStatus[];

export interface TradePlayer {
  id: string;
  name: string;
  position: Position;
}

/**
 * Players each way and money either way: `give` goes from the proposer to the receiver, `take` from
 * the receiver to the proposer; `money` > 0 is paid by the proposer to the receiver, < 0 by the
 * receiver to the proposer (whole euros).
 */
export interface TradeTerms {
  proposerId: string;
  receiverId: string;
  give: TradePlayer[];
  take: TradePlayer[];
  money: number;
}

export interface Trade extends TradeTerms {
  id: string;
  leagueId: string;
  note: string | null;
  status: TradeStatus;
  proposedAt: string;
  expiresAt: string;
  /** While in the commissioner's review (and after): when it executes or executed. */
  executesAt: string | null;
  /** When it left `proposed`. */
  decidedAt: string | null;
  /** A veto's or a failure's reason. */
  reason: string | null;
  serverTime: string;
}
