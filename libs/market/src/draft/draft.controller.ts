import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@fantamercato/auth';
import { ReasonDto } from '@fantamercato/leagues';
import { DraftSessions } from './draft-sessions.service.js';
import { DraftDto, StartDraftDto } from './draft.dto.js';

/** Draft night: the commissioner runs it (others get 403 NOT_COMMISSIONER); every member reads it. */
@ApiTags('draft')
@ApiBearerAuth()
@Controller('leagues/:id/draft')
export class DraftController {
  constructor(private readonly sessions: DraftSessions) {}

  @Get()
  @ApiOkResponse({ type: DraftDto, description: "the league's draft under way, else its latest; 404 DRAFT_NOT_FOUND if none" })
  get(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<DraftDto> {
    return this.sessions.get(id, user.id);
  }

  @Post()
  @ApiCreatedResponse({
    type: DraftDto,
    description: 'draft.started, then draft.turn for the first manager with room; 409 NOT_A_TURNS_LEAGUE, DRAFT_ALREADY_RUNNING',
  })
  start(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: StartDraftDto): Promise<DraftDto> {
    return this.sessions.start(id, user.id, {
      order: body.order ?? 'random',
      nominationSeconds: body.nominationSeconds ?? 45,
      whenIdle: body.whenIdle ?? 'skip',
    });
  }

  @Post('pause')
  @ApiCreatedResponse({ type: DraftDto, description: "draft.paused: the lot's time and the nomination clock freeze; 409 DRAFT_PAUSED" })
  pause(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: ReasonDto): Promise<DraftDto> {
    return this.sessions.pause(id, user.id, body.reason);
  }

  @Post('resume')
  @ApiCreatedResponse({ type: DraftDto, description: 'draft.resumed: the clock runs on from where it stopped; 409 DRAFT_NOT_PAUSED' })
  resume(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: ReasonDto): Promise<DraftDto> {
    return this.sessions.resume(id, user.id, body.reason);
  }

  @Post('end')
  @ApiCreatedResponse({ type: DraftDto, description: 'draft.ended (reason ended): a lot still on runs to its close; no next turn' })
  end(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: ReasonDto): Promise<DraftDto> {
    return this.sessions.end(id, user.id, body.reason);
  }
}
