import { Module } from '@nestjs/common';
import { LeaguesModule } from '@fantamercato/leagues';
import { PlayersModule } from '@fantamercato/players';
import { MarketMoves, MarketMovesAlarms, MarketMovesWorker } from './market-moves/market-moves.js';
import { MarketMovesRepository } from './market-moves/market-moves.repository.js';
import { AuctionCloser } from './auction-closer.js';
import { AuctionSchedule } from './auction-schedule.js';
import { BidLanes } from './bid-lanes.js';
import { MarketController } from './market.controller.js';
import { AuctionClosing } from './auction-closing.service.js';
import { AuctionOpening } from './auction-opening.service.js';
import { AuctionReads } from './auction-reads.service.js';
import { AuctionsRepository } from './auctions.repository.js';
import { BidRequestsRepository } from './bid-requests.repository.js';
import { Bidding } from './bidding.service.js';
import { LeagueExport } from './league-export.service.js';
import { MaxBids } from './max-bids.service.js';
import { Releases } from './releases.service.js';
import { SealedController } from './sealed/sealed.controller.js';
import { SealedAlarms, SealedCloser, SealedWindows } from './sealed/sealed-windows.service.js';
import { SealedRepository } from './sealed/sealed.repository.js';
import { TradesController } from './trades/trades.controller.js';
import { TradeAlarms, TradeClock, Trades } from './trades/trades.service.js';
import { TradesRepository } from './trades/trades.repository.js';
import { MemberRemoval } from './member-removal.service.js';
import { MemberRemovalController } from './member-removal.controller.js';
import { DraftClock } from './draft/draft-clock.js';
import { DraftController } from './draft/draft.controller.js';
import { DraftSchedule } from './draft/draft-schedule.js';
import { DraftSessions } from './draft/draft-sessions.service.js';
import { DraftTurns } from './draft/draft-turns.js';
import { DraftsRepository } from './draft/drafts.repository.js';

@Module({
  imports: [LeaguesModule, PlayersModule],
  controllers: [MarketController, DraftController, MemberRemovalController, SealedController, TradesController],
  providers: [
    LeagueExport,
    AuctionOpening,
    Bidding,
    AuctionClosing,
    AuctionReads,
    AuctionsRepository,
    BidRequestsRepository,
    AuctionSchedule,
    AuctionCloser,
    BidLanes,
    MaxBids,
    Releases,
    SealedRepository,
    SealedAlarms,
    SealedWindows,
    SealedCloser,
    TradesRepository,
    TradeAlarms,
    Trades,
    TradeClock,
    MarketMovesRepository,
    MarketMoves,
    MarketMovesAlarms,
    MarketMovesWorker,
    MemberRemoval,
    DraftsRepository,
    DraftTurns,
    DraftSchedule,
    DraftSessions,
    DraftClock,
  ],
  exports: [AuctionOpening, Bidding, AuctionClosing, AuctionReads, DraftSessions, DraftClock],
})
export class MarketModule {}
