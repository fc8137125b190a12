import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { loadConfig } from '../../libs/core/src/index.js';
import { createApi } from '../../apps/api/src/bootstrap.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApi {
  app: NestFastifyApplication;
  db: TestDatabase;
  /** http://127.0.0.1:<port> — the app listens, so Socket.IO clients can connect. */
  url: string;
  http: () => ReturnType<typeof request>;
  close(): Promise<void>;
}

/** In ADMIN_EMAILS of every test app unless a test sets its own: registerAdmin signs up (or in) with it. */
export const TEST_ADMIN_EMAIL = 'admin@admins.example.com';

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
      RATE_LIMIT_LOGIN: '0',
      RATE_LIMIT_SOCKET: '0',
      LIMIT_LEAGUES_PER_DAY: '0',
      LIMIT_OPEN_AUCTIONS_PER_LEAGUE: '0',
      ADMIN_EMAILS: TEST_ADMIN_EMAIL,
      RATE_LIMIT_EXTRACT: '0',
      DATABASE_URL: db.url,
      ...env,
    },
    mkdtempSync(path.join(tmpdir(), 'fm-test-app-')),
  );
  const app = await createApi(config, db.url);
  await app.listen(0, '127.0.0.1'); // listen() also makes Fastify ready, so supertest can use the server
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
  return sessionOf(body, response.body);
}

type SessionBody = {
  accessToken: string;
  refreshToken: string;
  user: { id: string; email: string; displayName: string; role: 'user' | 'admin' };
};
const sessionOf = <T extends object>(body: T, session: SessionBody) => ({
  ...body,
  token: session.accessToken,
  refreshToken: session.refreshToken,
  user: session.user,
});

/** The app's admin (TEST_ADMIN_EMAIL, from ADMIN_EMAILS): registered on first use, signed in after. */
export async function registerAdmin(api: TestApi) {
  const body = { email: TEST_ADMIN_EMAIL, password: 'admin horse battery', displayName: 'Admin' };
  const registered = await api.http().post('/api/v1/auth/register').send(body);
  const response =
    registered.status === 409
      ? await api.http().post('/api/v1/auth/login').send({ email: body.email, password: body.password })
      : registered;
  if (response.status !== 201 && response.status !== 200)
    throw new Error(`admin not signed in: ${response.status} ${JSON.stringify(response.body)}`);
  if (response.body.user.role !== 'admin') throw new Error(`${TEST_ADMIN_EMAIL} is not an admin here: is it in ADMIN_EMAILS?`);
  return sessionOf(body, response.body as SessionBody);
}
