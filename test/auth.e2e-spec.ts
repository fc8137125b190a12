import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import pg from 'pg';
import { registerUser, startTestApi, type TestApi } from './support/test-api.js';

describe('accounts', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('registers a manager, answers a token, and stores only an argon2id hash', async () => {
    const response = await api
      .http()
      .post('/api/v1/auth/register')
      .send({ email: '  Giulia@Example.com ', password: 'correct horse battery', displayName: ' Giulia ' })
      .expect(201);
    expect(response.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.stringMatching(/^[\w-]{43}$/),
      user: { id: expect.any(String), email: 'Giulia@Example.com', displayName: 'Giulia', role: 'user' },
    });
    expect(JSON.stringify(response.body)).not.toContain('correct horse');
    const client = new pg.Client({ connectionString: api.db.url });
    await client.connect();
    const { rows } = await client.query('SELECT password_hash FROM users WHERE id = $1', [response.body.user.id]);
    // The refresh token is stored only as its SHA-256.
    const tokens = await client.query(
      'SELECT t.token_hash FROM refresh_tokens t JOIN auth_sessions s ON s.id = t.session_id WHERE s.user_id = $1',
      [response.body.user.id],
    );
    await client.end();
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(tokens.rows).toEqual([{ token_hash: createHash('sha256').update(response.body.refreshToken).digest() }]);
  });

  it.each([
    ['shorter than 10 characters', 'short pw', 'password must be at least 10 characters long'],
    ['only spaces', ' '.repeat(12), 'password must not be only spaces'],
    ['only whitespace of several kinds', ' \t \n  \t \n  ', 'password must not be only spaces'],
    ['a common password', 'password123', 'password is one of the most common passwords'],
    ['a common password in other letter case', 'QwertyUiop', 'password is one of the most common passwords'],
  ])('refuses a password %s with 400 VALIDATION_FAILED naming password, and makes no account', async (_name, password, problem) => {
    const email = `weak.${Date.now()}.${Math.random()}@example.com`;
    const response = await api.http().post('/api/v1/auth/register').send({ email, password, displayName: 'Weak' }).expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: expect.stringContaining(problem) });
    expect(response.body.fields).toEqual([{ field: 'password', problems: [expect.stringContaining(problem)] }]);
    await api.http().post('/api/v1/auth/login').send({ email, password }).expect(401);
  });

  it('refuses a second account for the same email in any letter case', async () => {
    const first = await registerUser(api);
    const again = await api
      .http()
      .post('/api/v1/auth/register')
      .send({ email: first.email.toUpperCase(), password: 'another password 1', displayName: 'Copycat' })
      .expect(409);
    expect(again.body).toEqual({ statusCode: 409, code: 'EMAIL_TAKEN', message: expect.any(String) });
  });

  it('lets exactly one of many simultaneous registrations of one email through', async () => {
    const email = `race.${Date.now()}@example.com`;
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        api
          .http()
          .post('/api/v1/auth/register')
          .send({ email, password: 'correct horse battery', displayName: `R${i}` }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
  });

  it('logs in with the right password, case-insensitively on the email', async () => {
    const manager = await registerUser(api);
    const response = await api
      .http()
      .post('/api/v1/auth/login')
      .send({ email: manager.email.toUpperCase(), password: manager.password })
      .expect(200);
    expect(response.body.user).toEqual(manager.user);
    const me = await api.http().get('/api/v1/me').set('Authorization', `Bearer ${response.body.accessToken}`).expect(200);
    expect(me.body).toEqual(manager.user);
  });

  it('never says whether the email or the password was wrong', async () => {
    const manager = await registerUser(api);
    const wrongPassword = await api.http().post('/api/v1/auth/login').send({ email: manager.email, password: 'not the password' });
    const unknownEmail = await api.http().post('/api/v1/auth/login').send({ email: 'nobody@example.com', password: manager.password });
    for (const response of [wrongPassword, unknownEmail]) {
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'Wrong email or password.' });
    }
  });

  describe('GET /me refuses callers without a valid token', () => {
    let token: string;
    let userId: string;
    beforeAll(async () => {
      const manager = await registerUser(api);
      token = manager.token;
      userId = manager.user.id;
    });

    it('no token', async () => {
      const response = await api.http().get('/api/v1/me').expect(401);
      expect(response.body.code).toBe('UNAUTHENTICATED');
    });

    it('a tampered token', async () => {
      const [header, payload, signature] = token.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
      const forged = Buffer.from(JSON.stringify({ ...claims, sub: '00000000-0000-0000-0000-000000000000' })).toString('base64url');
      for (const bad of [`${header}.${forged}.${signature}`, `${token}x`, 'not-a-jwt', `${header}.${payload}.`]) {
        const response = await api.http().get('/api/v1/me').set('Authorization', `Bearer ${bad}`).expect(401);
        expect(response.body.code).toBe('INVALID_TOKEN');
      }
    });

    it('a token signed with another secret or with alg none', async () => {
      const other = new JwtService({ secret: 'some-other-secret-some-other-secret-123456' });
      const foreign = await other.signAsync({ sub: userId, name: 'x' }, { issuer: 'fantamercato', expiresIn: 600 });
      const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(
        JSON.stringify({ sub: userId, name: 'x', iss: 'fantamercato', exp: Math.floor(Date.now() / 1000) + 600 }),
      ).toString('base64url')}.`;
      for (const bad of [foreign, none]) {
        const response = await api.http().get('/api/v1/me').set('Authorization', `Bearer ${bad}`).expect(401);
        expect(response.body.code).toBe('INVALID_TOKEN');
      }
    });

    it('a well-signed token without a session (as issued before sessions existed)', async () => {
      const sessionless = await api.app.get(JwtService).signAsync({ sub: userId, name: 'x' }, { expiresIn: 600 });
      const response = await api.http().get('/api/v1/me').set('Authorization', `Bearer ${sessionless}`).expect(401);
      expect(response.body.code).toBe('INVALID_TOKEN');
    });

    it('an expired token', async () => {
      const expired = await api.app.get(JwtService).signAsync({ sub: userId, name: 'x', exp: Math.floor(Date.now() / 1000) - 5 });
      const response = await api.http().get('/api/v1/me').set('Authorization', `Bearer ${expired}`).expect(401);
      expect(response.body.code).toBe('TOKEN_EXPIRED');
    });
  });
});

describe('rate limits on the auth routes', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_AUTH: '3' });
  });
  afterAll(() => api.close());

  it('answers 429 RATE_LIMITED past RATE_LIMIT_AUTH requests a minute from one address', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 5; i += 1) {
      last = await api.http().post('/api/v1/auth/login').send({ email: 'a@example.com', password: 'whatever123' });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    expect(last!.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED', message: expect.any(String) });
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
  });
});
