import { DataSource } from 'typeorm';
import { type Role, setRoleByEmail } from '@fantamercato/auth';
import { dataSourceOptions, migrateDatabase } from '@fantamercato/schema';
import { withDatabase } from './database-commands.js';

/** users:grant-admin / users:revoke-admin: takes effect at once, since admin routes read the role on each request. */
async function setRole(email: string, role: Role): Promise<void> {
  await withDatabase(async ({ url }) => {
    await migrateDatabase(url);
    const dataSource = new DataSource(dataSourceOptions(url, { poolSize: 1, applicationName: 'fantamercato-cli' }));
    await dataSource.initialize();
    try {
      const changed = await setRoleByEmail(dataSource.manager, email, role);
      if (!changed) {
        console.error(`no account has the email ${email}`);
        process.exitCode = 1;
        return;
      }
      console.log(`${changed.email} is now ${role === 'admin' ? 'an admin' : 'a user (no longer an admin)'}`);
    } finally {
      await dataSource.destroy();
    }
  });
}

export const grantAdminCommand = (email: string) => setRole(email, 'admin');
export const revokeAdminCommand = (email: string) => setRole(email, 'user');
