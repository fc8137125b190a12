import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'articles' })
// Stored once: by url when it has one (partial unique index), and by the hash of its text.
@Index('articles_url_key', { synchronize: false })
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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
