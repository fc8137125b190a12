import type { Player, PlayerPage } from '@fantamercato/contract';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ClampedInt } from '@fantamercato/core';
import { IsIn, IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import type { PlayerPrice } from './player-price.js';
import type { Position } from './registry-file.js';

const POSITIONS: Position[] = ['GK', 'DEF', 'MID', 'FWD'];

export class PlayerSearchQuery {
  @ApiPropertyOptional({ description: 'name, accent- and case-insensitive ("kjaer" finds "Simon Kjær")' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ example: 'Milan' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  club?: string;

  @ApiPropertyOptional({ enum: POSITIONS })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsIn(POSITIONS, { message: `position must be one of ${POSITIONS.join(', ')}` })
  position?: Position;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 100 })
  @IsOptional()
  @ClampedInt(1, 100)
  @IsInt({ message: 'limit must be a whole number' })
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export class PlayerPriceDto implements PlayerPrice {
  @ApiProperty({ description: 'whole euros' }) eur: number;
  @ApiProperty({ enum: ['reported', 'default'] }) basis: 'reported' | 'default';
  @ApiProperty() reports: number;
  @ApiPropertyOptional({
    enum: ['news', 'starter'],
    description: 'reported prices: made by the news, or by the starter data shipped with the product',
  })
  origin?: 'news' | 'starter';
  @ApiProperty() updatedAt: string;
}

export class PlayerDto implements Player {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) shortName: string | null;
  @ApiProperty({ nullable: true, type: String }) club: string | null;
  @ApiProperty({ nullable: true, type: String }) league: string | null;
  @ApiProperty({ enum: POSITIONS }) position: Position;
  @ApiProperty({ nullable: true, type: String, description: 'detailed role, e.g. Centre-Back' }) role: string | null;
  @ApiProperty({ nullable: true, type: String }) nationality: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) birthDate: string | null;
  @ApiProperty({ type: PlayerPriceDto }) price: PlayerPriceDto;
}

export class PlayerPageDto implements PlayerPage {
  @ApiProperty({ type: [PlayerDto] }) items: PlayerDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
