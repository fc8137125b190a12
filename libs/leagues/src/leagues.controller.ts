import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, type AuthenticatedUser } from '@fantamercato/auth';
import { CommissionerTools } from './commissioner.service.js';
import {
  AdjustBudgetDto,
  AssignPlayerDto,
  CommissionerActionDto,
  CreateLeagueDto,
  EventsQuery,
  HandOverDto,
  JoinLeagueDto,
  LeagueDetailDto,
  LeagueDto,
  MembershipDto,
  UndoSaleDto,
} from './leagues.dto.js';
import type { LeagueEvent } from './league-events.js';
import { LeaguesService } from './leagues.service.js';

@ApiTags('leagues')
@ApiBearerAuth()
@Controller('leagues')
export class LeaguesController {
  constructor(
    private readonly leagues: LeaguesService,
    private readonly commissioner: CommissionerTools,
  ) {}

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
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<MembershipDto> {
    const { created, membership } = await this.leagues.join(user.id, body.inviteCode, body.nickname);
    void res.status(created ? 201 : 200);
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

  // The commissioner's tools: each answers the league event it wrote; others get 403 NOT_COMMISSIONER.

  @Post(':id/commissioner/undo-sale')
  @ApiCreatedResponse({ type: CommissionerActionDto, description: 'sale.undone: the buyer is refunded, the player returns to the pool' })
  async undoSale(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body() body: UndoSaleDto,
  ): Promise<CommissionerActionDto> {
    return { event: await this.commissioner.undoSale(id, user.id, body) };
  }

  @Post(':id/commissioner/assign')
  @ApiCreatedResponse({
    type: CommissionerActionDto,
    description: 'player.assigned: the manager pays the price; his quotas and budget apply as to a bid',
  })
  async assign(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body() body: AssignPlayerDto,
  ): Promise<CommissionerActionDto> {
    return { event: await this.commissioner.assign(id, user.id, body) };
  }

  @Post(':id/commissioner/budget')
  @ApiCreatedResponse({
    type: CommissionerActionDto,
    description: 'budget.adjusted; 422 BUDGET_TOO_LOW (with `least`) below what his leading bids and empty places need',
  })
  async budget(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body() body: AdjustBudgetDto,
  ): Promise<CommissionerActionDto> {
    return { event: await this.commissioner.adjustBudget(id, user.id, body) };
  }

  @Post(':id/commissioner/hand-over')
  @ApiCreatedResponse({
    type: CommissionerActionDto,
    description: 'commissioner.changed: another manager of the league becomes commissioner',
  })
  async handOver(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Body() body: HandOverDto,
  ): Promise<CommissionerActionDto> {
    return { event: await this.commissioner.handOver(id, user.id, body) };
  }
}
