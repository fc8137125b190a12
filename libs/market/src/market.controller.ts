import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@fantamercato/auth';
import {
  AuctionAnswerDto,
  AuctionDetailDto,
  AuctionDto,
  AuctionListQuery,
  ExportQuery,
  MaxBidDto,
  ReleaseAnswerDto,
  ReleasePlayerDto,
  SetMaxBidDto,
  offerOf,
  OpenAuctionDto,
  PlaceBidDto,
} from './market.dto.js';
import { LeagueExport } from './league-export.service.js';
import { AuctionOpening } from './auction-opening.service.js';
import { AuctionReads } from './auction-reads.service.js';
import { Bidding } from './bidding.service.js';
import { MaxBids } from './max-bids.service.js';
import { Releases } from './releases.service.js';

@ApiTags('auctions')
@ApiBearerAuth()
@Controller()
export class MarketController {
  constructor(
    private readonly opening: AuctionOpening,
    private readonly reads: AuctionReads,
    private readonly bidding: Bidding,
    private readonly exports: LeagueExport,
    private readonly maxBids: MaxBids,
    private readonly releases: Releases,
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

  /**
   * A standing max bid (league option auction.maxBids): private, read only by its holder. Setting one
   * is judged like a bid and may bid for him at once; raising it sets it again; DELETE withdraws it.
   */
  @Put('auctions/:id/max-bid')
  @ApiOkResponse({ type: AuctionAnswerDto, description: '{maxBid, auction}; refusals as a bid, plus 409 MAX_BIDS_OFF' })
  async setMaxBid(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') auctionId: string,
    @Body() body: SetMaxBidDto,
  ): Promise<{ maxBid: MaxBidDto['maxBid']; auction: AuctionDto }> {
    return this.maxBids.set(user.id, auctionId, body.amount);
  }

  @Get('auctions/:id/max-bid')
  @ApiOkResponse({ type: MaxBidDto, description: 'your own standing maximum on this auction, or null' })
  getMaxBid(@CurrentUser() user: AuthenticatedUser, @Param('id') auctionId: string): Promise<MaxBidDto> {
    return this.maxBids.get(user.id, auctionId);
  }

  @Delete('auctions/:id/max-bid')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'withdrawn (a bid it already placed stands)' })
  cancelMaxBid(@CurrentUser() user: AuthenticatedUser, @Param('id') auctionId: string): Promise<void> {
    return this.maxBids.cancel(user.id, auctionId);
  }

  /** A release (svincolo): the player goes back to the pool, the refund by the league's market.releaseRefund. */
  @Post('leagues/:id/releases')
  @ApiCreatedResponse({ type: ReleaseAnswerDto, description: 'player.released; 409 PLAYER_NOT_OWNED if he is not in your squad' })
  release(@CurrentUser() user: AuthenticatedUser, @Param('id') leagueId: string, @Body() body: ReleasePlayerDto) {
    return this.releases.release(leagueId, user.id, body.playerId);
  }

  /** The league's rosters, bids or log as JSON or CSV, for settling disputes (members only). */
  @Get('leagues/:id/export')
  @ApiOkResponse({ description: 'JSON `{items}` or CSV with a header row; sent as an attachment' })
  async export(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') leagueId: string,
    @Query() query: ExportQuery,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<string> {
    const file = await this.exports.export(user.id, leagueId, query.what ?? 'events', query.format ?? 'json');
    void res.header('Content-Type', file.contentType).header('Content-Disposition', `attachment; filename="${file.filename}"`);
    return file.body;
  }
}
