import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '@fantamercato/auth';
import { PlayerDto, PlayerPageDto, PlayerSearchQuery, PlayersService } from '@fantamercato/players';
import { PRICE_HISTORY_LIMIT, PriceHistoryDto, PriceHistoryQuery, ReportDto } from './news.dto.js';
import { NewsService } from './news.service.js';

export class PlayerDetailDto extends PlayerDto {
  @ApiProperty({ type: [ReportDto], description: 'the fee reports behind the price, newest first' })
  reports: ReportDto[];
}

/** The registry as clients see it: players with their price and the reports that made it. */
@ApiTags('players')
@Controller('players')
@Public()
export class PlayersController {
  constructor(
    private readonly players: PlayersService,
    private readonly news: NewsService,
  ) {}

  @Get()
  @ApiOkResponse({ type: PlayerPageDto })
  search(@Query() query: PlayerSearchQuery): Promise<PlayerPageDto> {
    return this.players.search(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: PlayerDetailDto })
  async get(@Param('id') id: string): Promise<PlayerDetailDto> {
    const player = await this.players.get(id);
    return { ...player, reports: await this.news.reportsForPlayer(player.id) };
  }

  @Get(':id/prices')
  @ApiOperation({
    summary: "The player's price history, oldest first",
    description:
      `Every price the reports gave him (the last \`limit\`, at most ${PRICE_HISTORY_LIMIT}), each with the one before it and ` +
      'the report and source that caused the change. A player only ever at his default price has none.',
  })
  @ApiOkResponse({ type: PriceHistoryDto })
  @ApiNotFoundResponse({ description: 'PLAYER_NOT_FOUND: no such player (or not a player id)' })
  async prices(@Param('id') id: string, @Query() query: PriceHistoryQuery): Promise<PriceHistoryDto> {
    const player = await this.players.get(id);
    return this.news.priceHistory(player.id, query.limit ?? PRICE_HISTORY_LIMIT);
  }
}
