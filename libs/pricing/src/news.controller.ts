import { Body, Controller, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ExtractRateLimitGuard } from './extract-rate-limit.guard.js';
import { ExtractNewsDto, ExtractResultDto, IngestNewsDto, IngestResultDto } from './news.dto.js';
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
  @ApiCreatedResponse({ type: IngestResultDto, description: '201 when stored now; 200 with the stored article when it was already there' })
  async ingest(@Body() body: IngestNewsDto, @Res({ passthrough: true }) res: Response): Promise<IngestResultDto> {
    const { created, article, reports } = await this.news.ingest(body);
    res.status(created ? 201 : 200);
    return { article, reports };
  }
}
