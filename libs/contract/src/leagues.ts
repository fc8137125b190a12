import type { Draft, MarketRules, ReleaseRefund } from './draft.js';
import type { Auction } from './market.js';
import type { Position } from './players.js';
import type { TradeTerms } from './trades.js';

/** Squad rules: the size, and [at least, at most] per position. */
export interface RosterRules {
  size: number;
  GK: [number, number];
  DEF: [number, number];
  MID: [number, number];
  FWD: [number, number];
}

export interface AuctionRules {
  durationSeconds: number;
  extendSeconds: number;
  minIncrement: number;
  minPrice: number;
  /** Standing max bids: a manager may leave a private maximum the game bids up to for him. */
  maxBids: boolean;
}

/** Local wall-clock times "HH:MM" in an IANA time zone; `from` later than `to` spans midnight (23:00–08:00). */
export interface QuietHours {
  from: string;
  to: string;
  timeZone: string;
}

export interface League {
  id: string;
  name: string;
  inviteCode: string;
  commissionerId: string;
  maxManagers: number;
  budget: number;
  roster: RosterRules;
  auction: AuctionRules;
  market: MarketRules;
  /** A daily window (league time zone) in which no auction closes and no nomination clock runs out; null: none. */
  quietHours: QuietHours | null;
  /** The latest event seq. */
  lastSeq: number;
  createdAt: string;
}

export interface RosterEntry {
  player: { id: string; name: string; position: Position };
  price: number;
  /** His agreed move took him out of the league's competitions: a release refunds by `market.transferRefund`. */
  leftTheLeague?: true;
}

export interface Manager {
  userId: string;
  displayName: string;
  /** The starting budget minus what the manager has spent. */
  budget: number;
  /** The most the manager may bid now on a player they do not lead. */
  available: number;
  /** Sum of the bids the manager leads. */
  committed: number;
  roster: RosterEntry[];
}

export interface LeagueDetail extends League {
  managers: Manager[];
}

export interface Membership {
  leagueId: string;
  userId: string;
  displayName: string;
  budget: number;
  available: number;
  joinedAt: string;
  league: League;
}

/** The news report behind a move of the real market, with its source. */
export interface MarketReport {
  articleId: string;
  url: string | null;
  title: string | null;
  quote: string | null;
  publishedAt: string;
}

/** What each kind of league event carries. */
export interface LeagueEventData {
  'member.joined': { userId: string; displayName: string };
  /** `auto`: called by the game for the manager on the clock, whose nomination time ran out. */
  'auction.opened': { auction: Auction; auto?: true };
  'bid.accepted': { auctionId: string; amount: number; bidderId: string; endsAt: string };
  'auction.closed': { auctionId: string; winnerId?: string; price?: number };
  /** The commissioner's tools: each names who did it (`by`) and why (`reason`). */
  'sale.undone': { playerId: string; playerName: string; userId: string; price: number; by: string; reason: string };
  'player.assigned': {
    playerId: string;
    playerName: string;
    position: Position;
    userId: string;
    price: number;
    by: string;
    reason: string;
  };
  'budget.adjusted': { userId: string; delta: number; budget: number; by: string; reason: string };
  'commissioner.changed': { from: string; to: string; by: string; reason: string };
  /** A manager let a player go: he is back in the pool; `refund` is what the league's rule (`rule`) gave back of `paid`. */
  'player.released': {
    playerId: string;
    playerName: string;
    position: Position;
    userId: string;
    paid: number;
    refund: number;
    rule: ReleaseRefund;
    /** He had left the league's competitions: refunded by `market.transferRefund`. */
    leftTheLeague?: true;
  };
  /**
   * Stored news repriced a player owned or on auction in this league: his price before (null: his
   * position's default) and now, and the report that moved it with its source.
   */
  'player.repriced': {
    playerId: string;
    playerName: string;
    oldPrice: number | null;
    newPrice: number;
    report: MarketReport | null;
  };
  /**
   * A stored agreed report moves a player owned here to a club outside the league's competitions:
   * his owner may release him under `market.transferRefund` (`refund`: what that gives back now).
   */
  'player.transferred': {
    playerId: string;
    playerName: string;
    userId: string;
    toClub: string;
    fee: number;
    report: MarketReport;
    rule: ReleaseRefund;
    refund: number;
  };
  /** The commissioner opened a sealed-bid window (its bids stay sealed until `window.closed`). */
  'window.opened': { windowId: string; closesAt: string; playerIds: string[] | null; by: string };
  /** The window closed: every bid revealed, with its outcome, and who got whom for what. */
  'window.closed': {
    windowId: string;
    won: { playerId: string; playerName: string; userId: string; amount: number }[];
    bids: { playerId: string; userId: string; amount: number; outcome: 'won' | 'lost' | 'skipped' }[];
  };
  /** Trades: each step is in the log (the league sees its market); the two managers also get `trade.updated`. */
  'trade.proposed': TradeTerms & { tradeId: string; expiresAt: string };
  /** The receiver accepted: it executes now (`executesAt` null) or, in a league with a review, at `executesAt` unless vetoed. */
  'trade.accepted': { tradeId: string; executesAt: string | null };
  'trade.rejected': { tradeId: string; by: string };
  'trade.withdrawn': { tradeId: string; by: string };
  'trade.expired': { tradeId: string };
  'trade.vetoed': { tradeId: string; by: string; reason: string };
  /** Everything moved at once: the players each way, and the money. */
  'trade.executed': TradeTerms & { tradeId: string };
  /** It could not execute: a player had changed hands, a manager had left, or a side could no longer take it. */
  'trade.failed': { tradeId: string; reason: string };
  /** A manager removed by the commissioner: his players (`playerIds`) went back to the pool, their prices refunded to nobody. */
  'member.removed': { userId: string; displayName: string; playerIds: string[]; by: string; reason: string };
  /** Draft night. */
  'draft.started': { draft: Draft; by: string };
  /**
   * Someone is on the clock until `clockEndsAt` (null while the draft is paused: his clock starts on
   * resume); `skipped`: the manager whose clock ran out before him (whenIdle skip).
   */
  'draft.turn': { draftId: string; userId: string; round: number; clockEndsAt: string | null; skipped?: string };
  /** `remainingSeconds`: what was left of the lot (`lotAuctionId`) or of the nomination clock. */
  'draft.paused': { draftId: string; lotAuctionId: string | null; remainingSeconds: number; by: string; reason: string };
  /** The clock runs again: the lot until `endsAt`, or the nomination clock until `clockEndsAt`. */
  'draft.resumed': {
    draftId: string;
    lotAuctionId: string | null;
    endsAt: string | null;
    clockEndsAt: string | null;
    by: string;
    reason: string;
  };
  /** `complete`: every squad is full; `ended`: the commissioner ended it (`by`, `reason`). */
  'draft.ended': { draftId: string; endReason: 'complete' | 'ended'; by?: string; reason?: string };
}
export type LeagueEventType = keyof LeagueEventData;
export const LEAGUE_EVENT_TYPES = [
  'member.joined',
  'auction.opened',
  'bid.accepted',
  'auction.closed',
  'sale.undone',
  'player.assigned',
  'budget.adjusted',
  'commissioner.changed',
  'member.removed',
  'player.released',
  'player.repriced',
  'player.transferred',
  'window.opened',
  'window.closed',
  'trade.proposed',
  'trade.accepted',
  'trade.rejected',
  'trade.withdrawn',
  'trade.expired',
  'trade.vetoed',
  'trade.executed',
  'trade.failed',
  'draft.started',
  'draft.turn',
  'draft.paused',
  'draft.resumed',
  'draft.ended',
] as const satisfies readonly LeagueEventType[];

/** One line of a league's log, discriminated by `type`: `seq` is gapless per league, from 1. */
export type LeagueEvent = {
  [T in LeagueEventType]: {
    seq: number;
    leagueId: string;
    type: T;
    /** Server time of the change (its transaction's), ISO-8601 UTC. */
    at: string;
    data: LeagueEventData[T];
  };
}[LeagueEventType];
