import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The browser client, built into dist/web next to the compiled server, which serves it at `/`.
 * Preact's automatic JSX runtime through esbuild: no extra plugin (and no Babel) is needed.
 * Every asset is bundled locally — no CDN, no web fonts — so the page works on a LAN with no internet.
 */
export default defineConfig({
  root: here,
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  // The one server library the browser may import: the framework-free contract (its constants too).
  resolve: { alias: { '@fantamercato/contract': fileURLToPath(new URL('../../libs/contract/src/index.ts', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: true,
    // A small app: one JS and one CSS file is simplest to cache and to allow in the CSP.
    assetsInlineLimit: 0,
  },
  server: {
    // `npx vite apps/web` during development: the API runs on :3000 (npm start).
    proxy: { '/api': 'http://localhost:3000', '/socket.io': { target: 'ws://localhost:3000', ws: true } },
  },
});
