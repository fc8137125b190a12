/**
 * The import arrows the layout allows (docs/architecture.md): apps → libs/<feature> → libs/core →
 * libs/contract. A feature library imports only the features below it; the extractor is pure; the
 * web client sees the contract alone; apps and tests enter a library through its index.
 * `npm run lint` fails on any arrow against it.
 */
const FEATURES_ABOVE = {
  players: 'auth|pricing|leagues|market|live|feeds|schema',
  auth: 'players|pricing|leagues|market|live|feeds|schema',
  pricing: 'leagues|market|live|feeds|schema',
  leagues: 'pricing|market|live|feeds|schema',
  market: 'pricing|live|feeds|schema',
  live: 'pricing|feeds|schema',
  feeds: 'leagues|market|live|schema',
};

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle makes two modules one: split them, or move what both need lower.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'contract-stands-alone',
      comment: 'libs/contract is framework-free types and constants: the browser imports it as it is.',
      severity: 'error',
      from: { path: '^libs/contract/' },
      to: { pathNot: '^libs/contract/' },
    },
    {
      name: 'core-is-the-floor',
      comment: 'libs/core serves every library and imports none but the contract.',
      severity: 'error',
      from: { path: '^libs/core/' },
      to: { path: '^libs/(?!core/|contract/)' },
    },
    { name: 'libs-never-import-apps', severity: 'error', from: { path: '^libs/' }, to: { path: '^apps/' } },
    ...Object.entries(FEATURES_ABOVE).map(([lib, above]) => ({
      name: `${lib}-imports-only-below`,
      comment: `libs/${lib} may not import a library that depends on it or the schema root (${above}).`,
      severity: 'error',
      from: { path: `^libs/${lib}/` },
      to: { path: `^libs/(${above})/` },
    })),
    {
      name: 'extract-is-pure',
      comment: 'The extractor is pure functions: no framework, no database, no other library.',
      severity: 'error',
      from: { path: '^libs/pricing/src/extract/', pathNot: '\\.spec\\.ts$' },
      to: {
        path: [
          '^libs/(?!pricing/src/extract/|contract/)',
          '^apps/',
          '(^|/)node_modules/(@nestjs|typeorm|pg|ioredis|socket\\.io|rxjs)(/|$)',
        ],
      },
    },
    {
      name: 'web-sees-the-contract-only',
      comment: 'The browser build imports no server library but the contract.',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^libs/(?!contract/)' },
    },
    {
      name: 'enter-libraries-by-their-index',
      comment: "Apps and tests import a library's index (or the extractor's, or the corpus loader), never its inner files.",
      severity: 'error',
      from: { path: '^(apps|test)/' },
      to: {
        path: '^libs/[^/]+/',
        pathNot: ['^libs/[^/]+/src/index\\.ts$', '^libs/pricing/src/extract/index\\.ts$', '^libs/pricing/corpus/load-corpus\\.ts$'],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|coverage|test-artifacts)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.mjs', '.js'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
