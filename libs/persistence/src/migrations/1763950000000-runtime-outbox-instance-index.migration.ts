import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox by instance: an instance that ends deletes its remaining timer and service jobs, and
 * a cancelled service its job, by instance id. Without this index that is a scan of every armed
 * timer's row (100,000 pending timers made each ending event scan them all).
 */
export class RuntimeOutboxInstanceIndex1763950000000 implements MigrationInterface {
  name = 'RuntimeOutboxInstanceIndex1763950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX outbox_instance ON outbox (instance_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS outbox_instance`);
  }
}
