export * from './extract/index.js';
export * from './article.entity.js';
export * from './fee-report.entity.js';
export * from './price-history.entity.js';
export * from './price-aggregate.js';
export * from './news.dto.js';
export * from './news.service.js';
export * from './pricing.module.js';
