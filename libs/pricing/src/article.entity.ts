import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** `news`: an article someone stored (admin, CLI, feed); `starter`: a fact shipped with the product. */
export const ARTICLE_ORIGINS = ['news', 'starter'] as const;
export type ArticleOrigin = (typeof ARTICLE_ORIGINS)[number];

@Entity({ name: 'articles' })
// Stored once, by the hash of its text: a url is a claim anyone can make, so it is looked up, never trusted
// as identity (the partial index on url lives in the migration).
@Index('articles_url_idx', { synchronize: false })
@Check('articles_origin_check', `origin IN ('news', 'starter')`)
export class ArticleEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', nullable: true })
  url: string | null;

  @Index('articles_text_hash_key', { unique: true })
  @Column({ name: 'text_hash', type: 'char', length: 64 })
  textHash: string;

  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Column({ type: 'varchar', length: 3 })
  language: string;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;

  @Column({ type: 'text' })
  text: string;

  /** The admin who stored it (null for the CLI, or once that account is gone). */
  @Column({ name: 'submitted_by', type: 'uuid', nullable: true })
  submittedBy: string | null;

  /** Its url was already stored with other text: one of the two is not what the publisher wrote. */
  @Column({ name: 'url_conflict', type: 'boolean', default: false })
  urlConflict: boolean;

  /** Starter articles are facts the product ships (a report's figure, clubs, date and source url), not a publisher's text. */
  @Column({ type: 'text', default: 'news' })
  origin: ArticleOrigin;

  /** The feed it came from (null: pasted by an admin or the CLI, or that feed was removed). */
  @Column({ name: 'feed_id', type: 'uuid', nullable: true })
  feedId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
