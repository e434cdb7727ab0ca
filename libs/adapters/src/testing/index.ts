// Test doubles that behave like the real adapters, for tests in this repository and in projects that embed it.
export { FixedClock } from './fixed-clock.js';
export { SequenceIdGenerator } from './sequence-id-generator.js';
export { postgresTestTarget, sqlTestTargets, type OpenedTestDatabase, type SqlTestTarget } from './sql-test-database.js';
