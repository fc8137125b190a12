export * from './league-rules.js';
export * from './league-events.js';
export * from './invite-code.js';
export * from './leagues.dto.js';
export * from './leagues.service.js';
export {
  budgetMessage,
  LeaguesRepository,
  membershipOf,
  type MembershipRecord,
  type StoredLeague,
  type StoredRosterEntry,
} from './leagues.repository.js';
export * from './leagues.module.js';
export * from './commissioner.service.js';
