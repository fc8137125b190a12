import { bigintEuros } from '@fantamercato/core';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { PlayerEntity } from '@fantamercato/players';
import type { Currency, FeeKind, LinkCandidate, ReportEvidence } from './extract/index.js';
import { ArticleEntity } from './article.entity.js';

export const REPORT_STATUSES = ['used', 'held', 'rejected'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

@Entity({ name: 'fee_reports' })
@Check('fee_reports_kind_check', `kind IN ('asking', 'offer', 'agreed', 'release_clause', 'loan', 'valuation')`)
@Check('fee_reports_addons_check', 'addons_eur >= 0')
@Check('fee_reports_amount_check', 'amount_min > 0 AND amount_min <= amount_max')
@Check('fee_reports_eur_check', 'eur_min > 0 AND eur_min <= eur_max')
@Check('fee_reports_status_check', `status IN ('used', 'held', 'rejected')`)
@Check('fee_reports_held_reason_check', `status <> 'held' OR held_reason IS NOT NULL`)
@Check('fee_reports_evidence_check', `evidence IS NULL OR jsonb_typeof(evidence) = 'object'`)
@Check('fee_reports_candidates_check', `candidates IS NULL OR jsonb_typeof(candidates) = 'array'`)
@Unique('fee_reports_article_position_key', ['article', 'positionInArticle'])
@Index('fee_reports_player_idx', { synchronize: false })
export class FeeReportEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => ArticleEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'article_id', foreignKeyConstraintName: 'fee_reports_article_id_fkey' })
  article: ArticleEntity;

  @Column({ name: 'article_id', type: 'uuid' })
  articleId: string;

  /** Order of the report in its article, so a re-read never doubles it. */
  @Column({ name: 'position_in_article', type: 'integer' })
  positionInArticle: number;

  @ManyToOne(() => PlayerEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'player_id', foreignKeyConstraintName: 'fee_reports_player_id_fkey' })
  player: PlayerEntity | null;

  @Column({ name: 'player_id', type: 'uuid', nullable: true })
  playerId: string | null;

  /** As written in the article; kept even when the player is not in the registry. */
  @Column({ name: 'player_name', type: 'text' })
  playerName: string;

  @Column({ type: 'text' })
  kind: FeeKind;

  @Column({ type: 'char', length: 3 })
  currency: Currency;

  @Column({ name: 'amount_min', type: 'bigint', transformer: bigintEuros })
  amountMin: number;

  @Column({ name: 'amount_max', type: 'bigint', transformer: bigintEuros })
  amountMax: number;

  @Column({ name: 'eur_min', type: 'bigint', transformer: bigintEuros })
  eurMin: number;

  @Column({ name: 'eur_max', type: 'bigint', transformer: bigintEuros })
  eurMax: number;

  @Column({ name: 'addons_eur', type: 'bigint', nullable: true, transformer: bigintEuros })
  addonsEur: number | null;

  @Column({ type: 'boolean' })
  approx: boolean;

  @Column({ name: 'from_club', type: 'text', nullable: true })
  fromClub: string | null;

  @Column({ name: 'to_clubs', type: 'text', array: true, default: () => `'{}'` })
  toClubs: string[];

  @Column({ type: 'text' })
  quote: string;

  /** How the extractor matched the person and paired the figure; null for reports stored before it said. */
  @Column({ type: 'jsonb', nullable: true })
  evidence: ReportEvidence | null;

  /** For a person the registry lacks: registry players of the same surname, for an admin to link. */
  @Column({ type: 'jsonb', nullable: true })
  candidates: LinkCandidate[] | null;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;

  /** `used` prices the player; `held` waits for an admin (it would move the price too far); `rejected` never prices. */
  @Column({ type: 'text', default: 'used' })
  status: ReportStatus;

  @Column({ name: 'held_reason', type: 'text', nullable: true })
  heldReason: string | null;

  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true })
  reviewedBy: string | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
