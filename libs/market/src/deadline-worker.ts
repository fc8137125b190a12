import { type Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import type { Alarms } from './auction-schedule.js';

export const SWEEP_INTERVAL_MS = 1_000;
const SWEEP_BATCH = 50;

/**
 * What every deadline in the game needs, in every API process: an auction's close, a nomination
 * clock, a sealed window's close. A timer per deadline for punctuality (`alarms`), plus a sweeper for
 * whatever a timer could not know about (a deadline moved by another process, deadlines that passed
 * while no process ran). The work itself (`act`) is exactly-once in the database, so any number of
 * processes may race for the same deadline; a failure is logged and the next sweep tries again.
 */
export abstract class DeadlineWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  protected abstract readonly logger: Logger;
  protected stopped = false;
  private sweeper?: NodeJS.Timeout;
  private readonly subscriptions: Subscription[] = [];
  private sweeping = false;

  constructor(protected readonly alarms: Alarms) {}

  /** Up to `limit` ids whose deadline has passed, oldest first. */
  protected abstract dueIds(limit: number): Promise<string[]>;
  /** Every pending deadline, to arm a starting process's timers. */
  protected abstract deadlines(): Promise<{ id: string; endsAt: string }[]>;
  /** The work at the deadline; a no-op if it is not due (yet) or was done elsewhere. */
  protected abstract act(id: string): Promise<unknown>;

  /** More subscriptions to end with the worker (a subclass's own). */
  protected keep(subscription: Subscription): void {
    this.subscriptions.push(subscription);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.keep(this.alarms.due.subscribe((id) => void this.run(id)));
    for (const { id, endsAt } of await this.deadlines()) this.alarms.closeAt(id, endsAt);
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
    await this.sweep(); // what fell due while no process was running is done now
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearInterval(this.sweeper);
    for (const s of this.subscriptions) s.unsubscribe();
  }

  async sweep(): Promise<void> {
    if (this.sweeping || this.stopped) return;
    this.sweeping = true;
    try {
      let previous = '';
      for (;;) {
        const due = await this.dueIds(SWEEP_BATCH);
        for (const id of due) await this.run(id);
        // A full batch means more may wait; the same batch again means none of it could be done now
        // (held by another process, or failing): the next sweep tries again rather than spinning.
        const round = due.join(',');
        if (due.length < SWEEP_BATCH || this.stopped || round === previous) break;
        previous = round;
      }
    } catch (error) {
      if (!this.stopped) this.logger.error(error);
    } finally {
      this.sweeping = false;
    }
  }

  protected async run(id: string): Promise<void> {
    if (this.stopped) return;
    try {
      await this.act(id);
    } catch (error) {
      if (!this.stopped) this.logger.error(error); // the sweeper retries on its next round
    }
  }
}
