export * from './league-rules.js';
export * from './league-events.js';
export * from './invite-code.js';
export * from './leagues.dto.js';
export * from './leagues.service.js';
export * from './leagues.module.js';
