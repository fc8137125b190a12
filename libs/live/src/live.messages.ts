import { IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { BidOfferFields } from '@fantamercato/market';

export class JoinLeagueMessage {
  @IsUUID('all', { message: 'leagueId must be a league id (UUID)' })
  leagueId: string;

  @IsOptional()
  @IsInt({ message: 'afterSeq must be a whole number' })
  @Min(0, { message: 'afterSeq must not be negative' })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'afterSeq is too large' })
  afterSeq?: number;
}

export class LeaveLeagueMessage {
  @IsUUID('all', { message: 'leagueId must be a league id (UUID)' })
  leagueId: string;
}

export class PlaceBidMessage extends BidOfferFields {
  @IsString()
  @Length(1, 64)
  auctionId: string;

  @IsOptional()
  @IsString()
  @Length(1, 100)
  idempotencyKey?: string;
}

/** Every ack: `{ok:true, …}` or `{ok:false, error:{code, message, …}}` — never a bare error: the contract's. */
export type { Ack } from '@fantamercato/contract';
