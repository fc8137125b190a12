import type { ErrorBody } from '@fantamercato/contract';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuctionDto } from './market.dto.js';

/** A keyed bid's stored answer: the accepted auction, or the refusal's error body. */
export type StoredAnswer = { status: 201; response: { auction: AuctionDto } } | { status: Exclude<number, 201>; response: ErrorBody };

interface Key {
  userId: string;
  auctionId: string;
  idempotencyKey: string;
}

/** bid_requests: one row per (user, auction, key), holding the answer a retry of that request gets. */
@Injectable()
export class BidRequestsRepository {
  /** The answer stored for the key, if the request was answered. */
  async answer(manager: EntityManager, key: Key): Promise<StoredAnswer | null> {
    const [row]: StoredAnswer[] = await manager.query(
      `SELECT status, response FROM bid_requests WHERE user_id = $1 AND auction_id = $2 AND idempotency_key = $3 AND status IS NOT NULL`,
      [key.userId, key.auctionId, key.idempotencyKey],
    );
    return row ?? null;
  }

  /** Takes the key for this request; false when another request holds it (its transaction waited here until that one committed). */
  async claim(manager: EntityManager, key: Key): Promise<boolean> {
    const rows = await manager.query(
      `INSERT INTO bid_requests (user_id, auction_id, idempotency_key) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
      [key.userId, key.auctionId, key.idempotencyKey],
    );
    return rows.length > 0;
  }

  async record(manager: EntityManager, key: Key, answer: StoredAnswer): Promise<void> {
    await manager.query(
      `UPDATE bid_requests SET status = $4, response = $5::json WHERE user_id = $1 AND auction_id = $2 AND idempotency_key = $3`,
      [key.userId, key.auctionId, key.idempotencyKey, answer.status, JSON.stringify(answer.response)],
    );
  }
}
