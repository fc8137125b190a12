import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, type AuthenticatedUser } from '@fantamercato/auth';
import { CreateLeagueDto, EventsQuery, JoinLeagueDto, LeagueDetailDto, LeagueDto, MembershipDto } from './leagues.dto.js';
import type { LeagueEvent } from './league-events.js';
import { LeaguesService } from './leagues.service.js';

@ApiTags('leagues')
@ApiBearerAuth()
@Controller('leagues')
export class LeaguesController {
  constructor(private readonly leagues: LeaguesService) {}

  @Post()
  @ApiCreatedResponse({ type: LeagueDto })
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateLeagueDto): Promise<LeagueDto> {
    return this.leagues.create(user.id, body);
  }

  @Post('join')
  @ApiCreatedResponse({ type: MembershipDto, description: '201 when joined now, 200 when already a member' })
  async join(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: JoinLeagueDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MembershipDto> {
    const { created, membership } = await this.leagues.join(user.id, body.inviteCode, body.nickname);
    res.status(created ? 201 : 200);
    return membership;
  }

  @Get()
  @ApiOkResponse({ type: [LeagueDto] })
  mine(@CurrentUser() user: AuthenticatedUser): Promise<LeagueDto[]> {
    return this.leagues.listMine(user.id);
  }

  @Get(':id')
  @ApiOkResponse({ type: LeagueDetailDto })
  get(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<LeagueDetailDto> {
    return this.leagues.get(id, user.id);
  }

  @Get(':id/events')
  async events(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Query() query: EventsQuery,
  ): Promise<{ items: LeagueEvent[] }> {
    return { items: await this.leagues.events(id, user.id, query.after ?? 0, query.limit ?? 100) };
  }
}
