import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AdminOnly, CurrentUser, type AuthenticatedUser } from '@fantamercato/auth';
import { ExtractRateLimitGuard } from './extract-rate-limit.guard.js';
import {
  ExtractNewsDto,
  ExtractResultDto,
  IngestNewsDto,
  IngestResultDto,
  LinkReportDto,
  ReportDto,
  ReportListDto,
  ReportListQuery,
} from './news.dto.js';
import { NewsService } from './news.service.js';

@ApiTags('news')
@ApiBearerAuth()
@Controller('news')
export class NewsController {
  constructor(private readonly news: NewsService) {}

  @Post('extract')
  @HttpCode(200)
  @UseGuards(ExtractRateLimitGuard)
  @ApiOkResponse({ type: ExtractResultDto })
  extract(@Body() body: ExtractNewsDto): Promise<ExtractResultDto> {
    return this.news.extract(body.text, body.language);
  }

  @Post()
  @AdminOnly("storing an article moves every league's prices")
  @ApiCreatedResponse({
    type: IngestResultDto,
    description: '201 when stored now; 200 with the stored article when the same text was already there',
  })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: only admins store articles (they move prices)' })
  async ingest(
    @Body() body: IngestNewsDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<IngestResultDto> {
    const { created, article, reports } = await this.news.ingest(body, user.id);
    void res.status(created ? 201 : 200);
    return { article, reports };
  }

  @Get('reports')
  @AdminOnly('the review queue is for admins')
  @ApiOkResponse({ type: ReportListDto, description: 'reports by status (default held), newest first: the review queue' })
  async reports(@Query() query: ReportListQuery): Promise<ReportListDto> {
    const status = query.status ?? (query.linked === undefined ? 'held' : undefined);
    return { items: await this.news.listReports({ status, linked: query.linked }, query.limit ?? 100) };
  }

  @Post('reports/:id/accept')
  @AdminOnly('a held report prices a player only when an admin accepts it')
  @HttpCode(200)
  @ApiOkResponse({ type: ReportDto, description: 'the held report now prices its player; 409 REPORT_NOT_HELD if it was not held' })
  accept(@Param('id') id: string, @CurrentUser() user: AuthenticatedUser): Promise<ReportDto> {
    return this.news.reviewReport(id, user.id, 'accept');
  }

  @Post('reports/:id/link')
  @AdminOnly("linking a report moves a player's price")
  @HttpCode(200)
  @ApiOkResponse({
    type: ReportDto,
    description: 'the report now names that registry player, who is repriced; 409 REPORT_ALREADY_LINKED if it names another',
  })
  link(@Param('id') id: string, @Body() body: LinkReportDto, @CurrentUser() user: AuthenticatedUser): Promise<ReportDto> {
    return this.news.linkReport(id, body.playerId, user.id);
  }

  @Post('reports/:id/reject')
  @AdminOnly('only admins decide held reports')
  @HttpCode(200)
  @ApiOkResponse({ type: ReportDto, description: 'the held report never prices; 409 REPORT_NOT_HELD if it was not held' })
  reject(@Param('id') id: string, @CurrentUser() user: AuthenticatedUser): Promise<ReportDto> {
    return this.news.reviewReport(id, user.id, 'reject');
  }
}
