export { SystemClock } from './system/system-clock.js';
export { UuidV7IdGenerator } from './system/uuid-v7-id-generator.js';
export { healthRoutes } from './http/health-routes.js';
export { dialectOf, openDatabase, prepareConnection, type Database, type DatabaseOptions, type Dialect } from './sql/database.js';
export { createMigrator, migrate, migrationStatus, type MigrationContext, type MigrationStatus } from './sql/migrator.js';
export { Mutex, SqlUnitOfWork, sqlTransaction } from './sql/sql-unit-of-work.js';
export { InMemoryDatabase } from './memory/in-memory-database.js';
