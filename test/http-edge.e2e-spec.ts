import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { startTestApi, type TestApi } from './support/test-api.js';

/** Bad input gets a clear 4xx with a stable code, never a 500 and never a stack trace. */
describe('the HTTP edge', () => {
  let api: TestApi;
  const seen: Response[] = [];
  const remember = (response: Response) => {
    seen.push(response);
    return response;
  };
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    for (const response of seen) {
      expect(response.status).toBeLessThan(500);
      expect(JSON.stringify(response.body)).not.toMatch(/at .+\.(ts|js):\d+/);
    }
    await api.close();
  });

  const register = (body: unknown) =>
    api.http().post('/api/v1/auth/register').set('Content-Type', 'application/json').send(JSON.stringify(body)).then(remember);

  it.each([
    ['no fields at all', {}, ['email', 'password', 'displayName']],
    ['an email that is not one', { email: 'giulia', password: 'long enough pw', displayName: 'Giulia' }, ['email']],
    ['a password under 10 characters', { email: 'g@example.com', password: 'short', displayName: 'Giulia' }, ['password']],
    ['a number as password', { email: 'g@example.com', password: 12345678901, displayName: 'Giulia' }, ['password']],
    ['an empty display name', { email: 'g@example.com', password: 'long enough pw', displayName: '   ' }, ['displayName']],
    [
      'a display name over 40 characters',
      { email: 'g@example.com', password: 'long enough pw', displayName: 'x'.repeat(41) },
      ['displayName'],
    ],
    ['an object as email', { email: { $ne: '' }, password: 'long enough pw', displayName: 'Giulia' }, ['email']],
    ['an unknown field', { email: 'g@example.com', password: 'long enough pw', displayName: 'Giulia', isAdmin: true }, ['isAdmin']],
  ])('register with %s → 400 VALIDATION_FAILED naming the fields', async (_name, body, fields) => {
    const response = await register(body);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.statusCode).toBe(400);
    expect(response.body.fields.map((f: { field: string }) => f.field).sort()).toEqual([...fields].sort());
  });

  it.each([
    ['an array', [1, 2]],
    ['a string', 'hello'],
    ['a number', 42],
    ['null', null],
  ])('JSON that is not an object (%s) → 400 VALIDATION_FAILED', async (_name, body) => {
    const response = await register(body);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
  });

  it('login with a missing password is a validation error, not a failed login', async () => {
    const response = remember(await api.http().post('/api/v1/auth/login').send({ email: 'g@example.com' }));
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.fields.map((f: { field: string }) => f.field)).toEqual(['password']);
  });

  it('malformed JSON → 400 MALFORMED_JSON', async () => {
    for (const raw of ['{"email": ', '{email: 1}', "{'a':1}", '{"a":1}}']) {
      const response = remember(await api.http().post('/api/v1/auth/register').set('Content-Type', 'application/json').send(raw));
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ statusCode: 400, code: 'MALFORMED_JSON', message: expect.any(String) });
    }
  });

  it('a body over 1 MB → 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await register({ email: 'g@example.com', password: 'x'.repeat(1_100_000), displayName: 'Giulia' });
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a body that is not JSON → 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const response = remember(await api.http().post('/api/v1/auth/register').set('Content-Type', type).send('email=a&password=b'));
      expect(response.status).toBe(415);
      expect(response.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('an unknown route → 404 NOT_FOUND in the same shape', async () => {
    const response = remember(await api.http().get('/api/v1/transfer-rumours'));
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: expect.any(String) });
  });

  it('answers with security headers and a request id', async () => {
    const response = remember(await api.http().get('/api/v1/health').set('X-Request-Id', 'trace-123'));
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('ok');
    expect(response.headers['x-request-id']).toBe('trace-123');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it("carries helmet's whole set of headers on answers, on refusals at the edge and on unknown routes", async () => {
    const helmetDefaults = {
      'content-security-policy':
        "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';img-src 'self' data:;" +
        "object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' https: 'unsafe-inline';upgrade-insecure-requests",
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-frame-options': 'SAMEORIGIN',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    };
    const answers = [
      await api.http().get('/api/v1/health'),
      await api.http().post('/api/v1/auth/login').set('Content-Type', 'text/plain').send('x'),
      await api.http().get('/api/v1/no-such-route'),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 415, 404]);
    for (const response of answers) expect(response.headers).toMatchObject(helmetDefaults);
  });

  it('publishes OpenAPI generated from the DTOs', async () => {
    const response = remember(await api.http().get('/api/docs/openapi.json'));
    expect(response.status).toBe(200);
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/register', '/api/v1/auth/login', '/api/v1/me']));
    expect(response.body.components.schemas.RegisterDto.properties.password.minLength).toBe(10);
  });
});
