import type {
  Article,
  ExtractResult,
  IngestResult,
  PriceHistory,
  PricePoint,
  PricePointReport,
  Report,
  ReportList,
  ReportSource,
  ReviewedReport,
} from '@fantamercato/contract';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ClampedInt, StripsNulCharacters } from '@fantamercato/core';
import {
  IsBoolean,
  IsDate,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  isISO8601,
  Matches,
  MaxDate,
  MaxLength,
  MinDate,
} from 'class-validator';
import { FEE_KINDS, LANGUAGES, type FeeKind, type Language, type LinkCandidate, type ReportEvidence } from './extract/index.js';
import { REPORT_STATUSES, type ReportStatus } from './fee-report.entity.js';

/** The contract's window for publishedAt: no older than the game's sources, no later than tomorrow. */
const EARLIEST_PUBLISHED = new Date('1990-01-01T00:00:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;
// The application clock, not the database's: a day of slack makes a skew between them irrelevant.
const latestPublished = () => new Date(Date.now() + DAY_MS);
const PUBLISHED_AT_RULE = 'publishedAt must be an ISO-8601 date-time between 1990-01-01 and one day from now';

/** Only an ISO-8601 text becomes a Date; anything else (a number, "yesterday") stays as is for @IsDate to refuse. */
const isoDate = ({ value }: { value: unknown }) =>
  typeof value === 'string' && isISO8601(value, { strict: true }) ? new Date(value) : value;

const stripNul = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.replaceAll('\u0000', '') : value);

@StripsNulCharacters()
export class ExtractNewsDto {
  @ApiProperty({ description: 'the article: plain text or HTML (reduced to its text); at most 200 kB' })
  @Transform(stripNul)
  @IsString()
  @Matches(/\S/, { message: 'text must not be empty' })
  text: string;

  @ApiPropertyOptional({ enum: LANGUAGES, description: 'skip language detection' })
  @IsOptional()
  @IsIn(LANGUAGES, { message: `language must be one of ${LANGUAGES.join(', ')}` })
  language?: Language;
}

@StripsNulCharacters()
export class IngestNewsDto extends ExtractNewsDto {
  @ApiPropertyOptional({ example: 'https://example.com/calciomercato/kalulu-real-madrid' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'url must be an http(s) URL' })
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(stripNul)
  @IsString()
  @MaxLength(500)
  title?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'when the article was published (default: now); between 1990-01-01 and now + 1 day',
  })
  @IsOptional()
  @Transform(isoDate)
  @IsDate({ message: PUBLISHED_AT_RULE })
  @MinDate(EARLIEST_PUBLISHED, { message: PUBLISHED_AT_RULE })
  @MaxDate(latestPublished, { message: PUBLISHED_AT_RULE })
  publishedAt?: Date;
}

export class LinkReportDto {
  @ApiProperty({ format: 'uuid', description: 'the registry player this report prices' })
  @IsUUID('all', { message: 'playerId must be a player id (UUID)' })
  playerId: string;
}

export class ReportDto implements Report {
  @ApiPropertyOptional({ description: 'false: the priced person is not in the registry (player has a name, no id)' }) linked?: boolean;
  @ApiPropertyOptional({ format: 'uuid', description: 'absent in a dry run (nothing is stored)' }) id?: string;
  @ApiPropertyOptional({
    enum: REPORT_STATUSES,
    description: 'used: prices the player; held: waits for an admin (see heldReason); rejected: never prices',
  })
  status?: ReportStatus;
  @ApiPropertyOptional({ description: 'why the report is held: beyond the price bounds' }) heldReason?: string;
  @ApiProperty({ example: { id: 'uuid', name: 'Pierre Kalulu' } }) player: { id?: string; name: string };
  @ApiPropertyOptional() from?: string;
  @ApiProperty({ type: [String] }) to: string[];
  @ApiProperty({ enum: FEE_KINDS }) kind: FeeKind;
  @ApiProperty({ example: { min: 25000000, max: 25000000, currency: 'EUR' } }) amount: { min: number; max: number; currency: string };
  @ApiProperty({ example: { min: 25000000, max: 25000000 } }) eur: { min: number; max: number };
  @ApiPropertyOptional() addonsEur?: number;
  @ApiProperty() approx: boolean;
  @ApiProperty({ description: 'the sentence of the article that carries the figure' }) quote: string;
  @ApiPropertyOptional({
    description:
      'why the extractor says so: link (full-name | surname-with-club | surname | alias | unlinked), pairing ' +
      '(for-player | nearest-before | named-after | subject | respectively | reference | topic), kindCue (the words ' +
      'that decided the kind), kindDefaulted, mention (the words naming the person for this figure). Absent on reports stored before it was recorded.',
    example: { link: 'full-name', pairing: 'for-player', kindCue: 'chiedere', kindDefaulted: false, mention: 'Pierre Kalulu' },
  })
  evidence?: ReportEvidence;
  @ApiPropertyOptional({
    type: [String],
    description: 'stored reports: the evidence in plain words (person, figure, kind), for a reviewer',
  })
  explanation?: string[];
  @ApiPropertyOptional({
    description: 'unlinked reports: registry players of the same surname, best first',
    example: [{ id: 'uuid', name: 'Nuno Mendes', club: 'Paris Saint-Germain' }],
  })
  candidates?: LinkCandidate[];
  @ApiPropertyOptional({ format: 'date-time' }) publishedAt?: string;
}

export class ReportSourceDto implements ReportSource {
  @ApiProperty({ nullable: true, type: String, description: 'the page the report came from' }) url: string | null;
  @ApiProperty({ nullable: true, type: String }) title: string | null;
  @ApiProperty({ enum: ['news', 'starter'], description: 'starter: a fact shipped with the product, replaced by the first news report' })
  origin: 'news' | 'starter';
}

export class ExtractResultDto implements ExtractResult {
  @ApiProperty({ example: 'it' }) language: string;
  @ApiProperty({ type: [ReportDto] }) reports: ReportDto[];
}

export class ArticleDto implements Article {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() language: string;
  @ApiProperty({ nullable: true, type: String }) url: string | null;
  @ApiProperty({ nullable: true, type: String }) title: string | null;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
  @ApiProperty({ description: 'its url was also stored with other text: one of them is not what the publisher wrote' })
  urlConflict: boolean;
  @ApiProperty({ enum: ['news', 'starter'], description: 'starter: a fact shipped with the product, not a stored article' }) origin:
    'news' | 'starter';
  @ApiPropertyOptional({ format: 'uuid', description: 'the feed it was polled from (absent: pasted by an admin or the CLI)' })
  feedId?: string;
}

export class ReviewedReportDto extends ReportDto implements ReviewedReport {
  @ApiProperty({ type: ArticleDto }) article: ArticleDto;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'the admin who stored the article (null: the CLI)' })
  submittedBy: string | null;
}

export class ReportListDto implements ReportList {
  @ApiProperty({ type: [ReviewedReportDto] }) items: ReviewedReportDto[];
}

export class ReportListQuery {
  @ApiPropertyOptional({ enum: REPORT_STATUSES, description: 'default: held, unless `linked` is given' })
  @IsOptional()
  @IsIn(REPORT_STATUSES, { message: `status must be one of ${REPORT_STATUSES.join(', ')}` })
  status?: ReportStatus;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'false: reports of people the registry does not hold (to link with POST /news/reports/:id/link)',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'linked must be true or false' })
  linked?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 100 })
  @IsOptional()
  @ClampedInt(1, 100)
  @IsInt({ message: 'limit must be a whole number' })
  limit?: number;
}

export class IngestResultDto implements IngestResult {
  @ApiProperty({ type: ArticleDto }) article: ArticleDto;
  @ApiProperty({ type: [ReportDto] }) reports: ReportDto[];
}

/** The most price points one answer holds: the contract's bound for lists other than events. */
export const PRICE_HISTORY_LIMIT = 100;

export class PriceHistoryQuery {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: PRICE_HISTORY_LIMIT,
    default: PRICE_HISTORY_LIMIT,
    description: 'the last this many prices (out-of-range values are clamped; anything but a number → 400 VALIDATION_FAILED)',
  })
  @IsOptional()
  @ClampedInt(1, PRICE_HISTORY_LIMIT)
  @IsInt({ message: 'limit must be a whole number' })
  limit?: number;
}

export class PricePointReportDto implements PricePointReport {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'the sentence of the article that carries the figure' }) quote: string;
  @ApiProperty({ enum: FEE_KINDS }) kind: FeeKind;
  @ApiProperty({ type: ReportSourceDto }) source: ReportSourceDto;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
}

export class PricePointDto implements PricePoint {
  @ApiProperty({ format: 'date-time', description: 'when the player took this price' }) at: string;
  @ApiProperty({ nullable: true, type: Number, description: 'whole euros; null: unpriced' }) priceEur: number | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: "whole euros, the price before this one; null: he had none from reports (only his position's default)",
  })
  previousEur: number | null;
  @ApiProperty({
    type: PricePointReportDto,
    nullable: true,
    description: 'the report that caused the change, with its source; null when its article is gone',
  })
  report: PricePointReportDto | null;
}

export class PriceHistoryDto implements PriceHistory {
  @ApiProperty({ type: [PricePointDto], description: 'oldest first' }) items: PricePointDto[];
  @ApiProperty({ description: 'true: older prices were left off (the answer holds the last `limit`)' }) truncated: boolean;
}
