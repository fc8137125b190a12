import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@fantamercato/auth';
import { AuctionAnswerDto, AuctionDetailDto, AuctionDto, AuctionListQuery, offerOf, OpenAuctionDto, PlaceBidDto } from './market.dto.js';
import { AuctionOpening } from './auction-opening.service.js';
import { AuctionReads } from './auction-reads.service.js';
import { Bidding } from './bidding.service.js';

@ApiTags('auctions')
@ApiBearerAuth()
@Controller()
export class MarketController {
  constructor(
    private readonly opening: AuctionOpening,
    private readonly reads: AuctionReads,
    private readonly bidding: Bidding,
  ) {}

  @Post('leagues/:id/auctions')
  @ApiCreatedResponse({ type: AuctionDto })
  open(@CurrentUser() user: AuthenticatedUser, @Param('id') leagueId: string, @Body() body: OpenAuctionDto): Promise<AuctionDto> {
    return this.opening.open(user.id, leagueId, body.playerId, body.openingBid);
  }

  @Get('leagues/:id/auctions')
  @ApiOkResponse({ type: [AuctionDto] })
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') leagueId: string,
    @Query() query: AuctionListQuery,
  ): Promise<{ items: AuctionDto[] }> {
    return { items: await this.reads.list(user.id, leagueId, query.status, query.limit ?? 100) };
  }

  @Get('auctions/:id')
  @ApiOkResponse({ type: AuctionDetailDto })
  get(@CurrentUser() user: AuthenticatedUser, @Param('id') auctionId: string): Promise<AuctionDetailDto> {
    return this.reads.get(user.id, auctionId);
  }

  @Post('auctions/:id/bids')
  @ApiCreatedResponse({ type: AuctionAnswerDto })
  async bid(@CurrentUser() user: AuthenticatedUser, @Param('id') auctionId: string, @Body() body: PlaceBidDto): Promise<AuctionAnswerDto> {
    return { auction: await this.bidding.place(user.id, auctionId, offerOf(body), body.idempotencyKey) };
  }
}
