import type { Auction, AuctionDetail, Bid, Position } from '@fantamercato/contract';
import { EXPORT_FORMATS, EXPORTS, type ExportFormat, type ExportKind } from './league-export.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ClampedInt } from '@fantamercato/core';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  Validate,
  ValidateIf,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import type { BidOffer } from './bid-lanes.js';

export class OpenAuctionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'playerId must be a player id (UUID)' })
  playerId: string;

  @ApiPropertyOptional({ description: "the opener's own first bid (≥ the opening price), whole euros" })
  @IsOptional()
  @IsInt({ message: 'openingBid must be a whole number of euros' })
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  openingBid?: number;
}

export class ReleasePlayerDto {
  @ApiProperty({ format: 'uuid', description: 'a player of your squad' })
  @IsUUID('all', { message: 'playerId must be a player id (UUID)' })
  playerId: string;
}

export class ReleaseAnswerDto {
  @ApiProperty({ description: 'the player.released event (its data: paid, refund, rule)' }) event: object;
  @ApiProperty({ description: 'whole euros given back under the league rule market.releaseRefund' }) refund: number;
}

export class SetMaxBidDto {
  @ApiProperty({ description: 'the most the game may bid for you on this lot, whole euros (judged like a bid)' })
  @IsInt({ message: 'amount must be a whole number of euros' })
  @Min(1, { message: 'amount must be positive' })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'amount is too large' })
  amount: number;
}

export class MaxBidDto {
  @ApiProperty({ type: Object, nullable: true, example: { amount: 30000000, placedAt: '2026-12-03T10:00:00.000Z' } })
  maxBid: { amount: number; placedAt: string } | null;
}

@ValidatorConstraint({ name: 'amountOrUpTo' })
class NotWithAmount implements ValidatorConstraintInterface {
  validate(_value: unknown, args: ValidationArguments): boolean {
    return (args.object as BidOfferFields).amount === undefined;
  }
  defaultMessage(): string {
    return 'give amount or upTo, not both';
  }
}

/**
 * What a bid offers, over HTTP and Socket.IO: an `amount`, or `upTo` — "the lowest bid accepted now,
 * as long as it is at most this" (the "+1" of a live auction room, resolved under the auction's lock,
 * so two managers tapping it at once never collide; the answer's `highBid` says what it bid).
 */
export class BidOfferFields {
  @ApiPropertyOptional({ description: 'whole euros, a positive safe integer (required unless upTo is given)' })
  @ValidateIf((o: BidOfferFields) => o.upTo === undefined || o.amount !== undefined)
  @IsInt({ message: 'amount must be a whole number of euros' })
  @Min(1, { message: 'amount must be positive' })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'amount is too large' })
  amount?: number;

  @ApiPropertyOptional({
    description:
      'instead of amount: bid the lowest amount accepted at that moment (the opening price, or the high bid + minIncrement) if it is at most upTo; otherwise BID_TOO_LOW with minBid',
  })
  @ValidateIf((o: BidOfferFields) => o.upTo !== undefined)
  @Validate(NotWithAmount)
  @IsInt({ message: 'upTo must be a whole number of euros' })
  @Min(1, { message: 'upTo must be positive' })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'upTo is too large' })
  upTo?: number;
}

/** The validated offer as the service takes it. */
export function offerOf(fields: BidOfferFields): BidOffer {
  return fields.upTo !== undefined ? { upTo: fields.upTo } : { amount: fields.amount! };
}

export class PlaceBidDto extends BidOfferFields {
  @ApiPropertyOptional({ description: 'a retry with the same key gets the first answer, and places no second bid' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  idempotencyKey?: string;
}

export class AuctionListQuery {
  @ApiPropertyOptional({ enum: ['open', 'closed'] })
  @IsOptional()
  @IsIn(['open', 'closed'])
  status?: 'open' | 'closed';

  @ApiPropertyOptional({ default: 100, maximum: 100, description: 'out-of-range values are clamped' })
  @IsOptional()
  @ClampedInt(1, 100)
  @IsInt({ message: 'limit must be a whole number' })
  limit?: number;
}

export class PersonDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
}

export class BidDto implements Bid {
  @ApiProperty() amount: number;
  @ApiProperty({ type: PersonDto }) bidder: PersonDto;
  @ApiProperty() placedAt: string;
}

export class AuctionDto implements Auction {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) leagueId: string;
  @ApiProperty({ example: { id: 'uuid', name: 'Pierre Kalulu', position: 'DEF' } }) player: {
    id: string;
    name: string;
    position: Position;
  };
  @ApiProperty({ enum: ['open', 'closed'] }) status: 'open' | 'closed';
  @ApiProperty() openingPrice: number;
  @ApiProperty({ nullable: true, type: Number }) highBid: number | null;
  @ApiProperty({ nullable: true, type: PersonDto }) highBidder: PersonDto | null;
  @ApiProperty({ description: 'the lowest bid that would be accepted now' }) minBid: number;
  @ApiProperty() bidCount: number;
  @ApiProperty() openedAt: string;
  @ApiProperty() endsAt: string;
  @ApiPropertyOptional() closedAt?: string;
  @ApiPropertyOptional({ nullable: true, type: PersonDto }) winner?: PersonDto | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) price?: number | null;
  @ApiProperty({ description: "the server's clock when this was read, for an exact countdown" }) serverTime: string;
}

export class AuctionDetailDto extends AuctionDto implements AuctionDetail {
  @ApiProperty({ type: [BidDto], description: 'newest first' }) bids: BidDto[];
}

export class AuctionAnswerDto {
  @ApiProperty({ type: AuctionDto }) auction: AuctionDto;
}

export class ExportQuery {
  @ApiPropertyOptional({ enum: EXPORTS, default: 'events', description: 'rosters: every squad; bids: every bid; events: the whole log' })
  @IsOptional()
  @IsIn(EXPORTS, { message: `what must be one of ${EXPORTS.join(', ')}` })
  what?: ExportKind;

  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: `format must be one of ${EXPORT_FORMATS.join(', ')}` })
  format?: ExportFormat;
}
