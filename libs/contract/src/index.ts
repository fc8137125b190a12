/**
 * The public contract's types, shared by the server and the web client: framework-free (no Nest,
 * no TypeORM, no decorators), so the browser build imports it as plain TypeScript. The server's
 * DTO classes implement these shapes, so a change on either side is a compile error on the other.
 */
export * from './errors.js';
export * from './auth.js';
export * from './players.js';
export * from './pricing.js';
export * from './draft.js';
export * from './leagues.js';
export * from './market.js';
export * from './trades.js';
export * from './feeds.js';
export * from './live.js';
