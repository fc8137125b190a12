import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ClampedInt } from '@fantamercato/core';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';

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

export class PlaceBidDto {
  @ApiProperty({ description: 'whole euros, a positive safe integer' })
  @IsInt({ message: 'amount must be a whole number of euros' })
  @Min(1, { message: 'amount must be positive' })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'amount is too large' })
  amount: number;

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

export class BidDto {
  @ApiProperty() amount: number;
  @ApiProperty({ type: PersonDto }) bidder: PersonDto;
  @ApiProperty() placedAt: string;
}

export class AuctionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) leagueId: string;
  @ApiProperty({ example: { id: 'uuid', name: 'Pierre Kalulu', position: 'DEF' } }) player: { id: string; name: string; position: string };
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

export class AuctionDetailDto extends AuctionDto {
  @ApiProperty({ type: [BidDto], description: 'newest first' }) bids: BidDto[];
}

export class AuctionAnswerDto {
  @ApiProperty({ type: AuctionDto }) auction: AuctionDto;
}
