import { Client } from 'pg';
import { SystemClock } from '@app/clock';
import { Database, runMigrations } from '@app/persistence';
import { createTestDatabase, type TestDatabase } from '../../../test/runtime/support/test-database';
import { AuditLog } from './audit-log';

/** The audit log is append-only twice over: the application role lacks the privilege, and a trigger refuses even the owner. */
describe('audit_log (real PostgreSQL, real migrations)', () => {
  let tdb: TestDatabase;
  let app: Database;

  beforeAll(async () => {
    tdb = await createTestDatabase('audit');
    await runMigrations(tdb.url);
    app = new Database({ url: tdb.url, poolSize: 2, role: 'referral_app' });
  });

  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  it('lets the application role insert and search', async () => {
    const log = new AuditLog(app.pool, new SystemClock());
    await log.record({ who: { userId: 'u1', partnershipId: 'p1', roles: ['dpo'] }, action: 'dpo.audit.search', outcome: 'allowed' });
    const page = await log.search({ partnershipId: 'p1', limit: 10 });
    expect(page.items).toEqual([expect.objectContaining({ userId: 'u1', action: 'dpo.audit.search', outcome: 'allowed' })]);
    expect((await app.query('SELECT current_user AS u'))[0]!.u).toBe('referral_app');
  });

  it.each(['UPDATE audit_log SET outcome = \'denied\'', 'DELETE FROM audit_log', 'TRUNCATE audit_log'])('refuses "%s" by the application role (no privilege)', async (sql) => {
    await expect(app.query(sql)).rejects.toThrow(/permission denied/);
  });

  it.each(['UPDATE audit_log SET outcome = \'denied\'', 'DELETE FROM audit_log', 'TRUNCATE audit_log'])('refuses "%s" by the owner too (trigger)', async (sql) => {
    const owner = new Client({ connectionString: tdb.url });
    await owner.connect();
    try {
      await expect(owner.query(sql)).rejects.toThrow(/append-only/);
    } finally {
      await owner.end();
    }
    expect((await app.query('SELECT count(*)::int AS n FROM audit_log'))[0]!.n).toBe(1);
  });
});
