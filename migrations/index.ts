import { CreateUsers1764080000000 } from './1764080000000-CreateUsers.js';
import { CreatePlayers1764080100000 } from './1764080100000-CreatePlayers.js';
import { CreatePricing1764080200000 } from './1764080200000-CreatePricing.js';
import { CreateLeaguesAndMarket1764080300000 } from './1764080300000-CreateLeaguesAndMarket.js';
import { PlaceBidFunction1764080400000 } from './1764080400000-PlaceBidFunction.js';
import { PlaceBidsInBatches1764166800000 } from './1764166800000-PlaceBidsInBatches.js';
import { TrustedPrices1764800000000 } from './1764800000000-TrustedPrices.js';
import { LeagueDisplayNames1764800100000 } from './1764800100000-LeagueDisplayNames.js';
import { CreationCaps1764800200000 } from './1764800200000-CreationCaps.js';
import { AddRolesAndSessions1764900000000 } from './1764900000000-AddRolesAndSessions.js';
import { ReportEvidence1765000000000 } from './1765000000000-ReportEvidence.js';
import { StarterReports1765100000000 } from './1765100000000-StarterReports.js';
import { CommissionerTools1765300000000 } from './1765300000000-CommissionerTools.js';
import { DraftNight1765400000000 } from './1765400000000-DraftNight.js';
import { StandingMaxBids1765500000000 } from './1765500000000-StandingMaxBids.js';
import { QuietHours1765600000000 } from './1765600000000-QuietHours.js';
import { RemoveManagers1765700000000 } from './1765700000000-RemoveManagers.js';
import { FairMaxBids1765800000000 } from './1765800000000-FairMaxBids.js';
import { Releases1765900000000 } from './1765900000000-Releases.js';
import { SealedWindows1766000000000 } from './1766000000000-SealedWindows.js';
import { Trades1766100000000 } from './1766100000000-Trades.js';
import { MarketMoves1766200000000 } from './1766200000000-MarketMoves.js';
import { Feeds1766300000000 } from './1766300000000-Feeds.js';
import { ShippedFiles1765200000000 } from './1765200000000-ShippedFiles.js';
import { PlayerMerges1766400000000 } from './1766400000000-PlayerMerges.js';
import { HoldingsCounters1766500000000 } from './1766500000000-HoldingsCounters.js';
import { BidsAcrossAuctions1766600000000 } from './1766600000000-BidsAcrossAuctions.js';

/** Every migration, in order. `npm run db:migration:generate -- <Name>` writes a new file; add it here. */
export const MIGRATIONS = [
  CreateUsers1764080000000,
  CreatePlayers1764080100000,
  CreatePricing1764080200000,
  CreateLeaguesAndMarket1764080300000,
  PlaceBidFunction1764080400000,
  PlaceBidsInBatches1764166800000,
  TrustedPrices1764800000000,
  LeagueDisplayNames1764800100000,
  CreationCaps1764800200000,
  AddRolesAndSessions1764900000000,
  ReportEvidence1765000000000,
  StarterReports1765100000000,
  ShippedFiles1765200000000,
  CommissionerTools1765300000000,
  DraftNight1765400000000,
  StandingMaxBids1765500000000,
  QuietHours1765600000000,
  RemoveManagers1765700000000,
  FairMaxBids1765800000000,
  Releases1765900000000,
  SealedWindows1766000000000,
  Trades1766100000000,
  MarketMoves1766200000000,
  Feeds1766300000000,
  PlayerMerges1766400000000,
  HoldingsCounters1766500000000,
  BidsAcrossAuctions1766600000000,
];
