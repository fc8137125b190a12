import type { Position } from '@fantamercato/contract';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  APP_CONFIG,
  type AppConfig,
  DomainError,
  NotFoundError,
  ValidationFailedError,
  displayNameKey,
  isUniqueViolation,
} from '@fantamercato/core';
import { newInviteCode, normaliseInviteCode } from './invite-code.js';
import { appendLeagueEvent, LeagueAnnouncements, readLeagueEvents, type LeagueEvent } from './league-events.js';
import { availableToBid, DEFAULT_RULES, POSITIONS, ruleProblems, type LeagueRules, type RosterRules } from './league-rules.js';
import type { CreateLeagueDto, LeagueDetailDto, LeagueDto, ManagerDto, MembershipDto } from './leagues.dto.js';

interface LeagueRow extends QuotaColumns {
  id: string;
  name: string;
  invite_code: string;
  commissioner_id: string;
  max_managers: number;
  budget: string;
  duration_seconds: number;
  extend_seconds: number;
  min_increment: string;
  min_price: string;
  last_seq: string;
  created_at: Date;
}

export interface MembershipRow {
  league_id: string;
  user_id: string;
  budget: string;
  committed: string;
  owned_count: number;
  leading_count: number;
  roster_size: number;
  min_price: string;
  display_name: string;
  joined_at: Date;
}

/** Quota columns as stored on a league row (and carried by rows that join it). */
export interface QuotaColumns {
  roster_size: number;
  gk_min: number;
  gk_max: number;
  def_min: number;
  def_max: number;
  mid_min: number;
  mid_max: number;
  fwd_min: number;
  fwd_max: number;
}

export function rosterRulesOf(row: QuotaColumns): RosterRules {
  return {
    size: row.roster_size,
    GK: [row.gk_min, row.gk_max],
    DEF: [row.def_min, row.def_max],
    MID: [row.mid_min, row.mid_max],
    FWD: [row.fwd_min, row.fwd_max],
  };
}

export function rulesOf(row: LeagueRow): LeagueRules {
  return {
    maxManagers: row.max_managers,
    budget: Number(row.budget),
    roster: rosterRulesOf(row),
    auction: {
      durationSeconds: row.duration_seconds,
      extendSeconds: row.extend_seconds,
      minIncrement: Number(row.min_increment),
      minPrice: Number(row.min_price),
    },
  };
}

function toLeagueDto(row: LeagueRow): LeagueDto {
  const rules = rulesOf(row);
  return {
    id: row.id,
    name: row.name,
    inviteCode: row.invite_code,
    commissionerId: row.commissioner_id,
    maxManagers: rules.maxManagers,
    budget: rules.budget,
    roster: rules.roster,
    auction: rules.auction,
    lastSeq: Number(row.last_seq),
    createdAt: row.created_at.toISOString(),
  };
}

export function availableOf(m: MembershipRow): number {
  return availableToBid({
    budget: Number(m.budget),
    committed: Number(m.committed),
    ownedCount: m.owned_count,
    leadingCount: m.leading_count,
    rosterSize: m.roster_size,
    minPrice: Number(m.min_price),
  });
}

export class DisplayNameTakenError extends DomainError {
  constructor(name: string) {
    super(409, 'DISPLAY_NAME_TAKEN', `Another manager of this league is already called "${name}"; join with another nickname.`, {
      displayName: name,
    });
  }
}

export class LeagueNotFoundError extends NotFoundError {
  constructor() {
    super('The league', 'LEAGUE_NOT_FOUND');
  }
}

@Injectable()
export class LeaguesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly announcements: LeagueAnnouncements,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(userId: string, input: CreateLeagueDto): Promise<LeagueDto> {
    const { nickname } = input;
    const rules: LeagueRules = {
      maxManagers: input.maxManagers ?? DEFAULT_RULES.maxManagers,
      budget: input.budget ?? DEFAULT_RULES.budget,
      roster: { ...DEFAULT_RULES.roster, ...stripUndefined(input.roster ?? {}) },
      auction: { ...DEFAULT_RULES.auction, ...stripUndefined(input.auction ?? {}) },
    };
    const problems = ruleProblems(rules);
    if (problems.length > 0) throw new ValidationFailedError(problems);
    const { league, event } = await this.dataSource.transaction(async (manager) => {
      await this.requireLeagueAllowance(manager, userId);
      const row = await this.insertLeague(manager, userId, input.name, rules);
      const membership = await this.insertMembership(manager, row, userId, nickname);
      return { league: row, event: await this.memberJoined(manager, row.id, userId, membership.display_name) };
    });
    this.announcements.publish([event]);
    return toLeagueDto({ ...league, last_seq: String(event.seq) });
  }

  /** Joins with the account's name, or a league nickname; a name already shown in the league is 409 DISPLAY_NAME_TAKEN. */
  async join(userId: string, inviteCode: string, nickname?: string): Promise<{ created: boolean; membership: MembershipDto }> {
    const code = normaliseInviteCode(inviteCode);
    const outcome = await this.dataSource.transaction(async (manager) => {
      // The league row lock makes "count, then insert" safe against a simultaneous join. NO KEY
      // UPDATE still queues joins (and event appends) one by one, but not behind the KEY SHARE
      // locks that auctions being opened in the league hold on it: a plain FOR UPDATE waited for each.
      const [league]: LeagueRow[] = await manager.query(`SELECT * FROM leagues WHERE invite_code = $1 FOR NO KEY UPDATE`, [code]);
      if (!league) throw new DomainError(404, 'INVITE_NOT_FOUND', 'No league has this invite code.');
      const [existing]: MembershipRow[] = await manager.query(`SELECT * FROM memberships WHERE league_id = $1 AND user_id = $2`, [
        league.id,
        userId,
      ]);
      if (existing) return { created: false, league, membership: existing };
      const [{ count }] = await manager.query(`SELECT count(*)::int AS count FROM memberships WHERE league_id = $1`, [league.id]);
      if (count >= league.max_managers) throw new DomainError(409, 'LEAGUE_FULL', `This league is full (${league.max_managers} managers).`);
      const membership = await this.insertMembership(manager, league, userId, nickname);
      const event = await this.memberJoined(manager, league.id, userId, membership.display_name);
      return { created: true, league: { ...league, last_seq: String(event.seq) }, membership, event };
    });
    if (outcome.event) this.announcements.publish([outcome.event]);
    const { league, membership } = outcome;
    return {
      created: outcome.created,
      membership: {
        leagueId: league.id,
        userId,
        displayName: membership.display_name,
        budget: Number(membership.budget),
        available: availableOf(membership),
        joinedAt: membership.joined_at.toISOString(),
        league: toLeagueDto(league),
      },
    };
  }

  async listMine(userId: string): Promise<LeagueDto[]> {
    const rows: LeagueRow[] = await this.dataSource.query(
      `SELECT l.* FROM leagues l JOIN memberships m ON m.league_id = l.id WHERE m.user_id = $1 ORDER BY l.created_at DESC, l.id`,
      [userId],
    );
    return rows.map(toLeagueDto);
  }

  /** Throws LEAGUE_NOT_FOUND (404) unless the user manages in the league: non-members learn nothing. */
  async requireMember(leagueId: string, userId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (!isUuid(leagueId)) throw new LeagueNotFoundError();
    const rows = await manager.query(`SELECT 1 FROM memberships WHERE league_id = $1 AND user_id = $2`, [leagueId, userId]);
    if (rows.length === 0) throw new LeagueNotFoundError();
  }

  async get(leagueId: string, userId: string): Promise<LeagueDetailDto> {
    await this.requireMember(leagueId, userId);
    const [league]: LeagueRow[] = await this.dataSource.query(`SELECT * FROM leagues WHERE id = $1`, [leagueId]);
    const managers: MembershipRow[] = await this.dataSource.query(
      `SELECT m.* FROM memberships m WHERE m.league_id = $1 ORDER BY m.joined_at, m.user_id`,
      [leagueId],
    );
    const roster: { user_id: string; player_id: string; name: string; position: Position; price: string }[] = await this.dataSource.query(
      `SELECT r.user_id, r.player_id, p.name, r.position, r.price
         FROM roster_entries r JOIN players p ON p.id = r.player_id
        WHERE r.league_id = $1
        ORDER BY array_position(ARRAY['GK','DEF','MID','FWD'], r.position), r.acquired_at`,
      [leagueId],
    );
    return {
      ...toLeagueDto(league!),
      managers: managers.map((m): ManagerDto => ({
        userId: m.user_id,
        displayName: m.display_name,
        budget: Number(m.budget),
        available: availableOf(m),
        committed: Number(m.committed),
        roster: roster
          .filter((r) => r.user_id === m.user_id)
          .map((r) => ({ player: { id: r.player_id, name: r.name, position: r.position }, price: Number(r.price) })),
      })),
    };
  }

  async events(leagueId: string, userId: string, after: number, limit: number): Promise<LeagueEvent[]> {
    await this.requireMember(leagueId, userId);
    return readLeagueEvents(this.dataSource.manager, leagueId, after, limit);
  }

  /**
   * LIMIT_LEAGUES_PER_DAY: counted under the user's row lock, so simultaneous creations by one user
   * are counted one after another; over it → 429 TOO_MANY_LEAGUES with when the next one is allowed.
   */
  private async requireLeagueAllowance(manager: EntityManager, userId: string): Promise<void> {
    if (this.config.limitLeaguesPerDay === 0) return;
    await manager.query(`SELECT 1 FROM users WHERE id = $1 FOR NO KEY UPDATE`, [userId]);
    const [{ count, retry_after }] = await manager.query(
      `SELECT count(*)::int AS count,
              ceil(extract(epoch FROM min(created_at) + interval '1 day' - now()))::int AS retry_after
         FROM leagues WHERE commissioner_id = $1 AND created_at > now() - interval '1 day'`,
      [userId],
    );
    if (count >= this.config.limitLeaguesPerDay) {
      throw new DomainError(
        429,
        'TOO_MANY_LEAGUES',
        `You have created ${count} leagues in the last 24 hours, the most allowed; try again later.`,
        {
          retryAfterSeconds: Math.max(1, retry_after ?? 1),
        },
      );
    }
  }

  private async insertLeague(manager: EntityManager, userId: string, name: string, rules: LeagueRules): Promise<LeagueRow> {
    const { roster, auction } = rules;
    for (let attempt = 0; ; attempt += 1) {
      const rows: LeagueRow[] = await manager.query(
        `INSERT INTO leagues (name, invite_code, commissioner_id, max_managers, budget, roster_size,
                              gk_min, gk_max, def_min, def_max, mid_min, mid_max, fwd_min, fwd_max,
                              duration_seconds, extend_seconds, min_increment, min_price)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
         ON CONFLICT (invite_code) DO NOTHING
         RETURNING *`,
        [
          name,
          newInviteCode(),
          userId,
          rules.maxManagers,
          rules.budget,
          roster.size,
          ...POSITIONS.flatMap((p) => roster[p]),
          auction.durationSeconds,
          auction.extendSeconds,
          auction.minIncrement,
          auction.minPrice,
        ],
      );
      if (rows[0]) return rows[0];
      if (attempt >= 3) throw new Error('could not draw a free invite code'); // 60 random bits: never in practice
    }
  }

  /** The membership's name is the nickname, else the account's; the unique (league, name_key) decides clashes. */
  private async insertMembership(manager: EntityManager, league: LeagueRow, userId: string, nickname?: string): Promise<MembershipRow> {
    const [user]: { display_name: string }[] = await manager.query(`SELECT display_name FROM users WHERE id = $1`, [userId]);
    const name = nickname ?? user!.display_name;
    try {
      const [row]: MembershipRow[] = await manager.query(
        `INSERT INTO memberships (league_id, user_id, budget, roster_size, min_price, display_name, name_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
        [league.id, userId, league.budget, league.roster_size, league.min_price, name, displayNameKey(name)],
      );
      return row!;
    } catch (error) {
      if (isUniqueViolation(error, 'memberships_name_key')) throw new DisplayNameTakenError(name);
      throw error;
    }
  }

  private memberJoined(manager: EntityManager, leagueId: string, userId: string, displayName: string): Promise<LeagueEvent> {
    return appendLeagueEvent(manager, leagueId, 'member.joined', { userId, displayName });
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
