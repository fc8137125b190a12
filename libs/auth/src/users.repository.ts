import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, QueryFailedError, type Repository } from 'typeorm';
import { sqlRows } from '@fantamercato/core';
import { type Role, UserEntity } from './user.entity.js';

export class EmailTakenError extends Error {}

/**
 * Sets the role of the account with this email (any letter case); null when there is none.
 * Shared by the CLI (users:grant-admin, users:revoke-admin), which has no Nest container of auth.
 */
export async function setRoleByEmail(manager: EntityManager, email: string, role: Role): Promise<{ email: string; role: Role } | null> {
  const [row] = await sqlRows<{ email: string; role: Role }>(
    manager,
    'UPDATE users SET role = $2 WHERE lower(email) = lower($1) RETURNING email, role',
    [email.trim(), role],
  );
  return row ?? null;
}

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  /** The unique index decides a race between two registrations of the same address. */
  async create(user: Pick<UserEntity, 'email' | 'displayName' | 'passwordHash' | 'role'>): Promise<UserEntity> {
    try {
      return await this.users.save(this.users.create(user));
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        throw new EmailTakenError();
      }
      throw error;
    }
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.users.createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email }).getOne();
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  /** Makes admins of the existing accounts with these (lower-cased) emails; returns how many changed. */
  async promote(emails: readonly string[]): Promise<number> {
    if (emails.length === 0) return 0;
    const rows = await sqlRows(
      this.users.manager,
      `UPDATE users SET role = 'admin' WHERE lower(email) = ANY($1::text[]) AND role <> 'admin' RETURNING id`,
      [emails],
    );
    return rows.length;
  }
}
