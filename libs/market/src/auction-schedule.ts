import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Subject } from 'rxjs';

/** Node's timers cannot wait longer than ~24.8 days; a longer deadline is re-armed on the way. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** In-process alarms at deadlines, by id: `due` says which fell due. Only a hint: the database decides. */
export class Alarms implements OnApplicationShutdown {
  readonly due = new Subject<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  closeAt(auctionId: string, endsAt: string): void {
    clearTimeout(this.timers.get(auctionId));
    const wait = Math.max(0, new Date(endsAt).getTime() - Date.now()) + 25;
    const timer = setTimeout(
      () => {
        this.timers.delete(auctionId);
        if (wait > MAX_TIMER_MS) this.closeAt(auctionId, endsAt);
        else this.due.next(auctionId);
      },
      Math.min(wait, MAX_TIMER_MS),
    );
    timer.unref();
    this.timers.set(auctionId, timer);
  }

  onApplicationShutdown(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

/**
 * Alarms at each open auction's deadline, so closing happens on time rather than at the next
 * sweep. Only a hint: the database decides whether an auction is due (see closeIfDue).
 */
@Injectable()
export class AuctionSchedule extends Alarms {}
