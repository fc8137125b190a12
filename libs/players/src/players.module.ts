import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PlayerEntity } from './player.entity.js';
import { PlayersRepository } from './players.repository.js';
import { PlayersService } from './players.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([PlayerEntity])],
  providers: [PlayersRepository, PlayersService],
  exports: [PlayersRepository, PlayersService],
})
export class PlayersModule {}
