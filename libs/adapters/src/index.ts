export { SystemClock } from './system/system-clock.js';
export { UuidV7IdGenerator } from './system/uuid-v7-id-generator.js';
export { healthRoutes } from './http/health-routes.js';
