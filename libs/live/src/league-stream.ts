import type { LeagueEvent } from '@fantamercato/leagues';

/** How many delivered events each watched league keeps, to finish a replay without a second read. */
export const RECENT_EVENTS = 512;
/** How long an out-of-order event waits for the ones before it before we read them from the database. */
export const GAP_WAIT_MS = 150;

/**
 * One league's events in this process, delivered in seq order, each once. Events reach a process
 * from its own commits and from other processes, not always in order; this puts them back in order,
 * and fetches what went missing from the log (the database is the truth, the socket the fast path).
 */
export class LeagueStream {
  /** The highest seq delivered to this process's watchers. */
  delivered: number;
  private readonly pending = new Map<number, LeagueEvent>();
  private readonly recent: LeagueEvent[] = [];
  private gapTimer?: NodeJS.Timeout;
  private closed = false;

  constructor(
    readonly leagueId: string,
    startAfter: number,
    private readonly emit: (event: LeagueEvent) => void,
    private readonly fetchRange: (afterSeq: number, upToSeq: number) => Promise<LeagueEvent[]>,
  ) {
    this.delivered = startAfter;
  }

  accept(event: LeagueEvent): void {
    if (this.closed || event.seq <= this.delivered || this.pending.has(event.seq)) return;
    this.pending.set(event.seq, event);
    this.flush();
  }

  /** Events delivered after `seq`, if this stream still remembers all of them. */
  deliveredSince(seq: number): LeagueEvent[] | null {
    if (seq >= this.delivered) return [];
    const first = this.recent[0];
    if (!first || first.seq > seq + 1) return null;
    return this.recent.filter((e) => e.seq > seq);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.gapTimer);
  }

  private flush(): void {
    for (let next = this.pending.get(this.delivered + 1); next; next = this.pending.get(this.delivered + 1)) {
      this.pending.delete(next.seq);
      this.delivered = next.seq;
      this.recent.push(next);
      if (this.recent.length > RECENT_EVENTS) this.recent.shift();
      this.emit(next);
    }
    if (this.pending.size > 0 && !this.gapTimer && !this.closed) {
      this.gapTimer = setTimeout(() => void this.fillGap(), GAP_WAIT_MS);
      this.gapTimer.unref();
    }
  }

  private async fillGap(): Promise<void> {
    this.gapTimer = undefined;
    if (this.pending.size === 0 || this.closed) return;
    const upTo = Math.min(...this.pending.keys()) - 1;
    try {
      for (const event of await this.fetchRange(this.delivered, upTo)) this.accept(event);
    } catch {
      // The database is busy or gone: the flush below arms another attempt.
    } finally {
      this.flush();
    }
  }
}
