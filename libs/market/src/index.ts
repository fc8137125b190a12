export * from './market.dto.js';
export * from './market-errors.js';
export * from './market.service.js';
export * from './auction-closer.js';
export * from './auction-schedule.js';
export * from './market.module.js';
export * from './bid-lanes.js';
