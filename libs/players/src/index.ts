export * from './registry-file.js';
export * from './player.entity.js';
export * from './player-price.js';
export * from './players.dto.js';
export * from './players.repository.js';
export * from './players.service.js';
export * from './players.module.js';
export * from './starter-registry.js';
