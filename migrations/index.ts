import { CreateUsers1764080000000 } from './1764080000000-CreateUsers.js';

/** Every migration, in order. `npm run db:migration:generate -- <Name>` writes a new file; add it here. */
export const MIGRATIONS = [CreateUsers1764080000000];
