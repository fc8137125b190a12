import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { appendLeagueEvent, LeagueAnnouncements, LeaguesRepository } from '@fantamercato/leagues';
import { DEFAULT_PRICE_EUR, PlayersRepository } from '@fantamercato/players';
import { Alarms } from '../auction-schedule.js';
import { AuctionsRepository } from '../auctions.repository.js';
import { noChanges } from '../bid-outcome.js';
import { DeadlineWorker } from '../deadline-worker.js';
import { releaseRefund } from '../releases.service.js';
import { MarketMovesRepository } from './market-moves.repository.js';

/**
 * The real market moving the game: what the pricing transactions left in the two outboxes — a new
 * price (`player_price_history.announced_at` null), an agreed move (`fee_reports.move_announced_at`
 * null) — is told to the leagues concerned, each fact in one transaction with its league events, so
 * it is told once and never lost: a process that stops midway leaves it in the outbox for the next.
 */
@Injectable()
export class MarketMoves {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly moves: MarketMovesRepository,
    private readonly leagues: LeaguesRepository,
    private readonly auctions: AuctionsRepository,
    private readonly players: PlayersRepository,
    private readonly announcements: LeagueAnnouncements,
  ) {}

  /** Outbox entries waiting: `price:<history id>` and `move:<report id>`. */
  async dueIds(limit: number): Promise<string[]> {
    const manager = this.dataSource.manager;
    return [
      ...(await this.moves.repricesDue(manager, limit)).map((id) => `price:${id}`),
      ...(await this.moves.movesDue(manager, limit)).map((id) => `move:${id}`),
    ];
  }

  tell(key: string): Promise<boolean> {
    const [kind, id] = key.split(':') as [string, string];
    return kind === 'price' ? this.tellReprice(id) : this.tellMove(id);
  }

  /** `player.repriced` to every league where he is owned or on auction (none if the price did not change). */
  async tellReprice(historyId: string): Promise<boolean> {
    const changes = noChanges();
    const told = await this.dataSource.transaction(async (manager) => {
      const price = await this.moves.lockReprice(manager, historyId);
      if (!price) return false;
      if (price.oldPrice !== price.newPrice) {
        for (const leagueId of await this.moves.leaguesConcerned(manager, price.playerId, price.at)) {
          changes.events.push(
            await appendLeagueEvent(manager, leagueId, 'player.repriced', {
              playerId: price.playerId,
              playerName: price.playerName,
              oldPrice: price.oldPrice,
              newPrice: price.newPrice,
              report: price.report,
            }),
          );
        }
      }
      await this.moves.markRepriceTold(manager, price.id);
      return true;
    });
    this.announcements.publish(changes.events);
    return told;
  }

  /**
   * An agreed move to one club: each league that owns him and whose competitions that club is not in
   * gets `player.transferred`, and his roster entry there is marked (his release then follows the
   * league's `market.transferRefund`). A club the registry does not know is outside every competition.
   * Per league, in the lock order of a release: his ownership lock, his roster entry, the league row.
   */
  async tellMove(reportId: string): Promise<boolean> {
    const changes = noChanges();
    const told = await this.dataSource.transaction(async (manager) => {
      const move = await this.moves.lockMove(manager, reportId);
      if (!move) return false;
      if (move.toClubs.length === 1) {
        const toClub = move.toClubs[0]!;
        const where = new Set(await this.moves.competitionsOf(manager, await this.players.clubsMatching(toClub)));
        const player = (await this.auctions.player(manager, move.playerId))!;
        for (const owner of await this.moves.owners(manager, move.playerId)) {
          if (owner.competitions.some((c) => where.has(c))) continue; // still in the league's competitions
          await this.leagues.lockPlayerInLeague(manager, owner.leagueId, move.playerId);
          const entry = await this.leagues.lockRosterEntry(manager, owner.leagueId, move.playerId);
          if (!entry || entry.leftTheLeague) continue; // released meanwhile, or already told of his leaving
          await this.moves.markLeft(manager, owner.leagueId, move.playerId);
          changes.events.push(
            await appendLeagueEvent(manager, owner.leagueId, 'player.transferred', {
              playerId: move.playerId,
              playerName: move.playerName,
              userId: entry.userId,
              toClub,
              fee: move.fee,
              report: move.report,
              rule: owner.rule,
              refund: releaseRefund(owner.rule, entry.price, player.priceEur ?? DEFAULT_PRICE_EUR[player.position]),
            }),
          );
        }
      }
      await this.moves.markMoveTold(manager, move.id);
      return true;
    });
    this.announcements.publish(changes.events);
    return told;
  }
}

/** The outboxes have no deadline: only the sweep (every second) finds what waits. */
@Injectable()
export class MarketMovesAlarms extends Alarms {}

/** Empties the outboxes in every process; each entry is told once (SKIP LOCKED, then its mark). */
@Injectable()
export class MarketMovesWorker extends DeadlineWorker {
  protected readonly logger = new Logger('MarketMoves');

  constructor(
    private readonly moves: MarketMoves,
    alarms: MarketMovesAlarms,
  ) {
    super(alarms);
  }

  protected dueIds(limit: number): Promise<string[]> {
    return this.moves.dueIds(limit);
  }

  protected deadlines(): Promise<{ id: string; endsAt: string }[]> {
    return Promise.resolve([]);
  }

  protected act(key: string): Promise<boolean> {
    return this.moves.tell(key);
  }
}
