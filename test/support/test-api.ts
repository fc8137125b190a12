import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { loadConfig } from '../../libs/core/src/index.js';
import { createApi } from '../../apps/api/src/bootstrap.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApi {
  app: NestExpressApplication;
  db: TestDatabase;
  /** http://127.0.0.1:<port> — the app listens, so Socket.IO clients can connect. */
  url: string;
  http: () => ReturnType<typeof request>;
  close(): Promise<void>;
}

/** The real application (same edge, pipes and filter as `npm start`) on a fresh test database. */
export async function startTestApi(env: Record<string, string> = {}, existing?: TestDatabase): Promise<TestApi> {
  const db = existing ?? (await createTestDatabase());
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      RATE_LIMIT_AUTH: '0',
      RATE_LIMIT_BIDS: '0',
      RATE_LIMIT_EXTRACT: '0',
      DATABASE_URL: db.url,
      ...env,
    },
    mkdtempSync(path.join(tmpdir(), 'fm-test-app-')),
  );
  const app = await createApi(config, db.url);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return {
    app,
    db,
    url: `http://127.0.0.1:${port}`,
    http: () => request(app.getHttpServer()),
    close: async () => {
      await app.close();
      if (!existing) await db.drop();
    },
  };
}

let counter = 0;
/** Registers a fresh manager and returns the session. */
export async function registerUser(api: TestApi, overrides: Partial<{ email: string; password: string; displayName: string }> = {}) {
  counter += 1;
  const body = {
    email: `manager${counter}.${process.pid}.${Date.now()}@example.com`,
    password: 'correct horse battery',
    displayName: `Manager ${counter}`,
    ...overrides,
  };
  const response = await api.http().post('/api/v1/auth/register').send(body).expect(201);
  return { ...body, token: response.body.accessToken as string, user: response.body.user as { id: string; email: string; displayName: string } };
}
