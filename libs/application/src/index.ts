export type { Clock } from './ports/clock.port.js';
export type { IdGenerator } from './ports/id-generator.port.js';
export type { HealthCheck } from './ports/health-check.port.js';
export { CheckReadinessUseCase, type CheckResult, type Readiness } from './health/check-readiness.use-case.js';
