import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where a worker thread's .js file is: beside the calling module when it runs from dist/, else (Jest
 * runs the TypeScript sources) the one `npm run -s build` wrote to dist/ at the same place.
 */
export function workerFile(moduleUrl: string, name: string): string {
  const from = fileURLToPath(moduleUrl);
  const here = path.dirname(from);
  if (from.endsWith('.js')) return path.join(here, name);
  let root = here;
  while (!existsSync(path.join(root, 'package.json'))) {
    const parent = path.dirname(root);
    if (parent === root) throw new Error(`no package.json above ${here}`);
    root = parent;
  }
  return path.join(root, 'dist', path.relative(root, here), name);
}
