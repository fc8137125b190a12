import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig, DomainError, isUuid, NotFoundError, ValidationFailedError } from '@fantamercato/core';
import { normaliseInviteCode } from './invite-code.js';
import { appendLeagueEvent, LeagueAnnouncements, readLeagueEvents, type LeagueEvent } from './league-events.js';
import { DEFAULT_RULES, ruleProblems, type LeagueRules } from './league-rules.js';
import type { CreateLeagueDto, LeagueDetailDto, LeagueDto, ManagerDto, MembershipDto } from './leagues.dto.js';
import { availableOf, LeaguesRepository, NameTakenInLeague, type StoredLeague } from './leagues.repository.js';
import type { EntityManager } from 'typeorm';

export { availableOf, type StoredMembership } from './leagues.repository.js';

function toLeagueDto(league: StoredLeague): LeagueDto {
  const { rules } = league;
  return {
    id: league.id,
    name: league.name,
    inviteCode: league.inviteCode,
    commissionerId: league.commissionerId,
    maxManagers: rules.maxManagers,
    budget: rules.budget,
    roster: rules.roster,
    auction: rules.auction,
    market: rules.market,
    quietHours: rules.quietHours,
    lastSeq: league.lastSeq,
    createdAt: league.createdAt.toISOString(),
  };
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

/** Leagues and memberships: creating, joining, reading; the statements are LeaguesRepository's. */
@Injectable()
export class LeaguesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly leagues: LeaguesRepository,
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
      market: { ...DEFAULT_RULES.market, ...stripUndefined(input.market ?? {}) },
      quietHours: input.quietHours ? { from: input.quietHours.from, to: input.quietHours.to, timeZone: input.quietHours.timeZone } : null,
    };
    // Standing max bids are on by default where the market runs in turns (an absent manager's way to stay in).
    rules.auction.maxBids = input.auction?.maxBids ?? rules.market.mode === 'turns';
    const problems = ruleProblems(rules);
    if (rules.quietHours && !(await this.leagues.knowsTimeZone(this.dataSource.manager, rules.quietHours.timeZone))) {
      problems.push({ field: 'quietHours.timeZone', problems: ['the database does not know this time zone'] });
    }
    if (problems.length > 0) throw new ValidationFailedError(problems);
    const { league, event } = await this.dataSource.transaction(async (manager) => {
      await this.requireLeagueAllowance(manager, userId);
      const league = await this.leagues.insert(manager, userId, input.name, rules);
      const membership = await this.insertMembership(manager, league, userId, nickname);
      return { league, event: await this.memberJoined(manager, league.id, userId, membership.displayName) };
    });
    this.announcements.publish([event]);
    return toLeagueDto({ ...league, lastSeq: event.seq });
  }

  /** Joins with the account's name, or a league nickname; a name already shown in the league is 409 DISPLAY_NAME_TAKEN. */
  async join(userId: string, inviteCode: string, nickname?: string): Promise<{ created: boolean; membership: MembershipDto }> {
    const code = normaliseInviteCode(inviteCode);
    const outcome = await this.dataSource.transaction(async (manager) => {
      // The league row lock makes "count, then insert" safe against a simultaneous join.
      const league = await this.leagues.lockByInviteCode(manager, code);
      if (!league) throw new DomainError(404, 'INVITE_NOT_FOUND', 'No league has this invite code.');
      const existing = await this.leagues.findMembership(manager, league.id, userId);
      if (existing) return { created: false, league, membership: existing };
      if (await this.leagues.wasRemoved(manager, league.id, userId)) {
        throw new DomainError(
          403,
          'REMOVED_FROM_LEAGUE',
          "The league's commissioner removed you from this league; ask him if you want to come back.",
        );
      }
      const count = await this.leagues.countMembers(manager, league.id);
      const max = league.rules.maxManagers;
      if (count >= max) throw new DomainError(409, 'LEAGUE_FULL', `This league is full (${max} managers).`);
      const membership = await this.insertMembership(manager, league, userId, nickname);
      const event = await this.memberJoined(manager, league.id, userId, membership.displayName);
      return { created: true, league: { ...league, lastSeq: event.seq }, membership, event };
    });
    if (outcome.event) this.announcements.publish([outcome.event]);
    const { league, membership } = outcome;
    return {
      created: outcome.created,
      membership: {
        leagueId: league.id,
        userId,
        displayName: membership.displayName,
        budget: membership.budget,
        available: availableOf(membership),
        joinedAt: membership.joinedAt.toISOString(),
        league: toLeagueDto(league),
      },
    };
  }

  async listMine(userId: string): Promise<LeagueDto[]> {
    return (await this.leagues.listForUser(this.dataSource.manager, userId)).map(toLeagueDto);
  }

  /** Throws LEAGUE_NOT_FOUND (404) unless the user manages in the league: non-members learn nothing. */
  async requireMember(leagueId: string, userId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (!isUuid(leagueId) || !(await this.leagues.isMember(manager, leagueId, userId))) throw new LeagueNotFoundError();
  }

  async get(leagueId: string, userId: string): Promise<LeagueDetailDto> {
    await this.requireMember(leagueId, userId);
    const manager = this.dataSource.manager;
    const [league, memberships, rosters] = await Promise.all([
      this.leagues.findById(manager, leagueId),
      this.leagues.listMemberships(manager, leagueId),
      this.leagues.rosters(manager, leagueId),
    ]);
    return {
      ...toLeagueDto(league!),
      managers: memberships.map((m): ManagerDto => ({
        userId: m.userId,
        displayName: m.displayName,
        budget: m.budget,
        available: availableOf(m),
        committed: m.committed,
        roster: rosters
          .filter((r) => r.userId === m.userId)
          .map(({ player, price, leftTheLeague }) => ({ player, price, ...(leftTheLeague ? { leftTheLeague: true as const } : {}) })),
      })),
    };
  }

  async events(leagueId: string, userId: string, after: number, limit: number): Promise<LeagueEvent[]> {
    await this.requireMember(leagueId, userId);
    return readLeagueEvents(this.dataSource.manager, leagueId, after, limit);
  }

  /** LIMIT_LEAGUES_PER_DAY: over it → 429 TOO_MANY_LEAGUES with when the next one is allowed. */
  private async requireLeagueAllowance(manager: EntityManager, userId: string): Promise<void> {
    if (this.config.limitLeaguesPerDay === 0) return;
    const { count, retryAfterSeconds } = await this.leagues.lockAndCountCreatedToday(manager, userId);
    if (count >= this.config.limitLeaguesPerDay) {
      throw new DomainError(
        429,
        'TOO_MANY_LEAGUES',
        `You have created ${count} leagues in the last 24 hours, the most allowed; try again later.`,
        {
          retryAfterSeconds,
        },
      );
    }
  }

  private async insertMembership(manager: EntityManager, league: StoredLeague, userId: string, nickname?: string) {
    try {
      return await this.leagues.insertMembership(manager, league, userId, nickname);
    } catch (error) {
      if (error instanceof NameTakenInLeague) throw new DisplayNameTakenError(error.message);
      throw error;
    }
  }

  private memberJoined(manager: EntityManager, leagueId: string, userId: string, displayName: string): Promise<LeagueEvent> {
    return appendLeagueEvent(manager, leagueId, 'member.joined', { userId, displayName });
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
