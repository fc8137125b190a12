import type { SealedBid, SealedWindow } from '@fantamercato/contract';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsDateString, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { CurrentUser, type AuthenticatedUser } from '@fantamercato/auth';
import { SealedWindows } from './sealed-windows.service.js';

export class OpenWindowDto {
  @ApiProperty({ example: '2026-12-04T20:00:00.000Z', description: 'when it closes: 5 seconds to 30 days from now' })
  @IsDateString({ strict: true }, { message: 'closesAt must be an ISO-8601 date and time' })
  closesAt: string;

  @ApiPropertyOptional({ type: [String], description: 'the players on offer (default: any available player)', maxItems: 500 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'playerIds must be player ids (UUID)' })
  playerIds?: string[];
}

export class SealedBidDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'playerId must be a player id (UUID)' })
  playerId: string;

  @ApiProperty({ description: 'whole euros, at least the league minimum price, within what you can pay now' })
  @IsInt({ message: 'amount must be a whole number of euros' })
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  amount: number;
}

export class SealedWindowDto implements SealedWindow {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) leagueId: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: 'open' | 'closed';
  @ApiProperty() closesAt: string;
  @ApiProperty({ type: [String], nullable: true }) playerIds: string[] | null;
  @ApiProperty({ format: 'uuid' }) openedBy: string;
  @ApiProperty() openedAt: string;
  @ApiProperty({ type: String, nullable: true }) closedAt: string | null;
  @ApiProperty({ type: [Object], description: 'while open: only your own bids; once closed: every bid with its outcome' })
  bids: SealedBid[];
  @ApiProperty() serverTime: string;
}

/** Sealed-bid windows (busta chiusa): the commissioner opens one; members bid sealed until it closes. */
@ApiTags('market')
@ApiBearerAuth()
@Controller('leagues/:id/windows')
export class SealedController {
  constructor(private readonly windows: SealedWindows) {}

  @Post()
  @ApiCreatedResponse({ type: SealedWindowDto, description: 'window.opened; 403 NOT_COMMISSIONER; 409 WINDOW_ALREADY_OPEN' })
  open(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: OpenWindowDto): Promise<SealedWindowDto> {
    return this.windows.open(id, user.id, body);
  }

  @Get('current')
  @ApiOkResponse({ type: SealedWindowDto, description: 'the open window, else the latest; 404 WINDOW_NOT_FOUND' })
  current(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<SealedWindowDto> {
    return this.windows.current(id, user.id);
  }

  @Put(':windowId/bids')
  @ApiOkResponse({ type: SealedWindowDto, description: 'your sealed bid placed or changed (no event: nobody else learns of it)' })
  bid(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Param('windowId') windowId: string,
    @Body() body: SealedBidDto,
  ): Promise<SealedWindowDto> {
    return this.windows.bid(id, user.id, windowId, body);
  }

  @Delete(':windowId/bids/:playerId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'your sealed bid on that player withdrawn' })
  withdraw(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Param('windowId') windowId: string,
    @Param('playerId') playerId: string,
  ): Promise<void> {
    return this.windows.withdraw(id, user.id, windowId, playerId);
  }
}
