import { Injectable } from '@nestjs/common';
import { Subject } from 'rxjs';
import type { EntityManager } from 'typeorm';

import type { LeagueEvent, LeagueEventData, LeagueEventType, PersonalMessages, PersonalMessageType } from '@fantamercato/contract';

/** One line of a league's log (`seq` gapless per league, from 1), discriminated by `type`: the contract's. */
export type { LeagueEvent, LeagueEventType } from '@fantamercato/contract';

interface EventRow {
  league_id: string;
  seq: string;
  type: LeagueEventType;
  at: Date;
  data: unknown;
}

/** A stored row as the contract's event: the `data` column was written for its `type` by appendLeagueEvent or place_bids. */
export function toLeagueEvent(row: EventRow): LeagueEvent {
  return { seq: Number(row.seq), leagueId: row.league_id, type: row.type, at: row.at.toISOString(), data: row.data } as LeagueEvent;
}

/**
 * Appends an event in the caller's transaction. Taking the next seq updates the league row, so
 * event-producing transactions of one league queue there and commit in seq order: no gaps, no
 * reordering. Callers take this lock last, after their own rows, to keep it short.
 */
export async function appendLeagueEvent<T extends LeagueEventType>(
  manager: EntityManager,
  leagueId: string,
  type: T,
  data: LeagueEventData[T],
): Promise<LeagueEvent> {
  const [row] = await manager.query(
    `WITH next AS (UPDATE leagues SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq)
     INSERT INTO league_events (league_id, seq, type, data)
     SELECT $1, last_seq, $2, $3::jsonb FROM next
     RETURNING league_id, seq, type, at, data`,
    [leagueId, type, JSON.stringify(data)],
  );
  return toLeagueEvent(row as EventRow);
}

export async function readLeagueEvents(manager: EntityManager, leagueId: string, afterSeq: number, limit: number): Promise<LeagueEvent[]> {
  const rows: EventRow[] = await manager.query(
    `SELECT league_id, seq, type, at, data FROM league_events WHERE league_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
    [leagueId, afterSeq, limit],
  );
  return rows.map(toLeagueEvent);
}

/** A message for one manager only (outbid, budget.updated), typed by the contract's map. */
export type PersonalMessage = {
  [T in PersonalMessageType]: { userId: string; event: T; payload: PersonalMessages[T] };
}[PersonalMessageType];

/**
 * What committed transactions announce, in this process. The live gateway subscribes; the
 * database stays the truth (a client that missed something replays it from league_events).
 */
@Injectable()
export class LeagueAnnouncements {
  readonly events = new Subject<LeagueEvent>();
  readonly personal = new Subject<PersonalMessage>();

  /** Call only after the transaction that wrote them has committed. */
  publish(events: readonly LeagueEvent[], personal: readonly PersonalMessage[] = []): void {
    for (const event of events) this.events.next(event);
    for (const message of personal) this.personal.next(message);
  }
}
