import { bigintEuros } from '@fantamercato/core';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Position } from './registry-file.js';

@Entity({ name: 'players' })
@Check('players_position_check', `position IN ('GK', 'DEF', 'MID', 'FWD')`)
@Check('players_name_check', `btrim(name) <> ''`)
@Check('players_price_eur_check', 'price_eur > 0')
@Check('players_price_reports_check', 'price_reports >= 0')
// Accent-insensitive substring search over name and aliases; the trigram index lives in the migration.
@Index('players_search_trgm', { synchronize: false })
// GIN over merged_refs (players:merge), also in its migration.
@Index('players_merged_refs_idx', { synchronize: false })
// Keyset pagination walks (name, id).
@Index('players_name_id_idx', ['name', 'id'])
export class PlayerEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The external key the registry upserts by: tm:<id>, fc:<id> or fpl:<code>. */
  @Index('players_ref_key', { unique: true })
  @Column({ type: 'text' })
  ref: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'short_name', type: 'text', nullable: true })
  shortName: string | null;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  aliases: string[];

  /** normalizeName() of the name and every alias, ` | `-separated. */
  @Column({ name: 'search_text', type: 'text' })
  searchText: string;

  @Index('players_club_idx')
  @Column({ type: 'text', nullable: true })
  club: string | null;

  @Column({ type: 'text', nullable: true })
  league: string | null;

  @Column({ type: 'text' })
  position: Position;

  @Column({ type: 'text', nullable: true })
  role: string | null;

  @Column({ type: 'text', nullable: true })
  nationality: string | null;

  @Column({ name: 'birth_date', type: 'date', nullable: true })
  birthDate: string | null;

  @Column({ name: 'fantacalcio_id', type: 'integer', nullable: true })
  fantacalcioId: number | null;

  @Column({ name: 'fpl_code', type: 'integer', nullable: true })
  fplCode: number | null;

  @Column({ name: 'tm_id', type: 'integer', nullable: true })
  tmId: number | null;

  /** The refs of players merged into him (`players:merge`): loads naming them never bring them back. */
  @Column({ name: 'merged_refs', type: 'text', array: true, default: () => `'{}'` })
  mergedRefs: string[];

  /** The price the news gives him (null: the default for his position applies). */
  @Column({ name: 'price_eur', type: 'bigint', nullable: true, transformer: bigintEuros })
  priceEur: number | null;

  /** Which reports made the reported price: the news, or the starter data shipped with the product. */
  @Column({ name: 'price_origin', type: 'text', nullable: true })
  priceOrigin: 'news' | 'starter' | null;

  @Column({ name: 'price_reports', type: 'integer', default: 0 })
  priceReports: number;

  @Column({ name: 'price_updated_at', type: 'timestamptz', nullable: true })
  priceUpdatedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
