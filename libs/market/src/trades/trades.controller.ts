import type { Trade, TradePlayer, TradeStatus } from '@fantamercato/contract';
import { TRADE_STATUSES } from '@fantamercato/contract';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsDateString, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { CurrentUser, type AuthenticatedUser } from '@fantamercato/auth';
import { ReasonDto } from '@fantamercato/leagues';
import { Trades } from './trades.service.js';

const MAX_PLAYERS_A_SIDE = 10;

export class ProposeTradeDto {
  @ApiProperty({ format: 'uuid', description: 'the manager (user id) the trade is proposed to' })
  @IsUUID('all', { message: 'to must be a user id (UUID)' })
  to: string;

  @ApiProperty({ type: [String], description: 'your players who go to him (may be empty if take is not)', maxItems: MAX_PLAYERS_A_SIDE })
  @IsArray({ message: 'give must be a list of player ids' })
  @ArrayMaxSize(MAX_PLAYERS_A_SIDE)
  @IsUUID('all', { each: true, message: 'give must be player ids (UUID)' })
  give: string[];

  @ApiProperty({ type: [String], description: 'his players who come to you (may be empty if give is not)', maxItems: MAX_PLAYERS_A_SIDE })
  @IsArray({ message: 'take must be a list of player ids' })
  @ArrayMaxSize(MAX_PLAYERS_A_SIDE)
  @IsUUID('all', { each: true, message: 'take must be player ids (UUID)' })
  take: string[];

  @ApiPropertyOptional({ default: 0, description: 'whole euros: > 0 you pay him, < 0 he pays you' })
  @IsOptional()
  @IsInt({ message: 'money must be a whole number of euros' })
  @Min(-Number.MAX_SAFE_INTEGER)
  @Max(Number.MAX_SAFE_INTEGER)
  money?: number;

  @ApiPropertyOptional({ description: 'when the proposal lapses: 5 seconds to 7 days from now (default 48 hours)' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'expiresAt must be an ISO-8601 date and time' })
  expiresAt?: string;

  @ApiPropertyOptional({ maxLength: 280, description: 'a word to him' })
  @IsOptional()
  @IsString()
  @MaxLength(280)
  note?: string;
}

class TradePlayerDto implements TradePlayer {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['GK', 'DEF', 'MID', 'FWD'] }) position: TradePlayer['position'];
}

export class TradeDto implements Trade {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) leagueId: string;
  @ApiProperty({ format: 'uuid' }) proposerId: string;
  @ApiProperty({ format: 'uuid' }) receiverId: string;
  @ApiProperty({ type: [TradePlayerDto], description: "the proposer's players, to the receiver" }) give: TradePlayer[];
  @ApiProperty({ type: [TradePlayerDto], description: "the receiver's players, to the proposer" }) take: TradePlayer[];
  @ApiProperty({ description: '> 0: the proposer pays the receiver; < 0: the receiver pays' }) money: number;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ enum: TRADE_STATUSES }) status: TradeStatus;
  @ApiProperty() proposedAt: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'in a review: when it executes; once executed: when it did' })
  executesAt: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: "a veto's or a failure's reason" }) reason: string | null;
  @ApiProperty() serverTime: string;
}

export class TradeListDto {
  @ApiProperty({ type: [TradeDto], description: 'newest first (the latest 200)' }) trades: TradeDto[];
}

/** Trades between managers: propose, accept or reject, withdraw; the commissioner's veto in a review. */
@ApiTags('market')
@ApiBearerAuth()
@Controller('leagues/:id/trades')
export class TradesController {
  constructor(private readonly trades: Trades) {}

  @Post()
  @ApiCreatedResponse({
    type: TradeDto,
    description: 'trade.proposed; 409 PLAYER_NOT_OWNED, TOO_MANY_TRADES; 422 TRADE_BREAKS_SQUAD, TRADE_UNAFFORDABLE; 404 MEMBER_NOT_FOUND',
  })
  propose(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: ProposeTradeDto): Promise<TradeDto> {
    return this.trades.propose(id, user.id, body);
  }

  @Get()
  @ApiOkResponse({ type: TradeListDto })
  async list(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<TradeListDto> {
    return { trades: await this.trades.list(id, user.id) };
  }

  @Get(':tradeId')
  @ApiOkResponse({ type: TradeDto, description: '404 TRADE_NOT_FOUND' })
  get(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Param('tradeId') tradeId: string): Promise<TradeDto> {
    return this.trades.get(id, user.id, tradeId);
  }

  @Post(':tradeId/accept')
  @HttpCode(200)
  @ApiOkResponse({
    type: TradeDto,
    description:
      'executed now, or accepted into the review; 403 NOT_TRADE_PARTY; 409 TRADE_NOT_OPEN, TRADE_NO_LONGER_VALID (it failed); 422 TRADE_BREAKS_SQUAD, TRADE_UNAFFORDABLE (it stays proposed)',
  })
  accept(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Param('tradeId') tradeId: string): Promise<TradeDto> {
    return this.trades.accept(id, user.id, tradeId);
  }

  @Post(':tradeId/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: TradeDto, description: 'the receiver says no; 403 NOT_TRADE_PARTY; 409 TRADE_NOT_OPEN' })
  reject(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Param('tradeId') tradeId: string): Promise<TradeDto> {
    return this.trades.reject(id, user.id, tradeId);
  }

  @Post(':tradeId/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ type: TradeDto, description: 'the proposer takes it back; 403 NOT_TRADE_PARTY; 409 TRADE_NOT_OPEN' })
  withdraw(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Param('tradeId') tradeId: string): Promise<TradeDto> {
    return this.trades.withdraw(id, user.id, tradeId);
  }

  @Post(':tradeId/veto')
  @HttpCode(200)
  @ApiOkResponse({ type: TradeDto, description: 'the commissioner stops it in its review; 403 NOT_COMMISSIONER; 409 TRADE_NOT_IN_REVIEW' })
  veto(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Param('tradeId') tradeId: string,
    @Body() body: ReasonDto,
  ): Promise<TradeDto> {
    return this.trades.veto(id, user.id, tradeId, body.reason);
  }
}
