import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { AuctionSchedule } from './auction-schedule.js';
import { AuctionClosing } from './auction-closing.service.js';

export const SWEEP_INTERVAL_MS = 1_000;

/**
 * Closes auctions at their deadline in every API process: a timer per auction for punctuality,
 * plus a sweeper for whatever a timer could not know about (a deadline moved by another process,
 * auctions left open while no process ran). Closing itself is exactly-once in the database, so any
 * number of processes may race for the same auction.
 */
@Injectable()
export class AuctionCloser implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuctionCloser');
  private sweeper?: NodeJS.Timeout;
  private subscription?: Subscription;
  private sweeping = false;
  private stopped = false;

  constructor(
    private readonly closing: AuctionClosing,
    private readonly schedule: AuctionSchedule,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = this.schedule.due.subscribe((auctionId) => void this.close(auctionId));
    for (const { id, endsAt } of await this.closing.openDeadlines()) this.schedule.closeAt(id, endsAt);
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
    await this.sweep(); // what fell due while no process was running closes now
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearInterval(this.sweeper);
    this.subscription?.unsubscribe();
  }

  async sweep(): Promise<void> {
    if (this.sweeping || this.stopped) return;
    this.sweeping = true;
    try {
      for (;;) {
        const due = await this.closing.dueAuctionIds(50);
        for (const id of due) await this.close(id);
        if (due.length < 50 || this.stopped) break;
      }
    } catch (error) {
      if (!this.stopped) this.logger.error(error);
    } finally {
      this.sweeping = false;
    }
  }

  private async close(auctionId: string): Promise<void> {
    if (this.stopped) return;
    try {
      await this.closing.closeIfDue(auctionId);
    } catch (error) {
      if (!this.stopped) this.logger.error(error); // the sweeper retries on its next round
    }
  }
}
