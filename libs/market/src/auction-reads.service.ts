import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isUuid } from '@fantamercato/core';
import { LeaguesService } from '@fantamercato/leagues';
import { AuctionsRepository } from './auctions.repository.js';
import { AuctionNotFoundError } from './market-errors.js';
import type { AuctionDetailDto, AuctionDto } from './market.dto.js';

/** What members read: one auction with its bids, or a league's auctions. */
@Injectable()
export class AuctionReads {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly leagues: LeaguesService,
    private readonly auctions: AuctionsRepository,
  ) {}

  /** 404 for an unknown auction and for one in a league the user is not in: the same answer. */
  async get(userId: string, auctionId: string): Promise<AuctionDetailDto> {
    const manager = this.dataSource.manager;
    if (!isUuid(auctionId) || (await this.auctions.leagueIfMember(manager, auctionId, userId)) === null) throw new AuctionNotFoundError();
    const [auction, bids] = await Promise.all([this.auctions.read(manager, auctionId), this.auctions.bids(manager, auctionId)]);
    return { ...auction!, bids };
  }

  async list(userId: string, leagueId: string, status: 'open' | 'closed' | undefined, limit: number): Promise<AuctionDto[]> {
    await this.leagues.requireMember(leagueId, userId);
    return this.auctions.listForLeague(this.dataSource.manager, leagueId, status, limit);
  }
}
