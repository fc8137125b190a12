import { Injectable, Logger } from '@nestjs/common';
import { AuctionSchedule } from './auction-schedule.js';
import { AuctionClosing } from './auction-closing.service.js';
import { DeadlineWorker } from './deadline-worker.js';

/** Closes auctions at their deadline in every API process (closing itself is exactly-once in the database). */
@Injectable()
export class AuctionCloser extends DeadlineWorker {
  protected readonly logger = new Logger('AuctionCloser');

  constructor(
    private readonly closing: AuctionClosing,
    schedule: AuctionSchedule,
  ) {
    super(schedule);
  }

  protected dueIds(limit: number): Promise<string[]> {
    return this.closing.dueAuctionIds(limit);
  }

  protected deadlines(): Promise<{ id: string; endsAt: string }[]> {
    return this.closing.openDeadlines();
  }

  protected act(auctionId: string): Promise<boolean> {
    return this.closing.closeIfDue(auctionId);
  }
}
