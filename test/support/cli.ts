import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const run = promisify(execFile);

/** The built CLI (`npm run cli -- …`) against a test database; rejects with {code, stderr} on a non-zero exit. */
export function runCli(databaseUrl: string, ...args: string[]) {
  return run(process.execPath, [path.join(ROOT, 'dist/apps/cli/src/main.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'fm-cli-')),
      LOG_LEVEL: 'silent',
    },
  });
}
