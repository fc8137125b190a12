import { createConnection } from 'node:net';
import { describe } from '@jest/globals';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function redisAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port || 6379) });
    socket.setTimeout(500);
    socket.once('connect', () => (socket.end(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

/**
 * `describe` when Redis answers, else `describe.skip` with a line saying so — a suite that needs
 * Redis is reported skipped, never as a pass that tested nothing. CI sets REQUIRE_REDIS=1 so a
 * missing Redis fails there instead.
 */
export async function describeWithRedis(suite: string): Promise<(name: string, body: () => void) => void> {
  const available = await redisAnswers(REDIS_URL);
  if (!available) {
    if (process.env.REQUIRE_REDIS === '1') throw new Error(`REQUIRE_REDIS=1 but no Redis answers at ${REDIS_URL}`);
    process.stdout.write(`${suite} skipped: no Redis at ${REDIS_URL}\n`);
  }
  return available ? describe : describe.skip;
}
