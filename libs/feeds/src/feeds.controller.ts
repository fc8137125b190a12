import type { Feed, FeedList, FeedPoll } from '@fantamercato/contract';
import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUrl, Max, MaxLength, Min } from 'class-validator';
import { AdminOnly, CurrentUser, type AuthenticatedUser } from '@fantamercato/auth';
import { LANGUAGES, type Language } from '@fantamercato/pricing';
import { FeedsService } from './feeds.service.js';

export class AddFeedDto {
  @ApiProperty({ example: 'https://example.com/calciomercato/rss.xml', description: 'an RSS 2.0 or Atom feed (http or https)' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'url must be an http(s) URL' })
  @MaxLength(2048)
  url: string;

  @ApiPropertyOptional({ enum: LANGUAGES, description: "its articles' language (default: detected per article)" })
  @IsOptional()
  @IsIn(LANGUAGES, { message: `language must be one of ${LANGUAGES.join(', ')}` })
  language?: Language;

  @ApiPropertyOptional({ minimum: 1, maximum: 1440, default: 30, description: 'minutes between polls' })
  @IsOptional()
  @IsInt({ message: 'intervalMinutes must be a whole number of minutes' })
  @Min(1)
  @Max(1440)
  intervalMinutes?: number;
}

export class FeedDto implements Feed {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() url: string;
  @ApiProperty({ nullable: true, type: String, enum: LANGUAGES }) language: string | null;
  @ApiProperty() intervalMinutes: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({
    format: 'date-time',
    description: 'later than the interval after failures: the backoff (interval × 2^failures, at most a day)',
  })
  nextPollAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastPolledAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'the last poll that read new text (not a 304)' })
  lastFetchedAt: string | null;
  @ApiProperty({ nullable: true, type: Number }) lastStatus: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'why the last poll failed (null: it did not)' }) lastError: string | null;
  @ApiProperty({ description: 'polls failed in a row' }) failures: number;
  @ApiProperty() polls: number;
  @ApiProperty({ description: 'polls answered 304 Not Modified' }) notModified: number;
  @ApiProperty({ description: 'items seen for the first time' }) itemsSeen: number;
  @ApiProperty({ description: 'articles stored from its items (text already stored adds none)' }) articlesStored: number;
  @ApiProperty({ description: 'fee reports found in those articles' }) reportsFound: number;
}

export class FeedListDto implements FeedList {
  @ApiProperty({ type: [FeedDto] }) items: FeedDto[];
}

export class FeedPollDto implements FeedPoll {
  @ApiProperty({ type: FeedDto }) feed: FeedDto;
  @ApiProperty({ enum: ['fetched', 'not_modified', 'failed', 'busy'] }) outcome: FeedPoll['outcome'];
  @ApiProperty() newItems: number;
  @ApiProperty() articlesStored: number;
  @ApiProperty() reportsFound: number;
}

/** The feeds the product follows: admins only, as storing an article moves prices. */
@ApiTags('feeds')
@ApiBearerAuth()
@Controller('feeds')
export class FeedsController {
  constructor(private readonly feeds: FeedsService) {}

  @Post()
  @AdminOnly("a feed's articles move every league's prices")
  @ApiCreatedResponse({
    type: FeedDto,
    description: 'followed from now (first poll at once); 409 FEED_EXISTS; 422 FEED_ADDRESS_REFUSED for a private address',
  })
  add(@Body() body: AddFeedDto, @CurrentUser() user: AuthenticatedUser): Promise<FeedDto> {
    return this.feeds.add(body, user.id);
  }

  @Get()
  @AdminOnly('feeds are run by admins')
  @ApiOkResponse({ type: FeedListDto, description: "every feed, oldest first, with its last poll's outcome and its counts" })
  async list(): Promise<FeedListDto> {
    return { items: await this.feeds.list() };
  }

  @Get(':id')
  @AdminOnly('feeds are run by admins')
  @ApiOkResponse({ type: FeedDto })
  get(@Param('id') id: string): Promise<FeedDto> {
    return this.feeds.get(id);
  }

  @Post(':id/poll')
  @AdminOnly("a feed's articles move every league's prices")
  @HttpCode(200)
  @ApiOkResponse({ type: FeedPollDto, description: 'polled now, due or not; outcome busy when another process is polling it' })
  poll(@Param('id') id: string): Promise<FeedPollDto> {
    return this.feeds.pollNow(id);
  }

  @Delete(':id')
  @AdminOnly('feeds are run by admins')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'no longer followed; the articles it brought stay. 404 FEED_NOT_FOUND' })
  async remove(@Param('id') id: string): Promise<void> {
    await this.feeds.remove(id);
  }
}
