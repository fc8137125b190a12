import { bigintEuros } from '@fantamercato/core';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PlayerEntity } from '@fantamercato/players';
import { ArticleEntity } from './article.entity.js';

/** Every price a player has had from the news, oldest first. */
@Entity({ name: 'player_price_history' })
@Check('player_price_history_eur_check', 'eur > 0')
@Index('player_price_history_player_idx', ['playerId', 'at'])
export class PriceHistoryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @ManyToOne(() => PlayerEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'player_id', foreignKeyConstraintName: 'player_price_history_player_id_fkey' })
  player: PlayerEntity;

  @Column({ name: 'player_id', type: 'uuid' })
  playerId: string;

  @Column({ type: 'bigint', transformer: bigintEuros })
  eur: number;

  @Column({ type: 'integer' })
  reports: number;

  /** The price before this one (null: he had none from reports, only his position's default). */
  @Column({ name: 'previous_eur', type: 'bigint', nullable: true, transformer: bigintEuros })
  previousEur: number | null;

  @ManyToOne(() => ArticleEntity, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'article_id', foreignKeyConstraintName: 'player_price_history_article_id_fkey' })
  article: ArticleEntity | null;

  @Column({ name: 'article_id', type: 'uuid', nullable: true })
  articleId: string | null;

  /** The reports this price was made from (the `used` ones at that moment). */
  @Column({ name: 'report_ids', type: 'uuid', array: true, default: () => `'{}'` })
  reportIds: string[];

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
