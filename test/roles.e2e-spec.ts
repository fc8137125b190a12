import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { auth, SEED_ARTICLE } from './support/game.js';
import { runCli } from './support/cli.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { registerAdmin, registerUser, startTestApi, type TestApi } from './support/test-api.js';

async function count(db: TestDatabase, sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return Number((await client.query(sql)).rows[0].n);
  } finally {
    await client.end();
  }
}

const storedNews = (db: TestDatabase) =>
  count(
    db,
    'SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM fee_reports) + (SELECT count(*) FROM player_price_history) AS n',
  );

describe('roles: only admins store articles (and so move prices)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ ADMIN_EMAILS: 'admin@admins.example.com, Boss@Example.com' });
  });
  afterAll(() => api.close());

  it('a signed-in non-admin gets 403 FORBIDDEN from POST /news, and nothing is stored or priced', async () => {
    const manager = await registerUser(api);
    expect(manager.user.role).toBe('user');
    const before = await storedNews(api.db);
    const response = await api
      .http()
      .post('/api/v1/news')
      .set(auth(manager))
      .send({ text: SEED_ARTICLE, url: 'https://example.com/forged' })
      .expect(403);
    expect(response.body).toEqual({ statusCode: 403, code: 'FORBIDDEN', message: expect.stringContaining('admins only') });
    expect(await storedNews(api.db)).toBe(before);
    const { body } = await api.http().get('/api/v1/players').query({ q: 'Pierre Kalulu' });
    expect(body.items[0].price.basis).toBe('default');
    // The dry run stays open to every signed-in user.
    const dry = await api.http().post('/api/v1/news/extract').set(auth(manager)).send({ text: SEED_ARTICLE }).expect(200);
    expect(dry.body.reports).toHaveLength(1);
  });

  it('ADMIN_EMAILS makes an admin at sign-up, in any letter case; /me and login say so', async () => {
    const boss = await registerUser(api, { email: 'BOSS@example.COM' });
    expect(boss.user.role).toBe('admin');
    expect((await api.http().get('/api/v1/me').set(auth(boss)).expect(200)).body.role).toBe('admin');
    const login = await api.http().post('/api/v1/auth/login').send({ email: 'boss@example.com', password: boss.password }).expect(200);
    expect(login.body.user).toEqual({ id: boss.user.id, email: 'BOSS@example.COM', displayName: boss.displayName, role: 'admin' });
    await api.http().post('/api/v1/news').set(auth(boss)).send({ text: SEED_ARTICLE }).expect(201);
  });

  it('an admin who signed out cannot use the access token still in hand on POST /news', async () => {
    const admin = await registerAdmin(api);
    await api.http().post('/api/v1/auth/logout').send({ refreshToken: admin.refreshToken }).expect(204);
    const refused = await api
      .http()
      .post('/api/v1/news')
      .set(auth(admin))
      .send({ text: `${SEED_ARTICLE}\n(3)` })
      .expect(401);
    expect(refused.body.code).toBe('SESSION_REVOKED');
  });

  it('the role is read at request time: an admin demoted in the database loses POST /news with the same token', async () => {
    const admin = await registerAdmin(api);
    await api
      .http()
      .post('/api/v1/news')
      .set(auth(admin))
      .send({ text: `${SEED_ARTICLE}\n(1)` })
      .expect(201);
    const client = new pg.Client({ connectionString: api.db.url });
    await client.connect();
    await client.query(`UPDATE users SET role = 'user' WHERE id = $1`, [admin.user.id]);
    await client.end();
    const refused = await api
      .http()
      .post('/api/v1/news')
      .set(auth(admin))
      .send({ text: `${SEED_ARTICLE}\n(2)` })
      .expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');
  });

  it('the database refuses a role that is neither user nor admin', async () => {
    const manager = await registerUser(api);
    const client = new pg.Client({ connectionString: api.db.url });
    await client.connect();
    await expect(client.query(`UPDATE users SET role = 'root' WHERE id = $1`, [manager.user.id])).rejects.toThrow(/users_role_check/);
    await client.end();
  });
});

describe('ADMIN_EMAILS at start-up promotes accounts that already exist', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('an account made before it was listed is an admin after the next start', async () => {
    const first = await startTestApi({ ADMIN_EMAILS: '' }, db);
    const early = await registerUser(first, { email: `Early.${Date.now()}@example.com` });
    expect(early.user.role).toBe('user');
    await first.close();

    const second = await startTestApi({ ADMIN_EMAILS: ` ${early.email.toUpperCase()} ` }, db);
    try {
      expect((await second.http().get('/api/v1/me').set(auth(early)).expect(200)).body.role).toBe('admin');
      await second.http().post('/api/v1/news').set(auth(early)).send({ text: SEED_ARTICLE }).expect(201);
    } finally {
      await second.close();
    }
  });
});

describe('npm run cli -- users:grant-admin / users:revoke-admin', () => {
  let api: TestApi;
  const cli = (...args: string[]) => runCli(api.db.url, ...args);
  beforeAll(async () => {
    api = await startTestApi({ ADMIN_EMAILS: '' });
  });
  afterAll(() => api.close());

  it('grants admin by email (any case), at once for a token already issued, and revokes it again', async () => {
    const manager = await registerUser(api);
    await api.http().post('/api/v1/news').set(auth(manager)).send({ text: SEED_ARTICLE }).expect(403);

    const granted = await cli('users:grant-admin', manager.email.toUpperCase());
    expect(granted.stdout).toContain(`${manager.email} is now an admin`);
    expect((await api.http().get('/api/v1/me').set(auth(manager)).expect(200)).body.role).toBe('admin');
    await api.http().post('/api/v1/news').set(auth(manager)).send({ text: SEED_ARTICLE }).expect(201);

    const revoked = await cli('users:revoke-admin', manager.email);
    expect(revoked.stdout).toContain('no longer an admin');
    await api
      .http()
      .post('/api/v1/news')
      .set(auth(manager))
      .send({ text: `${SEED_ARTICLE}\nagain` })
      .expect(403);
  });

  it('says so and exits 1 for an email with no account', async () => {
    const failed = await cli('users:grant-admin', 'nobody@example.com').then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain('no account has the email nobody@example.com');
  });
});
