import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { HOSTILE_SHAPES } from '../libs/pricing/src/extract/index.js';
import { registerAdmin, registerUser, startTestApi, type TestApi } from './support/test-api.js';
import { SEED_ARTICLE } from './support/game.js';

/** 200 kB of one-letter lines: the slowest shape still linear, a few hundred ms of extraction. */
const HOSTILE = HOSTILE_SHAPES.find((s) => s.name.startsWith('short lines'))!.make(200_000);

async function post(api: TestApi, token: string, route: string, body: unknown): Promise<{ status: number; headers: Headers; body: any }> {
  const response = await fetch(`${api.url}/api/v1${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

async function timedHealth(api: TestApi): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${api.url}/api/v1/health`);
  await response.arrayBuffer();
  expect(response.status).toBe(200);
  return performance.now() - started;
}

interface Poll {
  readonly at: number;
  readonly ms: number;
  readonly status: number;
}

/**
 * Polls /health from a thread of its own, as an outside client would: a poller on the test's
 * thread would be frozen with the server it measures and never see the wait.
 */
function startHealthPoller(url: string): { firstAnswer: Promise<void>; stop(): Promise<Poll[]> } {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
    let running = true;
    const polls = [];
    parentPort.on('message', () => { running = false; });
    (async () => {
      while (running) {
        const at = Date.now();
        const started = performance.now();
        const response = await fetch(workerData.url);
        await response.arrayBuffer();
        polls.push({ at, ms: performance.now() - started, status: response.status });
        if (polls.length === 1) parentPort.postMessage('first');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      parentPort.postMessage(polls);
    })();`,
    { eval: true, workerData: { url: `${url}/api/v1/health` } },
  );
  const messages: ((m: unknown) => void)[] = [];
  worker.on('message', (m) => messages.shift()?.(m));
  const next = () => new Promise<unknown>((resolve) => messages.push(resolve));
  const firstAnswer = next().then(() => undefined);
  return {
    firstAnswer,
    async stop() {
      await firstAnswer;
      const result = next();
      worker.postMessage('stop');
      const polls = (await result) as Poll[];
      await worker.terminate();
      return polls;
    },
  };
}

describe('extraction runs off the event loop', () => {
  let api: TestApi;
  let token: string;
  beforeAll(async () => {
    api = await startTestApi();
    token = (await registerUser(api)).token;
  });
  afterAll(() => api.close());

  it('answers /health within 200 ms, again and again, while a 200 kB hostile extraction runs', async () => {
    const poller = startHealthPoller(api.url);
    await poller.firstAnswer;
    const started = Date.now();
    const { status } = await post(api, token, '/news/extract', { text: HOSTILE });
    const ended = Date.now();
    const polls = await poller.stop();
    expect(status).toBe(200);
    // The poller's first answer (its own cold start) came before; these were asked while the extraction ran.
    const during = polls.filter((p) => p.at >= started && p.at <= ended);
    // Several answers came while the extraction was still running, and every one was prompt.
    expect(during.length).toBeGreaterThanOrEqual(3);
    expect(during.filter((p) => p.status !== 200 || p.ms >= 200).map((p) => [p.status, Math.round(p.ms)])).toEqual([]);
  });
});

describe('a text over the extraction budget', () => {
  let api: TestApi;
  let token: string;
  beforeAll(async () => {
    api = await startTestApi({ EXTRACT_TIMEOUT_MS: '100' });
    token = (await registerUser(api)).token;
    // The worker's first task builds its registry index; later ones only extract.
    expect((await post(api, token, '/news/extract', { text: SEED_ARTICLE })).status).toBe(200);
  });
  afterAll(() => api.close());

  it('answers 422 TEXT_TOO_COMPLEX, the server stays healthy and the next extraction works', async () => {
    const refused = await post(api, token, '/news/extract', { text: HOSTILE });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ statusCode: 422, code: 'TEXT_TOO_COMPLEX', message: expect.any(String) });

    expect(await timedHealth(api)).toBeLessThan(200);
    const next = await post(api, token, '/news/extract', { text: SEED_ARTICLE });
    expect(next.status).toBe(200);
    expect(next.body.reports.map((r: { player: { name: string } }) => r.player.name)).toEqual(['Pierre Kalulu']);
  });

  it('refuses to store such an article (POST /news): 422, and nothing is stored', async () => {
    const refused = await post(api, (await registerAdmin(api)).token, '/news', { text: HOSTILE, url: 'https://example.com/hostile' }); // storing is for admins
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('TEXT_TOO_COMPLEX');
    const client = new pg.Client({ connectionString: api.db.url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM articles WHERE url = 'https://example.com/hostile'`);
      expect(rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
  });
});

describe('RATE_LIMIT_EXTRACT', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_EXTRACT: '2' });
  });
  afterAll(() => api.close());

  it('answers 429 RATE_LIMITED with Retry-After past the limit, per user', async () => {
    const first = (await registerUser(api)).token;
    const second = (await registerUser(api)).token;
    const text = 'Il Milan chiede 25 milioni di euro per Kalulu.';
    expect((await post(api, first, '/news/extract', { text })).status).toBe(200);
    expect((await post(api, first, '/news/extract', { text })).status).toBe(200);
    const limited = await post(api, first, '/news/extract', { text });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another manager has a budget of his own.
    expect((await post(api, second, '/news/extract', { text })).status).toBe(200);
  });
});
