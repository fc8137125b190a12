import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './config.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'fm-config-'));

describe('loadConfig', () => {
  it('starts with sensible defaults and an embedded database', () => {
    const cwd = tmp();
    const config = loadConfig({}, cwd);
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.embeddedPgPort).toBe(54329);
    expect(config.dataDir).toBe(path.join(cwd, '.data'));
    expect(config.rateLimitAuth).toBe(20);
    expect(config.rateLimitBids).toBe(10);
    expect(config.jwtTtlSeconds).toBe(900);
    expect(config.refreshTtlSeconds).toBe(30 * 24 * 3600);
    expect(config.adminEmails).toEqual([]);
    expect(config.rateLimitExtract).toBe(30);
    expect(config.extractWorkers).toBe(1);
    expect(config.extractTimeoutMs).toBe(3000);
  });

  it('reads ADMIN_EMAILS as a lower-cased list, spaces and empty entries ignored', () => {
    const config = loadConfig({ ADMIN_EMAILS: ' Boss@Example.com, ,ops@example.org,boss@example.com ' }, tmp());
    expect(config.adminEmails).toEqual(['boss@example.com', 'ops@example.org']);
  });

  it('lets only tests use access tokens shorter than a minute', () => {
    expect(loadConfig({ NODE_ENV: 'test', JWT_TTL_SECONDS: '3' }, tmp()).jwtTtlSeconds).toBe(3);
    expect(() => loadConfig({ JWT_TTL_SECONDS: '3' }, tmp())).toThrow(/JWT_TTL_SECONDS must be a whole number from 60/);
  });

  it('reads the extraction limits, 0 turning the extract rate limit off', () => {
    const config = loadConfig({ RATE_LIMIT_EXTRACT: '0', EXTRACT_WORKERS: '2', EXTRACT_TIMEOUT_MS: '50' }, tmp());
    expect([config.rateLimitExtract, config.extractWorkers, config.extractTimeoutMs]).toEqual([0, 2, 50]);
  });

  it('generates a development JWT secret once and keeps it in the data folder', () => {
    const cwd = tmp();
    const first = loadConfig({}, cwd).jwtSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(path.join(cwd, '.data', 'jwt-secret'), 'utf8').trim()).toBe(first);
    expect(loadConfig({}, cwd).jwtSecret).toBe(first);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x/y' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'http://x' }, 'REDIS_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ LOG_FORMAT: 'xml' }, 'LOG_FORMAT'],
    [{ EMBEDDED_PG_PORT: '5432' }, 'EMBEDDED_PG_PORT'],
    [{ RATE_LIMIT_BIDS: '-1' }, 'RATE_LIMIT_BIDS'],
    [{ RATE_LIMIT_EXTRACT: 'many' }, 'RATE_LIMIT_EXTRACT'],
    [{ RATE_LIMIT_EXTRACT: '-5' }, 'RATE_LIMIT_EXTRACT'],
    [{ EXTRACT_WORKERS: '0' }, 'EXTRACT_WORKERS'],
    [{ EXTRACT_WORKERS: '64' }, 'EXTRACT_WORKERS'],
    [{ EXTRACT_TIMEOUT_MS: '0' }, 'EXTRACT_TIMEOUT_MS'],
    [{ EXTRACT_TIMEOUT_MS: '2.5' }, 'EXTRACT_TIMEOUT_MS'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '11' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.1,evil' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY'],
    [{ PRICE_HOLD_FACTOR: '1' }, 'PRICE_HOLD_FACTOR'],
    [{ LIMIT_LEAGUES_PER_DAY: 'many' }, 'LIMIT_LEAGUES_PER_DAY'],
    [{ ADMIN_EMAILS: 'boss@example.com;ops@example.com' }, 'ADMIN_EMAILS'],
    [{ ADMIN_EMAILS: 'boss' }, 'ADMIN_EMAILS'],
    [{ JWT_TTL_SECONDS: '90000' }, 'JWT_TTL_SECONDS'],
    [{ REFRESH_TTL_SECONDS: 'forever' }, 'REFRESH_TTL_SECONDS'],
  ])('refuses %j with one sentence naming %s', (env, variable) => {
    let caught: unknown;
    try {
      loadConfig(env, tmp());
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).variable).toBe(variable);
    expect((caught as ConfigError).message).toContain(variable);
  });

  it('trusts no proxy by default, and otherwise a hop count or the proxies named', () => {
    expect(loadConfig({}, tmp()).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }, tmp()).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }, tmp()).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,::1' }, tmp()).trustProxy).toEqual(['loopback', '10.0.0.0/8', '::1']);
  });
});
