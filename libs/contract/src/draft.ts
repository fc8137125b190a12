/** A league's market: `open` (any manager opens an auction at any time) or `turns` (a draft session calls them in turn). */
export type MarketMode = 'open' | 'turns';
export const MARKET_MODES = ['open', 'turns'] as const satisfies readonly MarketMode[];

/** What a manager gets back when he releases a player: nothing, half or all of what he paid, or the player's current price (at most what he paid). */
export type ReleaseRefund = 'none' | 'half' | 'full' | 'price';
export const RELEASE_REFUNDS = ['none', 'half', 'full', 'price'] as const satisfies readonly ReleaseRefund[];

/** A sealed window's ties: the earliest bid, or the manager lower in budget (then the earliest). */
export type SealedTieBreak = 'earliest' | 'lower_budget';
export const SEALED_TIE_BREAKS = ['earliest', 'lower_budget'] as const satisfies readonly SealedTieBreak[];

export interface MarketRules {
  mode: MarketMode;
  releaseRefund: ReleaseRefund;
  sealedTieBreak: SealedTieBreak;
  /** Seconds an accepted trade waits for the commissioner's veto before it executes; 0: it executes on acceptance. */
  tradeReviewSeconds: number;
  /**
   * The real competitions the league plays (Transfermarkt codes: IT1 Serie A, GB1 Premier League,
   * ES1 LaLiga, L1 Bundesliga, FR1 Ligue 1); a player whose agreed move takes him to a club outside
   * them has left the league (`player.transferred`).
   */
  competitions: string[];
  /** What a release of a player who left the league's competitions gives back (default: all he cost). */
  transferRefund: ReleaseRefund;
}

export interface SealedBid {
  playerId: string;
  playerName: string;
  userId: string;
  amount: number;
  placedAt: string;
  /** After the close: what came of it (skipped: it would have broken his budget or quotas). */
  outcome?: 'won' | 'lost' | 'skipped';
}

/**
 * A sealed-bid window. While open, `bids` holds only the caller's own; once closed, every bid,
 * revealed with its outcome.
 */
export interface SealedWindow {
  id: string;
  leagueId: string;
  status: 'open' | 'closed';
  closesAt: string;
  /** The players on offer; null: any available player. */
  playerIds: string[] | null;
  openedBy: string;
  openedAt: string;
  closedAt: string | null;
  bids: SealedBid[];
  serverTime: string;
}

/** What happens when the nomination clock runs out: the turn passes, or the game calls for the manager. */
export type WhenIdle = 'skip' | 'auto';
export const WHEN_IDLE = ['skip', 'auto'] as const satisfies readonly WhenIdle[];

export type DraftStatus = 'running' | 'paused' | 'ended';

/** A draft session: the league's whole auction, one lot at a time, managers calling players in turn. */
export interface Draft {
  id: string;
  leagueId: string;
  status: DraftStatus;
  /** The managers' user ids in calling order. */
  order: string[];
  /** 1 for the first pass through the order, 2 for the second … */
  round: number;
  /** Who calls the next player (null while a lot runs, and once ended). */
  onClock: string | null;
  /** Until when he may call (null while a lot runs, while paused, and once ended). */
  clockEndsAt: string | null;
  /** The auction of the lot being bid on now, if any. */
  lotAuctionId: string | null;
  nominationSeconds: number;
  whenIdle: WhenIdle;
  /** While paused: since when, and how much of the nomination clock or of the lot was left. */
  pausedAt: string | null;
  remainingSeconds: number | null;
  startedBy: string;
  startedAt: string;
  endedAt: string | null;
  /** `complete`: every squad is full; `ended`: the commissioner ended it. */
  endReason: 'complete' | 'ended' | null;
  /** The server's clock when this was read, for an exact countdown. */
  serverTime: string;
}
