/** libs/persistence: the schema (TypeORM entities and migrations), the pool, and the event write path. */
export * from './entities';
export { Database, isDatabaseUnavailable, waitForDatabase, type DatabaseOptions, type Queryable } from './database';
export { createDataSource, runMigrations, MIGRATIONS } from './data-source';
export { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded/embedded-postgres';
export { emptyWrites, flushWrites, hasWrites, countRows, type StepWrites, type InstanceWrite, type WriteCounts, type CreatedTask } from './step-writes';
export { lockInstance, lockInstances, InstanceIdAllocator, type InstanceRow } from './instance-lock';
