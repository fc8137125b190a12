import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '@fantamercato/auth';
import { PlayerDto, PlayerPageDto, PlayerSearchQuery, PlayersService } from '@fantamercato/players';
import { ReportDto } from './news.dto.js';
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
}
