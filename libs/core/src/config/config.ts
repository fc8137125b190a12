import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export type LogFormat = 'pretty' | 'json';

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
  /** Bid calls (place_bids_across) one process keeps in flight at once; bids arriving meanwhile share the next. */
  readonly bidCallsInFlight: number;
  /** Where the embedded database, the generated JWT secret and other local state live. */
  readonly dataDir: string;
  readonly redisUrl?: string;
  readonly jwtSecret: string;
  /** Access-token lifetime: short, since a revoked session's token is refused only by sockets before it runs out. */
  readonly jwtTtlSeconds: number;
  /** Refresh-token lifetime, renewed by each refresh: a session idle this long ends. */
  readonly refreshTtlSeconds: number;
  /** Lower-cased emails whose accounts are admins (at sign-up, and promoted at API start-up). */
  readonly adminEmails: readonly string[];
  readonly logLevel: LogLevel;
  /** `pretty`: one human line per event (a terminal); `json`: one JSON object per line (a collector). */
  readonly logFormat: LogFormat;
  /** Auth requests per minute per client address; 0 turns the limit off. */
  readonly rateLimitAuth: number;
  /** Bids per second per manager; 0 turns the limit off. */
  readonly rateLimitBids: number;
  /** Login attempts per account per 15 minutes (from any address); 0 turns the limit off. */
  readonly rateLimitLogin: number;
  /** Messages per second per Socket.IO connection; 0 turns the limit off. */
  readonly rateLimitSocket: number;
  /** Leagues one user may create per 24 hours; 0 = no cap. */
  readonly limitLeaguesPerDay: number;
  /** Open auctions one manager may have opened in a league at once; 0 = no cap. */
  readonly limitOpenAuctionsPerLeague: number;
  /** A report more than this many times above or below a player's reported price is held for an admin. */
  readonly priceHoldFactor: number;
  /** A report above this many euros is held for an admin. */
  readonly priceCeilingEur: number;
  /**
   * Which proxies in front of the API to believe about the client's address (X-Forwarded-For), so
   * limits see real addresses: none (false), the nearest N hops, or the proxies' own addresses.
   * Never "every hop": a client could then name any address it likes.
   */
  readonly trustProxy: TrustProxy;
  /** Dry-run extractions per minute per user; 0 turns the limit off. */
  readonly rateLimitExtract: number;
  /** Worker threads that extract articles for HTTP requests, off the event loop. */
  readonly extractWorkers: number;
  /** How long one extraction may run in its worker before it is stopped (422 TEXT_TOO_COMPLEX). */
  readonly extractTimeoutMs: number;
  /** Whether this process polls due feeds in the background (every API process may; one takes each feed). */
  readonly feedPolling: boolean;
  /**
   * Whether feeds may reach private, loopback and link-local addresses (a LAN feed; the tests' local
   * server): all of them (true), none (false), or only these addresses and CIDR ranges.
   */
  readonly feedAllowPrivate: boolean | readonly string[];
  /** One fetch (a feed, or a page it links), headers and body, in milliseconds. */
  readonly feedTimeoutMs: number;
  /** Bytes one fetch may bring at most. */
  readonly feedMaxBytes: number;
  /** How long a poll holds its feed without renewing its lease before another process may take the feed over. */
  readonly feedLeaseSeconds: number;
  /** Feeds one process polls at once. */
  readonly feedConcurrency: number;
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

function readNumber(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+(\.\d+)?$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `${name} must be a number from ${min} to ${max}, got "${raw}".`);
  }
  return Number(raw);
}

/** A league.join costs 5 messages (it replays from the log): a limit under 5 would refuse every join. */
function readBool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['true', 'yes', '1'].includes(raw)) return true;
  if (['false', 'no', '0'].includes(raw)) return false;
  throw new ConfigError(name, `${name} must be true or false, got "${env[name]}".`);
}

/** FEED_ALLOW_PRIVATE: true, false, or a list of addresses and CIDR ranges (10.0.0.5,192.168.1.0/24). */
function readAllowPrivate(env: Env): boolean | readonly string[] {
  const raw = env.FEED_ALLOW_PRIVATE?.trim().toLowerCase();
  if (raw === undefined || raw === '' || ['false', 'no', '0'].includes(raw)) return false;
  if (['true', 'yes', '1'].includes(raw)) return true;
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const bad = entries.find((entry) => !isProxyAddress(entry) || PROXY_NAMES.has(entry));
  if (bad !== undefined || entries.length === 0) {
    throw new ConfigError(
      'FEED_ALLOW_PRIVATE',
      `FEED_ALLOW_PRIVATE must be true, false, or addresses and CIDR ranges; "${bad ?? raw}" is none.`,
    );
  }
  return Object.freeze(entries);
}

function readSocketLimit(env: Env): number {
  const limit = readInt(env, 'RATE_LIMIT_SOCKET', 20, 0, 1_000_000);
  if (limit > 0 && limit < 5)
    throw new ConfigError('RATE_LIMIT_SOCKET', `RATE_LIMIT_SOCKET must be 0 (off) or at least 5, got "${limit}".`);
  return limit;
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

export type TrustProxy = false | number | readonly string[];

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

function readTrustProxy(env: Env): TrustProxy {
  const raw = env.TRUST_PROXY?.trim().toLowerCase();
  if (raw === undefined || raw === '' || ['0', 'false', 'no'].includes(raw)) return false;
  if (raw === 'true' || raw === 'yes') {
    throw new ConfigError(
      'TRUST_PROXY',
      'TRUST_PROXY=true would believe every X-Forwarded-For hop, which a client writes itself: give the number of proxies in front of the API (e.g. 1) or their addresses (e.g. 10.0.0.5,10.0.1.0/24).',
    );
  }
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops < 1 || hops > 10) throw new ConfigError('TRUST_PROXY', `TRUST_PROXY as a hop count must be 1 to 10, got "${raw}".`);
    return hops;
  }
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const bad = entries.find((entry) => !isProxyAddress(entry));
  if (bad !== undefined || entries.length === 0) {
    throw new ConfigError(
      'TRUST_PROXY',
      `TRUST_PROXY must be false, a hop count, or proxy addresses (IP, CIDR, loopback, linklocal, uniquelocal); "${bad ?? raw}" is none of these.`,
    );
  }
  return Object.freeze(entries);
}

// Deliberately loose (one @, no spaces or commas): the list is matched against stored emails, so a
// typo is harmless, while a value that is plainly not an email is surely a mistake in the setting.
const EMAIL_LIKE = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;

function readEmails(env: Env, name: string): string[] {
  const raw = env[name]?.trim();
  if (!raw) return [];
  const emails = raw
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);
  const bad = emails.find((e) => !EMAIL_LIKE.test(e) || e.length > 254);
  if (bad !== undefined) throw new ConfigError(name, `${name} must be a comma-separated list of email addresses, got "${bad}".`);
  return [...new Set(emails)];
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
  // Unset: pretty in a terminal, JSON when the output goes to a file, a pipe or a collector.
  const logFormatRaw = env.LOG_FORMAT?.trim().toLowerCase() || (process.stdout.isTTY ? 'pretty' : 'json');
  if (logFormatRaw !== 'pretty' && logFormatRaw !== 'json') {
    throw new ConfigError('LOG_FORMAT', `LOG_FORMAT must be pretty or json, got "${env.LOG_FORMAT}".`);
  }
  const logFormat: LogFormat = logFormatRaw;
  const dataDir = path.resolve(cwd, env.DATA_DIR?.trim() || '.data');
  const embeddedPgPort = readInt(env, 'EMBEDDED_PG_PORT', 54329, 1024, 65535);
  if (embeddedPgPort === 5432) {
    throw new ConfigError('EMBEDDED_PG_PORT', 'EMBEDDED_PG_PORT must not be 5432, the port of a system PostgreSQL.');
  }
  // Tests need tokens that run out within seconds; anywhere else, under a minute would mean clients
  // refreshing more often than they bid.
  const minTtl = nodeEnv === 'test' ? 2 : 60;
  return Object.freeze<AppConfig>({
    nodeEnv,
    host: env.HOST?.trim() || '0.0.0.0',
    port: readInt(env, 'PORT', 3000, 0, 65535),
    databaseUrl: readUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    embeddedPgPort,
    databasePoolSize: readInt(env, 'DATABASE_POOL_SIZE', 10, 1, 200),
    bidCallsInFlight: readInt(env, 'BID_CALLS_IN_FLIGHT', 4, 1, 200),
    dataDir,
    redisUrl: readUrl(env, 'REDIS_URL', ['redis:', 'rediss:']),
    jwtSecret: resolveJwtSecret(env, nodeEnv, dataDir),
    // At most a day: sockets arm a timer at the token's expiry, and an access token is meant to be short.
    jwtTtlSeconds: readInt(env, 'JWT_TTL_SECONDS', 900, minTtl, 24 * 3600),
    refreshTtlSeconds: readInt(env, 'REFRESH_TTL_SECONDS', 30 * 24 * 3600, minTtl, 365 * 24 * 3600),
    adminEmails: readEmails(env, 'ADMIN_EMAILS'),
    logLevel,
    logFormat,
    rateLimitAuth: readInt(env, 'RATE_LIMIT_AUTH', 20, 0, 1_000_000),
    rateLimitBids: readInt(env, 'RATE_LIMIT_BIDS', 10, 0, 1_000_000),
    rateLimitLogin: readInt(env, 'RATE_LIMIT_LOGIN', 10, 0, 1_000_000),
    rateLimitSocket: readSocketLimit(env),
    limitLeaguesPerDay: readInt(env, 'LIMIT_LEAGUES_PER_DAY', 10, 0, 1_000_000),
    limitOpenAuctionsPerLeague: readInt(env, 'LIMIT_OPEN_AUCTIONS_PER_LEAGUE', 30, 0, 1_000_000),
    priceHoldFactor: readNumber(env, 'PRICE_HOLD_FACTOR', 3, 1.1, 1000),
    priceCeilingEur: readInt(env, 'PRICE_CEILING_EUR', 250_000_000, 1_000_000, 1_000_000_000_000),
    trustProxy: readTrustProxy(env),
    rateLimitExtract: readInt(env, 'RATE_LIMIT_EXTRACT', 30, 0, 1_000_000),
    extractWorkers: readInt(env, 'EXTRACT_WORKERS', 1, 1, 16),
    extractTimeoutMs: readInt(env, 'EXTRACT_TIMEOUT_MS', 3000, 1, 600_000),
    feedPolling: readBool(env, 'FEED_POLLING', true),
    feedAllowPrivate: readAllowPrivate(env),
    feedTimeoutMs: readInt(env, 'FEED_TIMEOUT_MS', 10_000, 100, 120_000),
    feedMaxBytes: readInt(env, 'FEED_MAX_BYTES', 2 * 1024 * 1024, 1024, 50 * 1024 * 1024),
    feedLeaseSeconds: readInt(env, 'FEED_LEASE_SECONDS', 120, 1, 3600),
    feedConcurrency: readInt(env, 'FEED_CONCURRENCY', 4, 1, 64),
  });
}
