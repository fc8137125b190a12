import type { Player } from './players.js';

export const FEE_KINDS = ['asking', 'offer', 'agreed', 'release_clause', 'loan', 'valuation'] as const;
export type FeeKind = (typeof FEE_KINDS)[number];
export const REPORT_STATUSES = ['used', 'held', 'rejected'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const ARTICLE_ORIGINS = ['news', 'starter'] as const;
export type ArticleOrigin = (typeof ARTICLE_ORIGINS)[number];

export interface ReportEvidence {
  link: string;
  pairing: string;
  kindCue?: string;
  kindDefaulted: boolean;
  mention: string;
  kindRule?: FeeKind;
}

export interface LinkCandidate {
  id?: string;
  name: string;
  club?: string;
}

/** Where a stored report came from: the page (url, title) and whether it is news or starter data. */
export interface ReportSource {
  url: string | null;
  title: string | null;
  origin: ArticleOrigin;
}

export interface Report {
  /** False: the priced person is not in the registry (player has a name, no id). */
  linked?: boolean;
  /** Absent in a dry run (nothing is stored). */
  id?: string;
  status?: ReportStatus;
  heldReason?: string;
  player: { id?: string; name: string };
  from?: string;
  to: string[];
  kind: FeeKind;
  amount: { min: number; max: number; currency: string };
  eur: { min: number; max: number };
  addonsEur?: number;
  approx: boolean;
  quote: string;
  evidence?: ReportEvidence;
  explanation?: string[];
  candidates?: LinkCandidate[];
  publishedAt?: string;
  /** On a player's reports: the article it came from. */
  source?: ReportSource;
}

export interface Article {
  id: string;
  language: string;
  url: string | null;
  title: string | null;
  publishedAt: string;
  urlConflict: boolean;
  origin: ArticleOrigin;
  /** The feed it was polled from (absent: pasted by an admin or the CLI). */
  feedId?: string;
}

export interface ReviewedReport extends Report {
  article: Article;
  submittedBy: string | null;
}

export interface ReportList {
  items: ReviewedReport[];
}

export interface ExtractResult {
  language: string;
  reports: Report[];
}

export interface IngestResult {
  article: Article;
  reports: Report[];
}

/** `GET /players/:id`: the player and the reports behind his price, newest first. */
export interface PlayerDetail extends Player {
  reports: Report[];
}

/** The report behind a price change, with the page it came from. */
export interface PricePointReport {
  id: string;
  quote: string;
  kind: FeeKind;
  source: ReportSource;
  publishedAt: string;
}

/** One price a player had: from `at` on, `priceEur` (null: unpriced), replacing `previousEur` (null: none from reports). */
export interface PricePoint {
  at: string;
  priceEur: number | null;
  previousEur: number | null;
  /** The report that caused the change (null: its article is gone). */
  report: PricePointReport | null;
}

/** `GET /players/:id/prices`: the player's last `limit` prices, oldest first. */
export interface PriceHistory {
  items: PricePoint[];
  /** True: older prices were left off (a larger `limit` shows more). */
  truncated: boolean;
}
