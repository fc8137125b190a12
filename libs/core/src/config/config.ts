import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Everything the processes read from the environment, validated once at boot. */
export interface AppConfig {
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  /** External PostgreSQL; undefined means "start the embedded one". */
  readonly databaseUrl?: string;
  readonly embeddedPgPort: number;
  /** Connections the API keeps to PostgreSQL. */
  readonly databasePoolSize: number;
  /** Where the embedded database, the generated JWT secret and other local state live. */
  readonly dataDir: string;
  readonly redisUrl?: string;
  readonly jwtSecret: string;
  readonly jwtTtlSeconds: number;
  readonly logLevel: LogLevel;
  /** Auth requests per minute per client address; 0 turns the limit off. */
  readonly rateLimitAuth: number;
  /** Bids per second per manager; 0 turns the limit off. */
  readonly rateLimitBids: number;
  /** Dry-run extractions per minute per user; 0 turns the limit off. */
  readonly rateLimitExtract: number;
  /** Worker threads that extract articles for HTTP requests, off the event loop. */
  readonly extractWorkers: number;
  /** How long one extraction may run in its worker before it is stopped (422 TEXT_TOO_COMPLEX). */
  readonly extractTimeoutMs: number;
  /** Express `trust proxy` setting, so rate limits see the real client address behind a proxy. */
  readonly trustProxy: boolean;
}

/** A bad environment stops the start with one sentence that names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function readInt(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `${name} must be a whole number from ${min} to ${max}, got "${raw}".`);
  }
  return Number(raw);
}

function readUrl(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `${name} must be a URL such as ${protocols[0]}//host:port/…, got something that is not a URL.`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(name, `${name} must start with ${protocols.join(' or ')}, got "${url.protocol}".`);
  }
  return raw;
}

function readBool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'no'].includes(raw)) return false;
  throw new ConfigError(name, `${name} must be true or false, got "${raw}".`);
}

/**
 * Outside production a missing JWT secret is generated once and kept in the data folder,
 * so tokens survive restarts without the newcomer having to invent one.
 */
function resolveJwtSecret(env: Env, nodeEnv: AppConfig['nodeEnv'], dataDir: string): string {
  const given = env.JWT_SECRET;
  if (given !== undefined && given !== '') {
    if (given.length < 32) throw new ConfigError('JWT_SECRET', 'JWT_SECRET must be at least 32 characters long.');
    return given;
  }
  if (nodeEnv === 'production') {
    throw new ConfigError('JWT_SECRET', 'JWT_SECRET is required when NODE_ENV=production.');
  }
  const file = path.join(dataDir, 'jwt-secret');
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= 32) return stored;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): AppConfig {
  const nodeEnvRaw = env.NODE_ENV?.trim() || 'development';
  if (!['development', 'production', 'test'].includes(nodeEnvRaw)) {
    throw new ConfigError('NODE_ENV', `NODE_ENV must be development, production or test, got "${nodeEnvRaw}".`);
  }
  const nodeEnv = nodeEnvRaw as AppConfig['nodeEnv'];
  const logLevel = (env.LOG_LEVEL?.trim().toLowerCase() || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}".`);
  }
  const dataDir = path.resolve(cwd, env.DATA_DIR?.trim() || '.data');
  const embeddedPgPort = readInt(env, 'EMBEDDED_PG_PORT', 54329, 1024, 65535);
  if (embeddedPgPort === 5432) {
    throw new ConfigError('EMBEDDED_PG_PORT', 'EMBEDDED_PG_PORT must not be 5432, the port of a system PostgreSQL.');
  }
  return Object.freeze({
    nodeEnv,
    host: env.HOST?.trim() || '0.0.0.0',
    port: readInt(env, 'PORT', 3000, 0, 65535),
    databaseUrl: readUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    embeddedPgPort,
    databasePoolSize: readInt(env, 'DATABASE_POOL_SIZE', 10, 1, 200),
    dataDir,
    redisUrl: readUrl(env, 'REDIS_URL', ['redis:', 'rediss:']),
    jwtSecret: resolveJwtSecret(env, nodeEnv, dataDir),
    jwtTtlSeconds: readInt(env, 'JWT_TTL_SECONDS', 12 * 3600, 60, 30 * 24 * 3600),
    logLevel,
    rateLimitAuth: readInt(env, 'RATE_LIMIT_AUTH', 20, 0, 1_000_000),
    rateLimitBids: readInt(env, 'RATE_LIMIT_BIDS', 10, 0, 1_000_000),
    rateLimitExtract: readInt(env, 'RATE_LIMIT_EXTRACT', 30, 0, 1_000_000),
    extractWorkers: readInt(env, 'EXTRACT_WORKERS', 1, 1, 16),
    extractTimeoutMs: readInt(env, 'EXTRACT_TIMEOUT_MS', 3000, 1, 600_000),
    trustProxy: readBool(env, 'TRUST_PROXY', false),
  });
}
