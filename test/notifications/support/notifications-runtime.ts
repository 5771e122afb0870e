/**
 * Notifications end to end: the whole runtime (api + worker in one app, like `npm start`) and a
 * second api process without a worker (holding the users' live streams, so the fan-out between
 * processes is exercised), on a fresh database, a random queue prefix, a real SMTP server and a
 * real webhook receiver. People come from a fixed directory until the access layer's tables
 * hold them (the SQL directory has its own integration spec).
 */
import type { INestApplication } from '@nestjs/common';
import { ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { createLogger, createRuntime, Runtime } from '@app/application';
import { AppConfig, loadConfig } from '@app/config';
import { CASE_DIRECTORY, RECIPIENT_DIRECTORY, SqlCaseDirectory, StaticCaseDirectory, StaticRecipientDirectory, type StaticUser } from '@app/notifications';
import { ApiModule } from '../../../apps/api/src/api.module';
// TEST ONLY until this suite signs in (test/support/sign-in.ts): X-Dev-User names the actor.
import { DevelopmentActorResolver } from '../../../apps/api/src/actor/actor.resolver';
import { createTestDatabase, randomPrefix, TEST_REDIS_URL, type TestDatabase } from '../../runtime/support/test-database';
import { SmtpSink } from './smtp-sink';
import { WebhookReceiver } from './webhook-receiver';

export type Backend = 'redis' | 'postgres';

export const PARTNERSHIP = 'default';

/** The people of the tests: an IDVA service with its single point of contact and two IDVAs, a coordinator. */
export const PEOPLE: StaticUser[] = [
  { id: 'idva-spoc', partnershipId: PARTNERSHIP, agency: 'idva', roles: ['agency-spoc'], email: 'spoc@idva.example.test' },
  { id: 'idva-1', partnershipId: PARTNERSHIP, agency: 'idva', roles: ['idva'], email: 'idva1@idva.example.test' },
  { id: 'idva-2', partnershipId: PARTNERSHIP, agency: 'idva', roles: ['idva'], email: 'idva2@idva.example.test' },
  { id: 'police-1', partnershipId: PARTNERSHIP, agency: 'police', roles: ['agency-worker'], email: 'p1@police.example.test' },
  { id: 'coord', partnershipId: PARTNERSHIP, agency: null, roles: ['pathway-coordinator'], email: 'coord@marac.example.test' },
  { id: 'gone', partnershipId: PARTNERSHIP, agency: 'idva', roles: ['idva'], email: 'gone@idva.example.test', disabled: true },
];

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
  cases: StaticCaseDirectory;
  close(): Promise<void>;
}

async function buildApp(runtime: Runtime, config: AppConfig, withWorker: boolean, cases: StaticCaseDirectory): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule.forRuntime(runtime, config, { withWorker, actorResolver: new DevelopmentActorResolver(config) })] })
    .overrideProvider(RECIPIENT_DIRECTORY).useValue(new StaticRecipientDirectory(PEOPLE, [{ id: PARTNERSHIP, timeZone: 'Europe/London' }]))
    .overrideProvider(CASE_DIRECTORY).useValue(cases)
    .compile();
  // As createApiApp does (prefix, body parsers, validation).
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: ['error'], bodyParser: false });
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('text', { type: ['application/xml', 'text/xml', 'application/bpmn+xml'], limit: config.DEPLOY_MAX_BYTES + 1024 });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  await app.init();
  return app;
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
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    MAIL_FROM: 'Referral pathways <no-reply@referrals.example.test>',
    PUBLIC_BASE_URL: 'https://referrals.example.test',
    NOTIFY_MAX_ATTEMPTS: '4',
    NOTIFY_RETRY_BASE_MS: '100',
    ...env,
  });
  const runtime = await createRuntime(config, { log: createLogger(config, 'test') });
  const cases = new StaticCaseDirectory(new Map(), new Map(), new SqlCaseDirectory(runtime.db));
  const app = await buildApp(runtime, config, true, cases);
  // The second api process shares the database and the queue backend, not the Nest app.
  const api2 = await buildApp(runtime, config, false, cases);
  await api2.listen(0, '127.0.0.1');
  const address = api2.getHttpServer().address() as { port: number };
  return {
    runtime, app, api2, api2Url: `http://127.0.0.1:${address.port}`, config, smtp, hooks, cases,
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
