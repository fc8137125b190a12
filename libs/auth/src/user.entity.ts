import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const ROLES = ['user', 'admin'] as const;
export type Role = (typeof ROLES)[number];

@Entity({ name: 'users' })
@Check('users_email_check', `email <> ''`)
@Check('users_display_name_check', 'length(btrim(display_name)) > 0')
@Check('users_role_check', `role IN ('user', 'admin')`)
// Emails are unique case-insensitively; the expression index lives in the migration.
@Index('users_email_lower_key', { synchronize: false })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ name: 'display_name', type: 'varchar', length: 64 })
  displayName: string;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  /** Read from here on every admin-only request, so revoking an admin takes effect at once. */
  @Column({ type: 'text', default: 'user' })
  role: Role;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
