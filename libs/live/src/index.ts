export * from './live.module.js';
export * from './live.gateway.js';
export * from './live.messages.js';
export * from './league-stream.js';
export * from './redis-io.adapter.js';
