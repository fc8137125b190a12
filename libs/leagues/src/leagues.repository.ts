import type { Position } from '@fantamercato/contract';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { displayNameKey, isUniqueViolation, sqlRows } from '@fantamercato/core';
import { newInviteCode } from './invite-code.js';
import type { PersonalMessage } from './league-events.js';
import { availableToBid, POSITIONS, type LeagueRules, type MarketRules, type RosterRules } from './league-rules.js';

/** A league as the services see it: numbers as numbers, rules as one object. */
export interface StoredLeague {
  id: string;
  name: string;
  inviteCode: string;
  commissionerId: string;
  rules: LeagueRules;
  lastSeq: number;
  createdAt: Date;
}

/** A manager's money and slots in one league. */
export interface StoredMembership {
  leagueId: string;
  userId: string;
  displayName: string;
  /** The starting budget minus what was paid. */
  budget: number;
  /** The sum of the bids he leads. */
  committed: number;
  ownedCount: number;
  leadingCount: number;
  rosterSize: number;
  minPrice: number;
  joinedAt: Date;
}

export interface StoredRosterEntry {
  userId: string;
  player: { id: string; name: string; position: Position };
  price: number;
  leftTheLeague: boolean;
}

/**
 * The holdings counters (held_gk … held_fwd) moved by one at the position in SQL parameter `position`,
 * for a statement that moves owned_count or leading_count by one: memberships_held_check wants the
 * four to add up to owned + leading after every statement.
 */
function heldMoves(sign: '+' | '-', position: string): string {
  return POSITIONS.map((p) => `held_${p.toLowerCase()} = held_${p.toLowerCase()} ${sign} (${position}::text = '${p}')::int`).join(', ');
}

/** The most a manager may bid now on a player he does not lead (the rule's one implementation in TypeScript). */
export function availableOf(m: StoredMembership): number {
  return availableToBid({
    budget: m.budget,
    committed: m.committed,
    ownedCount: m.ownedCount,
    leadingCount: m.leadingCount,
    rosterSize: m.rosterSize,
    minPrice: m.minPrice,
  });
}

/** A manager's money after a change, for his sockets; `seq` is the league event that caused it, so a client can drop a stale one. */
export function budgetMessage(m: StoredMembership, seq: number): PersonalMessage {
  return { userId: m.userId, event: 'budget.updated', payload: { leagueId: m.leagueId, budget: m.budget, available: availableOf(m), seq } };
}

/** Quota columns as stored on a league row. */
interface QuotaColumns {
  roster_size: number;
  gk_min: number;
  gk_max: number;
  def_min: number;
  def_max: number;
  mid_min: number;
  mid_max: number;
  fwd_min: number;
  fwd_max: number;
}

interface LeagueRow extends QuotaColumns {
  id: string;
  name: string;
  invite_code: string;
  commissioner_id: string;
  max_managers: number;
  budget: string;
  duration_seconds: number;
  extend_seconds: number;
  min_increment: string;
  min_price: string;
  market_mode: MarketRules['mode'];
  release_refund: MarketRules['releaseRefund'];
  sealed_tie_break: MarketRules['sealedTieBreak'];
  trade_review_seconds: number;
  competitions: string[];
  transfer_refund: MarketRules['transferRefund'];
  max_bids: boolean;
  quiet_from: string | null;
  quiet_to: string | null;
  time_zone: string | null;
  last_seq: string;
  created_at: Date;
}

/** A memberships row as pg gives it (bigints as strings), or as place_bids' to_jsonb gives it (numbers, ISO strings). */
export interface MembershipRecord {
  league_id: string;
  user_id: string;
  budget: string | number;
  committed: string | number;
  owned_count: number;
  leading_count: number;
  roster_size: number;
  min_price: string | number;
  display_name: string;
  joined_at: Date | string;
}

function rosterRulesOf(row: QuotaColumns): RosterRules {
  return {
    size: row.roster_size,
    GK: [row.gk_min, row.gk_max],
    DEF: [row.def_min, row.def_max],
    MID: [row.mid_min, row.mid_max],
    FWD: [row.fwd_min, row.fwd_max],
  };
}

function leagueOf(row: LeagueRow): StoredLeague {
  return {
    id: row.id,
    name: row.name,
    inviteCode: row.invite_code,
    commissionerId: row.commissioner_id,
    rules: {
      maxManagers: row.max_managers,
      budget: Number(row.budget),
      roster: rosterRulesOf(row),
      auction: {
        durationSeconds: row.duration_seconds,
        extendSeconds: row.extend_seconds,
        minIncrement: Number(row.min_increment),
        minPrice: Number(row.min_price),
        maxBids: row.max_bids,
      },
      market: {
        mode: row.market_mode,
        releaseRefund: row.release_refund,
        sealedTieBreak: row.sealed_tie_break,
        tradeReviewSeconds: row.trade_review_seconds,
        competitions: row.competitions,
        transferRefund: row.transfer_refund,
      },
      quietHours:
        row.quiet_from && row.quiet_to && row.time_zone
          ? { from: row.quiet_from.slice(0, 5), to: row.quiet_to.slice(0, 5), timeZone: row.time_zone }
          : null,
    },
    lastSeq: Number(row.last_seq),
    createdAt: row.created_at,
  };
}

/** The boundary for a membership, from a query's row or from place_bids' JSON: numbers and a Date from here on. */
export function membershipOf(row: MembershipRecord): StoredMembership {
  return {
    leagueId: row.league_id,
    userId: row.user_id,
    displayName: row.display_name,
    budget: Number(row.budget),
    committed: Number(row.committed),
    ownedCount: row.owned_count,
    leadingCount: row.leading_count,
    rosterSize: row.roster_size,
    minPrice: Number(row.min_price),
    joinedAt: new Date(row.joined_at),
  };
}

/** Two managers would share a name in the league (the unique (league, name_key) index said so). */
export class NameTakenInLeague extends Error {}

/**
 * Every statement on leagues, memberships and roster entries. Each takes the caller's manager, so
 * a service decides what runs in one transaction; rows become StoredLeague/StoredMembership here.
 */
@Injectable()
export class LeaguesRepository {
  async findById(manager: EntityManager, leagueId: string): Promise<StoredLeague | null> {
    const [row]: LeagueRow[] = await manager.query(`SELECT * FROM leagues WHERE id = $1`, [leagueId]);
    return row ? leagueOf(row) : null;
  }

  /**
   * The league of an invite code, its row locked. NO KEY UPDATE still queues joins (and event
   * appends) one by one, but not behind the KEY SHARE locks that auctions being opened in the
   * league hold on it: a plain FOR UPDATE waited for each.
   */
  async lockByInviteCode(manager: EntityManager, code: string): Promise<StoredLeague | null> {
    const [row]: LeagueRow[] = await manager.query(`SELECT * FROM leagues WHERE invite_code = $1 FOR NO KEY UPDATE`, [code]);
    return row ? leagueOf(row) : null;
  }

  async listForUser(manager: EntityManager, userId: string): Promise<StoredLeague[]> {
    const rows: LeagueRow[] = await manager.query(
      `SELECT l.* FROM leagues l JOIN memberships m ON m.league_id = l.id WHERE m.user_id = $1 AND m.removed_at IS NULL ORDER BY l.created_at DESC, l.id`,
      [userId],
    );
    return rows.map(leagueOf);
  }

  /** A fresh invite code each try; a clash with an existing one (60 random bits: never in practice) draws again. */
  async insert(manager: EntityManager, commissionerId: string, name: string, rules: LeagueRules): Promise<StoredLeague> {
    const { roster, auction } = rules;
    for (let attempt = 0; ; attempt += 1) {
      const rows: LeagueRow[] = await manager.query(
        `INSERT INTO leagues (name, invite_code, commissioner_id, created_by, max_managers, budget, roster_size,
                              gk_min, gk_max, def_min, def_max, mid_min, mid_max, fwd_min, fwd_max,
                              duration_seconds, extend_seconds, min_increment, min_price, market_mode, max_bids, quiet_from, quiet_to, time_zone, release_refund, sealed_tie_break, trade_review_seconds, competitions, transfer_refund)
         VALUES ($1, $2, $3, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27::text[], $28)
         ON CONFLICT (invite_code) DO NOTHING
         RETURNING *`,
        [
          name,
          newInviteCode(),
          commissionerId,
          rules.maxManagers,
          rules.budget,
          roster.size,
          ...POSITIONS.flatMap((p) => roster[p]),
          auction.durationSeconds,
          auction.extendSeconds,
          auction.minIncrement,
          auction.minPrice,
          rules.market.mode,
          auction.maxBids,
          rules.quietHours?.from ?? null,
          rules.quietHours?.to ?? null,
          rules.quietHours?.timeZone ?? null,
          rules.market.releaseRefund,
          rules.market.sealedTieBreak,
          rules.market.tradeReviewSeconds,
          rules.market.competitions,
          rules.market.transferRefund,
        ],
      );
      if (rows[0]) return leagueOf(rows[0]);
      if (attempt >= 3) throw new Error('could not draw a free invite code');
    }
  }

  /**
   * LIMIT_LEAGUES_PER_DAY's count, under the user's row lock so simultaneous creations by one user
   * are counted one after another: how many in the last day, and seconds until the oldest ages out.
   */
  async lockAndCountCreatedToday(manager: EntityManager, userId: string): Promise<{ count: number; retryAfterSeconds: number }> {
    await manager.query(`SELECT 1 FROM users WHERE id = $1 FOR NO KEY UPDATE`, [userId]);
    const [{ count, retry_after }] = await manager.query(
      `SELECT count(*)::int AS count,
              ceil(extract(epoch FROM min(created_at) + interval '1 day' - now()))::int AS retry_after
         FROM leagues WHERE created_by = $1 AND created_at > now() - interval '1 day'`,
      [userId],
    );
    return { count, retryAfterSeconds: Math.max(1, retry_after ?? 1) };
  }

  async isMember(manager: EntityManager, leagueId: string, userId: string): Promise<boolean> {
    const rows = await manager.query(`SELECT 1 FROM memberships WHERE league_id = $1 AND user_id = $2 AND removed_at IS NULL`, [
      leagueId,
      userId,
    ]);
    return rows.length > 0;
  }

  async findMembership(manager: EntityManager, leagueId: string, userId: string): Promise<StoredMembership | null> {
    const [row]: MembershipRecord[] = await manager.query(
      `SELECT * FROM memberships WHERE league_id = $1 AND user_id = $2 AND removed_at IS NULL`,
      [leagueId, userId],
    );
    return row ? membershipOf(row) : null;
  }

  async countMembers(manager: EntityManager, leagueId: string): Promise<number> {
    const [{ count }] = await manager.query(`SELECT count(*)::int AS count FROM memberships WHERE league_id = $1 AND removed_at IS NULL`, [
      leagueId,
    ]);
    return count;
  }

  async listMemberships(manager: EntityManager, leagueId: string): Promise<StoredMembership[]> {
    const rows: MembershipRecord[] = await manager.query(
      `SELECT m.* FROM memberships m WHERE m.league_id = $1 AND m.removed_at IS NULL ORDER BY m.joined_at, m.user_id`,
      [leagueId],
    );
    return rows.map(membershipOf);
  }

  /** The membership's name is the nickname, else the account's; the unique (league, name_key) decides clashes. */
  async insertMembership(manager: EntityManager, league: StoredLeague, userId: string, nickname?: string): Promise<StoredMembership> {
    const [user]: { display_name: string }[] = await manager.query(`SELECT display_name FROM users WHERE id = $1`, [userId]);
    const name = nickname ?? user!.display_name;
    try {
      const [row]: MembershipRecord[] = await manager.query(
        `INSERT INTO memberships (league_id, user_id, budget, roster_size, min_price, display_name, name_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
        [league.id, userId, league.rules.budget, league.rules.roster.size, league.rules.auction.minPrice, name, displayNameKey(name)],
      );
      return membershipOf(row!);
    } catch (error) {
      if (isUniqueViolation(error, 'memberships_name_key')) throw new NameTakenInLeague(name);
      throw error;
    }
  }

  async rosters(manager: EntityManager, leagueId: string): Promise<StoredRosterEntry[]> {
    const rows: { user_id: string; player_id: string; name: string; position: Position; price: string; left: boolean }[] =
      await manager.query(
        `SELECT r.user_id, r.player_id, p.name, r.position, r.price, r.transferred_out_at IS NOT NULL AS left
         FROM roster_entries r JOIN players p ON p.id = r.player_id
        WHERE r.league_id = $1
        ORDER BY array_position(ARRAY['GK','DEF','MID','FWD'], r.position), r.acquired_at`,
        [leagueId],
      );
    return rows.map((r) => ({
      userId: r.user_id,
      player: { id: r.player_id, name: r.name, position: r.position },
      price: Number(r.price),
      leftTheLeague: r.left,
    }));
  }

  /**
   * A won auction, in the closer's transaction: the winner pays (budget and committed down by the
   * price, one more owned, one fewer led) and the player joins his roster.
   */
  async settleWin(
    manager: EntityManager,
    win: { leagueId: string; userId: string; playerId: string; position: Position; price: number; auctionId: string },
  ): Promise<StoredMembership> {
    const [row] = await sqlRows<MembershipRecord>(
      manager,
      `UPDATE memberships SET budget = budget - $3, committed = committed - $3,
              owned_count = owned_count + 1, leading_count = leading_count - 1
        WHERE league_id = $1 AND user_id = $2 RETURNING *`,
      [win.leagueId, win.userId, win.price],
    );
    await manager.query(
      `INSERT INTO roster_entries (league_id, user_id, player_id, position, price, auction_id) VALUES ($1, $2, $3, $4, $5, $6)`,
      [win.leagueId, win.userId, win.playerId, win.position, win.price, win.auctionId],
    );
    return membershipOf(row!);
  }

  async isOwned(manager: EntityManager, leagueId: string, playerId: string): Promise<boolean> {
    const rows = await manager.query(`SELECT 1 FROM roster_entries WHERE league_id = $1 AND player_id = $2`, [leagueId, playerId]);
    return rows.length > 0;
  }

  /** Who is the league's commissioner now (null: no such league). */
  async commissionerOf(manager: EntityManager, leagueId: string): Promise<string | null> {
    const [row]: { commissioner_id: string }[] = await manager.query(`SELECT commissioner_id FROM leagues WHERE id = $1`, [leagueId]);
    return row?.commissioner_id ?? null;
  }

  async setCommissioner(manager: EntityManager, leagueId: string, userId: string): Promise<void> {
    await manager.query(`UPDATE leagues SET commissioner_id = $2 WHERE id = $1`, [leagueId, userId]);
  }

  /** A membership, its row locked (FOR NO KEY UPDATE, like a bid's): null when the user is not in the league. */
  async lockMembershipRow(manager: EntityManager, leagueId: string, userId: string): Promise<StoredMembership | null> {
    const [row]: MembershipRecord[] = await manager.query(
      `SELECT * FROM memberships WHERE league_id = $1 AND user_id = $2 AND removed_at IS NULL FOR NO KEY UPDATE`,
      [leagueId, userId],
    );
    return row ? membershipOf(row) : null;
  }

  /**
   * One player's ownership in a league is decided one transaction at a time: an assignment and an
   * auction's opening take this lock first, so neither can slip in beside the other.
   */
  async lockPlayerInLeague(manager: EntityManager, leagueId: string, playerId: string): Promise<void> {
    // Cast to uuid and back: one key whatever case the client wrote the ids in.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1::uuid::text || ':' || $2::uuid::text, 0))`, [leagueId, playerId]);
  }

  /** The roster entry of a player in a league, locked: who owns him and at what price. */
  async lockRosterEntry(
    manager: EntityManager,
    leagueId: string,
    playerId: string,
  ): Promise<{ userId: string; price: number; position: Position; playerName: string; leftTheLeague: boolean } | null> {
    const [row]: { user_id: string; price: string; position: Position; name: string; left: boolean }[] = await manager.query(
      `SELECT r.user_id, r.price, r.position, p.name, r.transferred_out_at IS NOT NULL AS left
         FROM roster_entries r JOIN players p ON p.id = r.player_id
        WHERE r.league_id = $1 AND r.player_id = $2 FOR UPDATE OF r`,
      [leagueId, playerId],
    );
    return row
      ? { userId: row.user_id, price: Number(row.price), position: row.position, playerName: row.name, leftTheLeague: row.left }
      : null;
  }

  /** A sale undone: the entry goes, the buyer gets the price back and a free place. */
  async undoSale(manager: EntityManager, leagueId: string, playerId: string, userId: string, price: number): Promise<StoredMembership> {
    const [gone] = await sqlRows<{ position: Position }>(
      manager,
      `DELETE FROM roster_entries WHERE league_id = $1 AND player_id = $2 RETURNING position`,
      [leagueId, playerId],
    );
    const [row] = await sqlRows<MembershipRecord>(
      manager,
      `UPDATE memberships SET budget = budget + $3, owned_count = owned_count - 1, ${heldMoves('-', '$4')}
        WHERE league_id = $1 AND user_id = $2 RETURNING *`,
      [leagueId, userId, price, gone!.position],
    );
    return membershipOf(row!);
  }

  async player(manager: EntityManager, playerId: string): Promise<{ id: string; name: string; position: Position } | null> {
    const [row]: { id: string; name: string; position: Position }[] = await manager.query(
      `SELECT id, name, position FROM players WHERE id = $1`,
      [playerId],
    );
    return row ?? null;
  }

  /**
   * Whether someone owns the player in the league or he is on an open auction there — one statement,
   * one snapshot, so a closing that commits meanwhile is seen on one side or the other.
   */
  async ownedOrOnAuction(manager: EntityManager, leagueId: string, playerId: string): Promise<boolean> {
    const [row]: { taken: boolean }[] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM roster_entries WHERE league_id = $1 AND player_id = $2)
           OR EXISTS (SELECT 1 FROM auctions WHERE league_id = $1 AND player_id = $2 AND status = 'open') AS taken`,
      [leagueId, playerId],
    );
    return row!.taken;
  }

  /** What a manager holds by position: owned players and the auctions he leads (the quota rule counts both; memberships_held_check keeps the counters true). */
  async heldByPosition(manager: EntityManager, leagueId: string, userId: string): Promise<Record<Position, number>> {
    const [row]: { GK: number; DEF: number; MID: number; FWD: number }[] = await manager.query(
      `SELECT held_gk AS "GK", held_def AS "DEF", held_mid AS "MID", held_fwd AS "FWD" FROM memberships WHERE league_id = $1 AND user_id = $2`,
      [leagueId, userId],
    );
    return row ?? { GK: 0, DEF: 0, MID: 0, FWD: 0 };
  }

  /** A player given to a manager at a price, without an auction: he pays and gets him. */
  assign(
    manager: EntityManager,
    a: { leagueId: string; userId: string; playerId: string; position: Position; price: number; by: string },
  ): Promise<StoredMembership> {
    return this.addToSquad(manager, a, { assigned_by: a.by });
  }

  /** A player won in a sealed window: he pays and gets him (the window is the roster entry's source). */
  buyInWindow(
    manager: EntityManager,
    w: { leagueId: string; userId: string; playerId: string; position: Position; price: number; windowId: string },
  ): Promise<StoredMembership> {
    return this.addToSquad(manager, w, { window_id: w.windowId });
  }

  /** He pays `price` and the player joins his squad; `source` says how (roster_entries_source_check: exactly one). */
  private async addToSquad(
    manager: EntityManager,
    e: { leagueId: string; userId: string; playerId: string; position: Position; price: number },
    source: { assigned_by: string } | { window_id: string },
  ): Promise<StoredMembership> {
    const [row] = await sqlRows<MembershipRecord>(
      manager,
      `UPDATE memberships SET budget = budget - $3, owned_count = owned_count + 1, ${heldMoves('+', '$4')}
        WHERE league_id = $1 AND user_id = $2 RETURNING *`,
      [e.leagueId, e.userId, e.price, e.position],
    );
    const [column, value] = Object.entries(source)[0]!;
    await manager.query(
      `INSERT INTO roster_entries (league_id, user_id, player_id, position, price, ${column === 'window_id' ? 'window_id' : 'assigned_by'})
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [e.leagueId, e.userId, e.playerId, e.position, e.price, value],
    );
    return membershipOf(row!);
  }

  /** Who owns each of these players in the league now, their entries locked in player order (a trade's lock after the players'). */
  async lockRosterEntries(
    manager: EntityManager,
    leagueId: string,
    playerIds: string[],
  ): Promise<Map<string, { userId: string; position: Position; leftTheLeague: boolean }>> {
    const rows: { player_id: string; user_id: string; position: Position; left: boolean }[] = await manager.query(
      `SELECT player_id, user_id, position, transferred_out_at IS NOT NULL AS left
         FROM roster_entries WHERE league_id = $1 AND player_id = ANY ($2::uuid[]) ORDER BY player_id FOR UPDATE`,
      [leagueId, playerIds],
    );
    return new Map(rows.map((r) => [r.player_id, { userId: r.user_id, position: r.position, leftTheLeague: r.left }]));
  }

  /** Players changing hands in a trade: their entries pass to `userId` (price paid and first source kept, the trade named). */
  async passInTrade(manager: EntityManager, leagueId: string, tradeId: string, playerIds: string[], userId: string): Promise<void> {
    if (playerIds.length === 0) return;
    await manager.query(
      `UPDATE roster_entries SET user_id = $4, trade_id = $3, acquired_at = now() WHERE league_id = $1 AND player_id = ANY ($2::uuid[])`,
      [leagueId, playerIds, tradeId, userId],
    );
  }

  /** One side of a trade: his budget moves by `budgetDelta` and his squad by `ownedDelta` (the checks hold the rules). */
  async tradeSide(
    manager: EntityManager,
    leagueId: string,
    userId: string,
    budgetDelta: number,
    ownedDelta: number,
  ): Promise<StoredMembership> {
    const [row] = await sqlRows<MembershipRecord>(
      manager,
      `UPDATE memberships SET budget = budget + $3, owned_count = owned_count + $4,
              (held_gk, held_def, held_mid, held_fwd) = (SELECT * FROM held_by_position($1, $2))
        WHERE league_id = $1 AND user_id = $2 RETURNING *`,
      [leagueId, userId, budgetDelta, ownedDelta],
    );
    return membershipOf(row!);
  }

  /** Locks memberships in user-id order (the rule of every transaction that takes several). */
  async lockMemberships(manager: EntityManager, leagueId: string, userIds: string[]): Promise<void> {
    await manager.query(
      `SELECT 1 FROM memberships WHERE league_id = $1 AND user_id = ANY ($2::uuid[]) ORDER BY user_id FOR NO KEY UPDATE`,
      [leagueId, userIds],
    );
  }

  /** The budget moved by `delta`; the memberships' checks refuse what would leave too little (SQLSTATE 23514). */
  async adjustBudget(manager: EntityManager, leagueId: string, userId: string, delta: number): Promise<StoredMembership> {
    const [row] = await sqlRows<MembershipRecord>(
      manager,
      `UPDATE memberships SET budget = budget + $3 WHERE league_id = $1 AND user_id = $2 RETURNING *`,
      [leagueId, userId, delta],
    );
    return membershipOf(row!);
  }

  /** The league's latest event seq (0 for an unknown league). */
  /**
   * A manager's roster entries, locked in player order: a removal takes them before his membership,
   * the order an undone sale takes (its entry, then the buyer), so the two never deadlock.
   */
  async lockRosterOf(manager: EntityManager, leagueId: string, userId: string): Promise<void> {
    await manager.query(`SELECT 1 FROM roster_entries WHERE league_id = $1 AND user_id = $2 ORDER BY player_id FOR UPDATE`, [
      leagueId,
      userId,
    ]);
  }

  /** Whether the user was in the league and the commissioner removed him (he may not join again). */
  async wasRemoved(manager: EntityManager, leagueId: string, userId: string): Promise<boolean> {
    const rows = await manager.query(`SELECT 1 FROM memberships WHERE league_id = $1 AND user_id = $2 AND removed_at IS NOT NULL`, [
      leagueId,
      userId,
    ]);
    return rows.length > 0;
  }

  /**
   * Removes a manager (his row locked by the caller, leading nothing): his players leave his squad
   * for the pool and the membership is marked removed. Returns the players' ids.
   */
  async removeMember(manager: EntityManager, leagueId: string, userId: string, by: string): Promise<string[]> {
    const players: { player_id: string }[] = await manager.query(
      `WITH gone AS (DELETE FROM roster_entries WHERE league_id = $1 AND user_id = $2 RETURNING player_id) SELECT player_id FROM gone`,
      [leagueId, userId],
    );
    await manager.query(
      `UPDATE memberships SET removed_at = now(), removed_by = $3, owned_count = 0, held_gk = 0, held_def = 0, held_mid = 0, held_fwd = 0
        WHERE league_id = $1 AND user_id = $2`,
      [leagueId, userId, by],
    );
    return players.map((p) => p.player_id);
  }

  /** Whether PostgreSQL knows a time zone name (quiet hours are worked out in the database, in it). */
  async knowsTimeZone(manager: EntityManager, timeZone: string): Promise<boolean> {
    try {
      await manager.query(`SELECT now() AT TIME ZONE $1`, [timeZone]);
      return true;
    } catch {
      return false; // 22023: time zone not recognized
    }
  }

  async latestSeq(manager: EntityManager, leagueId: string): Promise<number> {
    const [row] = await manager.query(`SELECT last_seq FROM leagues WHERE id = $1`, [leagueId]);
    return row ? Number(row.last_seq) : 0;
  }
}
