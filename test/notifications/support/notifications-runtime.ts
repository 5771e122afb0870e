/**
 * Notifications end to end: the whole runtime (api + worker in one app, like `npm start`) and a
 * second api process without a worker (holding the users' live streams, so the fan-out between
 * processes is exercised), on a fresh database, a random queue prefix, a real SMTP server and a
 * real webhook receiver. People, agencies and cases are rows of the access layer's tables, and
 * everyone signs in through the API: recipients and suppression go through the real directory.
 */
import type { INestApplication } from '@nestjs/common';
import { createLogger, createRuntime, Runtime } from '@app/application';
import { AppConfig, loadConfig } from '@app/config';
import type { Queryable } from '@app/persistence';
import { createApiApp } from '../../../apps/api/src/create-api-app';
import { createTestDatabase, randomPrefix, TEST_REDIS_URL, type TestDatabase } from '../../runtime/support/test-database';
import { seedAgency, seedPartnership, seedUser, signIn } from '../../support/sign-in';
import { SmtpSink } from './smtp-sink';
import { WebhookReceiver } from './webhook-receiver';

export type Backend = 'redis' | 'postgres';

export const PARTNERSHIP = 'default';

/** The people of the tests: an IDVA service with its single point of contact and two IDVAs, a police officer, a coordinator, an administrator. */
export const PEOPLE = [
  { id: 'idva-spoc', agency: 'idva', roles: ['agency-spoc'], email: 'spoc@idva.example.test' },
  { id: 'idva-1', agency: 'idva', roles: ['idva'], email: 'idva1@idva.example.test' },
  { id: 'idva-2', agency: 'idva', roles: ['idva'], email: 'idva2@idva.example.test' },
  { id: 'police-1', agency: 'police', roles: ['agency-worker'], email: 'p1@police.example.test' },
  { id: 'coord', agency: null, roles: ['marac-coordinator'], email: 'coord@marac.example.test' },
  { id: 'admin', agency: null, roles: ['administrator'], email: 'admin@marac.example.test' },
  { id: 'gone', agency: 'idva', roles: ['idva'], email: 'gone@idva.example.test' },
] as const;

export type Person = (typeof PEOPLE)[number]['id'];

export interface NotificationsTestRuntime {
  runtime: Runtime;
  /** api + worker */
  app: INestApplication;
  /** a second api process (no worker) */
  api2: INestApplication;
  api2Url: string;
  config: AppConfig;
  smtp: SmtpSink;
  hooks: WebhookReceiver;
  /** The Authorization header of a signed-in person. */
  as(person: Person): { Authorization: string };
  /** Opens a case with this reference (the instance's business key) and puts `userIds` on its "not safe to talk to" list. */
  openCase(reference: string, excluded: string[]): Promise<void>;
  close(): Promise<void>;
}

async function seedPeople(db: Queryable): Promise<void> {
  await seedPartnership(db, PARTNERSHIP, { timeZone: 'Europe/London' });
  const agencies = { idva: await seedAgency(db, PARTNERSHIP, 'idva', 'idva', 'ag-idva'), police: await seedAgency(db, PARTNERSHIP, 'police', 'police', 'ag-police') };
  for (const p of PEOPLE) await seedUser(db, { id: p.id, partnershipId: PARTNERSHIP, agencyId: p.agency ? agencies[p.agency] : null, email: p.email, roles: [...p.roles] });
}

export async function startNotificationsRuntime(backend: Backend, env: Record<string, string> = {}): Promise<NotificationsTestRuntime> {
  const smtp = new SmtpSink();
  const hooks = new WebhookReceiver();
  await Promise.all([smtp.start(), hooks.start()]);
  const database: TestDatabase = await createTestDatabase('ntf');
  const config = loadConfig({
    DATABASE_URL: database.url,
    ...(backend === 'redis' ? { REDIS_URL: TEST_REDIS_URL } : {}),
    QUEUE_PREFIX: randomPrefix(),
    WORKFLOWS_DIR: '',
    QUEUE_STALLED_INTERVAL_MS: '1000',
    QUEUE_LOCK_DURATION_MS: '5000',
    RECONCILE_INTERVAL_MS: '500',
    RECONCILE_GRACE_MS: '300',
    CLOCK_MODE: 'system',
    LOG_LEVEL: 'error',
    DB_POOL_SIZE: '10',
    WORKER_CONCURRENCY: '8',
    AUTH_COOKIE_SECURE: 'false',
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    MAIL_FROM: 'Referral pathways <no-reply@referrals.example.test>',
    PUBLIC_BASE_URL: 'https://referrals.example.test',
    NOTIFY_MAX_ATTEMPTS: '4',
    NOTIFY_RETRY_BASE_MS: '100',
    ...env,
  });
  const runtime = await createRuntime(config, { log: createLogger(config, 'test') });
  const app = await createApiApp(runtime, config, { withWorker: true });
  await app.init();
  // The second api process shares the database and the queue backend, not the Nest app.
  const api2 = await createApiApp(runtime, config, { withWorker: false });
  await api2.listen(0, '127.0.0.1');
  const address = api2.getHttpServer().address() as { port: number };
  await seedPeople(runtime.db.pool);
  const auth = new Map<string, { Authorization: string }>();
  for (const p of PEOPLE) auth.set(p.id, (await signIn(app, p.email)).auth);
  // Signed in, then disabled: never told anything.
  await runtime.db.query(`UPDATE users SET status = 'disabled', disabled_at = now() WHERE id = 'gone'`);
  return {
    runtime, app, api2, api2Url: `http://127.0.0.1:${address.port}`, config, smtp, hooks,
    as: (person) => auth.get(person)!,
    async openCase(reference, excluded) {
      const id = `case-${reference}`;
      await runtime.db.query(
        `INSERT INTO cases (id, partnership_id, reference, pathway, consent, created_by, opened_at) VALUES ($1, $2, $3, 'notified_task', 'given', 'admin', now())`,
        [id, PARTNERSHIP, reference],
      );
      for (const u of excluded) {
        await runtime.db.query(`INSERT INTO case_exclusions (case_id, user_id, partnership_id, added_by, added_at) VALUES ($1, $2, $3, 'admin', now())`, [id, u, PARTNERSHIP]);
      }
    },
    async close() {
      await api2.close();
      await app.close();
      for (const q of runtime.queues.queues.values()) await q.obliterate({ force: true }).catch(() => undefined);
      await runtime.close();
      await database.drop();
      await Promise.all([smtp.stop(), hooks.stop()]);
    },
  };
}
