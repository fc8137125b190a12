export * from './access-tokens.js';
export * from './auth.module.js';
export * from './auth.service.js';
export * from './user.entity.js';
export * from './users.repository.js';
export * from './passwords.js';
export { CurrentUser, JwtAuthGuard, Public } from './http/guards.js';
export * from './dto/credentials.dto.js';
