import { rmSync } from 'node:fs';
import pg from 'pg';
import { run } from './global-setup.mjs';

export default async function globalTeardown() {
  if (run.embedded) {
    await run.embedded.server.stop();
    rmSync(run.embedded.tempDir, { recursive: true, force: true });
    rmSync(run.embedded.server.dataDir, { recursive: true, force: true });
    return;
  }
  if (run.serverUrl && run.template) {
    // A shared server (TEST_DATABASE_URL): leave it as we found it.
    const client = new pg.Client({ connectionString: run.serverUrl });
    await client.connect();
    // Only this run's databases: another run may be using the same server right now.
    const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname = $1 OR starts_with(datname, $2)`, [
      run.template,
      `fm_test_${run.tag}_`,
    ]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(datname)} WITH (FORCE)`);
    await client.end();
  }
}
