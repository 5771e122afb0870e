import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { InitialSchema1763800000000 } from './migrations/1763800000000-initial-schema.migration';
import { PeopleCasesAccess1763900000000 } from './migrations/1763900000000-people-cases-access.migration';
import { RouteTasksAfterInsert1763900000001 } from './migrations/1763900000001-route-tasks-after-insert.migration';
import { RuntimeOutboxInstanceIndex1763950000000 } from './migrations/1763950000000-runtime-outbox-instance-index.migration';
import { Notifications1795346174481 } from './migrations/1795346174481-notifications.migration';
import { DefinitionNotes1795400000000 } from './migrations/1795400000000-definition-notes.migration';
import { PartnershipPathways1796000000000 } from './migrations/1796000000000-partnership-pathways.migration';

export const MIGRATIONS = [InitialSchema1763800000000, PeopleCasesAccess1763900000000, RouteTasksAfterInsert1763900000001, RuntimeOutboxInstanceIndex1763950000000, Notifications1795346174481, DefinitionNotes1795400000000, PartnershipPathways1796000000000];

/** A TypeORM data source for migrations and schema checks (`synchronize` is never on). */
export function createDataSource(url: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'migrations',
    logging: false,
  });
}

/** Applies pending migrations (under TypeORM's own lock table), then closes its connection. */
export async function runMigrations(url: string): Promise<string[]> {
  const ds = createDataSource(url);
  await ds.initialize();
  try {
    // An advisory lock keeps two processes starting at once from migrating together.
    await ds.query('SELECT pg_advisory_lock(7315001)');
    try {
      const done = await ds.runMigrations({ transaction: 'each' });
      return done.map((m) => m.name);
    } finally {
      await ds.query('SELECT pg_advisory_unlock(7315001)');
    }
  } finally {
    await ds.destroy();
  }
}
