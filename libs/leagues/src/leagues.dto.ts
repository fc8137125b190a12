import {
  MARKET_MODES,
  RELEASE_REFUNDS,
  SEALED_TIE_BREAKS,
  type AuctionRules,
  type League,
  type LeagueDetail,
  type Manager,
  type MarketMode,
  type MarketRules,
  type QuietHours,
  type ReleaseRefund,
  type SealedTieBreak,
  type Membership,
  type Position,
  type RosterEntry,
  type RosterRules,
} from '@fantamercato/contract';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ClampedInt, DisplayName } from '@fantamercato/core';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  NotEquals,
  Validate,
  ValidateNested,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import type { LeagueEvent } from './league-events.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

function Quota() {
  return function (target: object, key: string) {
    ApiPropertyOptional({ type: [Number], minItems: 2, maxItems: 2, example: [3, 3], description: '[min, max]' })(target, key);
    IsOptional()(target, key);
    IsArray({ message: `${key} must be [min, max]` })(target, key);
    ArrayMinSize(2, { message: `${key} must be [min, max]` })(target, key);
    ArrayMaxSize(2, { message: `${key} must be [min, max]` })(target, key);
    IsInt({ each: true, message: `${key} must hold whole numbers` })(target, key);
    Min(0, { each: true, message: `${key} must not be negative` })(target, key);
    Max(50, { each: true, message: `${key} must be at most 50` })(target, key);
  };
}

export class RosterRulesDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 25 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  size?: number;

  @Quota() GK?: [number, number];
  @Quota() DEF?: [number, number];
  @Quota() MID?: [number, number];
  @Quota() FWD?: [number, number];
}

export class AuctionRulesDto {
  @ApiPropertyOptional({ minimum: 5, maximum: 604800, default: 60 })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(604_800)
  durationSeconds?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 3600, default: 10 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3600)
  extendSeconds?: number;

  @ApiPropertyOptional({ minimum: 1, default: 500000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  minIncrement?: number;

  @ApiPropertyOptional({ minimum: 1, default: 1000000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  minPrice?: number;

  @ApiPropertyOptional({
    description:
      'standing max bids: a private maximum the game bids up to for its manager (default: on in turns leagues, off in open ones)',
  })
  @IsOptional()
  @IsBoolean({ message: 'maxBids must be true or false' })
  maxBids?: boolean;
}

export class MarketRulesDto {
  @ApiPropertyOptional({
    enum: MARKET_MODES,
    default: 'open',
    description: 'open: any manager opens an auction at any time; turns: a draft session, managers calling players in turn',
  })
  @IsOptional()
  @IsIn(MARKET_MODES, { message: `mode must be one of ${MARKET_MODES.join(', ')}` })
  mode?: MarketMode;

  @ApiPropertyOptional({
    enum: RELEASE_REFUNDS,
    default: 'half',
    description: 'what a release gives back: none, half or all of what was paid, or the current price at most what was paid',
  })
  @IsOptional()
  @IsIn(RELEASE_REFUNDS, { message: `releaseRefund must be one of ${RELEASE_REFUNDS.join(', ')}` })
  releaseRefund?: ReleaseRefund;

  @ApiPropertyOptional({
    enum: SEALED_TIE_BREAKS,
    default: 'earliest',
    description: "a sealed window's equal bids: the earliest, or the manager lower in budget",
  })
  @IsOptional()
  @IsIn(SEALED_TIE_BREAKS, { message: `sealedTieBreak must be one of ${SEALED_TIE_BREAKS.join(', ')}` })
  sealedTieBreak?: SealedTieBreak;

  @ApiPropertyOptional({
    default: 0,
    minimum: 0,
    maximum: 604800,
    description: "seconds an accepted trade waits for the commissioner's veto before it executes (0: it executes on acceptance)",
  })
  @IsOptional()
  @IsInt({ message: 'tradeReviewSeconds must be a whole number of seconds' })
  @Min(0, { message: 'tradeReviewSeconds must be at least 0' })
  @Max(604800, { message: 'tradeReviewSeconds must be at most 604800 (7 days)' })
  tradeReviewSeconds?: number;

  @ApiPropertyOptional({
    type: [String],
    default: ['IT1'],
    description:
      'the real competitions the league plays, as Transfermarkt codes (IT1 Serie A, GB1 Premier League, ES1 LaLiga, L1 Bundesliga, FR1 Ligue 1): a move to a club outside them means the player left the league',
  })
  @IsOptional()
  @IsArray({ message: 'competitions must be a list of competition codes' })
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @Matches(/^[A-Z0-9]{1,6}$/, { each: true, message: 'competitions must be codes such as IT1 or GB1' })
  competitions?: string[];

  @ApiPropertyOptional({
    enum: RELEASE_REFUNDS,
    default: 'full',
    description: 'what a release of a player who left the league (moved to a club outside its competitions) gives back',
  })
  @IsOptional()
  @IsIn(RELEASE_REFUNDS, { message: `transferRefund must be one of ${RELEASE_REFUNDS.join(', ')}` })
  transferRefund?: ReleaseRefund;
}

/** A valid IANA time zone name, as the platform's Intl knows them ("Europe/Rome", "UTC"). */
@ValidatorConstraint({ name: 'timeZone' })
class KnownTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    // Names only ("Europe/Rome", "UTC"): an offset such as "+03:00" reads the other way round in PostgreSQL.
    if (typeof value !== 'string' || value.length > 64 || !/^(UTC|[A-Za-z]+(\/[A-Za-z0-9_+-]+)+)$/.test(value)) return false;
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: value });
      return true;
    } catch {
      return false;
    }
  }
  defaultMessage(): string {
    return 'timeZone must be an IANA time zone such as Europe/Rome';
  }
}

export class QuietHoursDto implements QuietHours {
  @ApiProperty({ example: '23:00', description: 'local time HH:MM when the quiet window starts' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'from must be a time HH:MM' })
  from: string;

  @ApiProperty({ example: '08:00', description: 'local time HH:MM when it ends (earlier than from: the next day)' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'to must be a time HH:MM' })
  to: string;

  @ApiProperty({ example: 'Europe/Rome' })
  @IsString()
  @Validate(KnownTimeZone)
  timeZone: string;
}

export class CreateLeagueDto {
  @ApiProperty({ example: 'Fantacalcio del Bar Sport', minLength: 1, maxLength: 80 })
  @Transform(trim)
  @IsString()
  @Length(1, 80)
  name: string;

  @ApiPropertyOptional({ minimum: 2, maximum: 20, default: 10 })
  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(20)
  maxManagers?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1e12, default: 300000000, description: 'whole euros per manager' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000_000_000)
  budget?: number;

  @ApiPropertyOptional({ type: RosterRulesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RosterRulesDto)
  roster?: RosterRulesDto;

  @Nickname() nickname?: string;

  @ApiPropertyOptional({ type: AuctionRulesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuctionRulesDto)
  auction?: AuctionRulesDto;

  @ApiPropertyOptional({ type: MarketRulesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => MarketRulesDto)
  market?: MarketRulesDto;

  @ApiPropertyOptional({
    type: QuietHoursDto,
    description: 'a daily window in which no auction closes and no nomination clock runs out: deadlines inside it move to its end',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuietHoursDto)
  quietHours?: QuietHoursDto;
}

/** A name to be known by in one league; without it, the account's display name. */
function Nickname() {
  return function (target: object, key: string) {
    ApiPropertyOptional({
      example: 'Il Presidente',
      minLength: 2,
      maxLength: 32,
      description: 'your name in this league (default: your display name); 2–32 visible characters, unique in the league',
    })(target, key);
    IsOptional()(target, key);
    DisplayName()(target, key);
  };
}

export class JoinLeagueDto {
  @ApiProperty({ example: 'K7Q2M9XD4TNB' })
  @IsString()
  @MaxLength(40)
  inviteCode: string;

  @Nickname() nickname?: string;
}

export class RosterEntryDto implements RosterEntry {
  @ApiProperty({ example: { id: 'uuid', name: 'Pierre Kalulu', position: 'DEF' } }) player: {
    id: string;
    name: string;
    position: Position;
  };
  @ApiProperty() price: number;
  @ApiPropertyOptional({ enum: [true], description: "present when his move took him out of the league's competitions" })
  leftTheLeague?: true;
}

export class ManagerDto implements Manager {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ description: 'the starting budget minus what the manager has spent' }) budget: number;
  @ApiProperty({ description: 'the most the manager may bid now on a player they do not lead' }) available: number;
  @ApiProperty({ description: 'sum of the bids the manager leads' }) committed: number;
  @ApiProperty({ type: [RosterEntryDto] }) roster: RosterEntryDto[];
}

export class LeagueDto implements League {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() inviteCode: string;
  @ApiProperty({ format: 'uuid' }) commissionerId: string;
  @ApiProperty() maxManagers: number;
  @ApiProperty() budget: number;
  @ApiProperty({ example: { size: 25, GK: [3, 3], DEF: [8, 8], MID: [8, 8], FWD: [6, 6] } }) roster: RosterRules;
  @ApiProperty({ example: { durationSeconds: 60, extendSeconds: 10, minIncrement: 500000, minPrice: 1000000, maxBids: false } })
  auction: AuctionRules;
  @ApiProperty({
    example: {
      mode: 'open',
      releaseRefund: 'half',
      sealedTieBreak: 'earliest',
      tradeReviewSeconds: 0,
      competitions: ['IT1'],
      transferRefund: 'full',
    },
  })
  market: MarketRules;
  @ApiProperty({ type: QuietHoursDto, nullable: true }) quietHours: QuietHours | null;
  @ApiProperty({ description: 'the latest event seq' }) lastSeq: number;
  @ApiProperty() createdAt: string;
}

export class LeagueDetailDto extends LeagueDto implements LeagueDetail {
  @ApiProperty({ type: [ManagerDto] }) managers: ManagerDto[];
}

export class MembershipDto implements Membership {
  @ApiProperty({ format: 'uuid' }) leagueId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ description: 'your name in this league' }) displayName: string;
  @ApiProperty() budget: number;
  @ApiProperty() available: number;
  @ApiProperty() joinedAt: string;
  @ApiProperty({ type: LeagueDto }) league: LeagueDto;
}

export class EventsQuery {
  @ApiPropertyOptional({ default: 0, description: 'events with seq greater than this' })
  @IsOptional()
  @ClampedInt(0, Number.MAX_SAFE_INTEGER)
  @IsInt({ message: 'after must be a whole number' })
  after?: number;

  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @ClampedInt(1, 1000)
  @IsInt({ message: 'limit must be a whole number' })
  limit?: number;
}

/** Why the commissioner acts: kept in the league's log with who did it. */
export function Reason() {
  return function (target: object, key: string) {
    ApiProperty({ example: 'Bruno bid at the table; entered by hand', minLength: 1, maxLength: 500 })(target, key);
    IsString()(target, key);
    Matches(/\S/, { message: 'reason must say why' })(target, key);
    MaxLength(500)(target, key);
  };
}

/** A commissioner's action that needs only its reason (pause, resume, end a draft). */
export class ReasonDto {
  @Reason() reason: string;
}

export class UndoSaleDto {
  @ApiProperty({ format: 'uuid', description: 'the player whose sale is undone' })
  @IsUUID('all', { message: 'playerId must be a player id (UUID)' })
  playerId: string;

  @Reason() reason: string;
}

export class AssignPlayerDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'playerId must be a player id (UUID)' })
  playerId: string;

  @ApiProperty({ format: 'uuid', description: 'the manager who gets him' })
  @IsUUID('all', { message: 'userId must be a manager id (UUID)' })
  userId: string;

  @ApiProperty({ description: 'whole euros the manager pays', minimum: 1 })
  @IsInt({ message: 'price must be a whole number of euros' })
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  price: number;

  @Reason() reason: string;
}

export class AdjustBudgetDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'userId must be a manager id (UUID)' })
  userId: string;

  @ApiProperty({ description: 'whole euros added (negative: taken away)', example: 5000000 })
  @IsInt({ message: 'delta must be a whole number of euros' })
  @Min(-1_000_000_000_000)
  @Max(1_000_000_000_000)
  @NotEquals(0, { message: 'delta must not be 0' })
  delta: number;

  @Reason() reason: string;
}

export class RemoveManagerDto {
  @ApiProperty({ format: 'uuid', description: 'the manager to remove: his players return to the pool' })
  @IsUUID('all', { message: 'userId must be a manager id (UUID)' })
  userId: string;

  @Reason() reason: string;
}

export class HandOverDto {
  @ApiProperty({ format: 'uuid', description: 'the manager who becomes commissioner' })
  @IsUUID('all', { message: 'userId must be a manager id (UUID)' })
  userId: string;

  @Reason() reason: string;
}

export class CommissionerActionDto {
  @ApiProperty({ description: 'the league event the action wrote (its seq, type, data with by and reason)' })
  event: LeagueEvent;
}
