import { WHEN_IDLE, type Draft, type DraftStatus, type WhenIdle } from '@fantamercato/contract';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min, Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ValidatorConstraint({ name: 'draftOrder' })
class DraftOrder implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (value === 'random' || value === 'joined') return true;
    return Array.isArray(value) && value.length >= 1 && value.length <= 20 && value.every((id) => typeof id === 'string' && UUID.test(id));
  }
  defaultMessage(): string {
    return 'order must be "random", "joined", or the list of every manager\'s userId';
  }
}

export class StartDraftDto {
  @ApiPropertyOptional({
    oneOf: [
      { type: 'string', enum: ['random', 'joined'] },
      { type: 'array', items: { type: 'string', format: 'uuid' } },
    ],
    default: 'random',
    description: 'calling order: random, the order managers joined in, or every manager listed once',
  })
  @IsOptional()
  @Validate(DraftOrder)
  order?: 'random' | 'joined' | string[];

  @ApiPropertyOptional({ minimum: 5, maximum: 3600, default: 45, description: 'how long the manager on the clock has to call a player' })
  @IsOptional()
  @IsInt({ message: 'nominationSeconds must be a whole number' })
  @Min(5)
  @Max(3600)
  nominationSeconds?: number;

  @ApiPropertyOptional({
    enum: WHEN_IDLE,
    default: 'skip',
    description: 'when the clock runs out: skip passes the turn; auto calls for him the cheapest available player that fits his squad',
  })
  @IsOptional()
  @IsIn(WHEN_IDLE, { message: `whenIdle must be one of ${WHEN_IDLE.join(', ')}` })
  whenIdle?: WhenIdle;
}

export class DraftDto implements Draft {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) leagueId: string;
  @ApiProperty({ enum: ['running', 'paused', 'ended'] }) status: DraftStatus;
  @ApiProperty({ type: [String], description: "the managers' userIds in calling order" }) order: string[];
  @ApiProperty({ description: '1 for the first pass through the order, 2 for the second …' }) round: number;
  @ApiProperty({ type: String, nullable: true, description: 'who calls the next player (null while a lot runs)' }) onClock: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'until when he may call' }) clockEndsAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the auction of the lot being bid on now' }) lotAuctionId: string | null;
  @ApiProperty() nominationSeconds: number;
  @ApiProperty({ enum: WHEN_IDLE }) whenIdle: WhenIdle;
  @ApiProperty({ type: String, nullable: true }) pausedAt: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'while paused: what was left of the lot or of the nomination clock' })
  remainingSeconds: number | null;
  @ApiProperty({ format: 'uuid' }) startedBy: string;
  @ApiProperty() startedAt: string;
  @ApiProperty({ type: String, nullable: true }) endedAt: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['complete', 'ended'] }) endReason: 'complete' | 'ended' | null;
  @ApiProperty() serverTime: string;
}
