import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@fantamercato/auth';
import { PlayerDetailDto, PlayerPageDto, PlayerSearchQuery } from './players.dto.js';
import { PlayersService } from './players.service.js';

@ApiTags('players')
@Controller('players')
@Public()
export class PlayersController {
  constructor(private readonly players: PlayersService) {}

  @Get()
  @ApiOkResponse({ type: PlayerPageDto })
  search(@Query() query: PlayerSearchQuery): Promise<PlayerPageDto> {
    return this.players.search(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: PlayerDetailDto })
  get(@Param('id') id: string): Promise<PlayerDetailDto> {
    return this.players.get(id);
  }
}
