/**
 * The product as the browser tests run it: api + worker in one process (the embedded default's
 * shape) on the database the harness made, with a clock the test can move (IPC `advance`), and a
 * synthetic partnership seeded at start. Run by harness/product.ts with scripts/register-ts.cjs.
 * Synthetic data only.
 */
import 'reflect-metadata';
import { createLogger, createRuntime } from '@app/application';
import type { Clock } from '@app/clock';
import { loadConfigOrExit } from '@app/application';
import { FieldCipher, hashPassword } from '@app/identity';
import { JobQueues } from '@app/queue';
import { createApiApp } from '../../../apps/api/src/create-api-app';
import { CIPHER } from '../../../apps/api/src/security/security.tokens';
import { PARTNERSHIP, PASSWORD, PEOPLE, AGENCIES, type Person } from './world';

/** Real time plus an offset the test moves forward. */
class MovableClock implements Clock {
  readonly rate = 1;
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  realDelayMs(due: Date): number {
    return Math.max(0, due.getTime() - this.now().getTime());
  }
}

async function main(): Promise<void> {
  const config = loadConfigOrExit(process.env);
  const log = createLogger(config, 'browser-product');
  const clock = new MovableClock();
  const runtime = await createRuntime(config, { log, clock });
  const app = await createApiApp(runtime, config, { withWorker: true, worker: { ignoreUnhandledJobs: true } }, log);
  await app.init();

  // The synthetic partnership: agencies and one person per role, each with a known TOTP secret.
  const db = runtime.db.pool;
  const cipher = app.get<FieldCipher>(CIPHER);
  await db.query('INSERT INTO partnerships (id, name, time_zone, retention_months) VALUES ($1, $2, $3, 72) ON CONFLICT (id) DO NOTHING', [PARTNERSHIP.id, PARTNERSHIP.name, PARTNERSHIP.timeZone]);
  for (const a of AGENCIES) {
    await db.query('INSERT INTO agencies (id, partnership_id, code, name, type) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [a.id, PARTNERSHIP.id, a.code, a.name, a.type]);
  }
  const hash = await hashPassword(PASSWORD);
  for (const p of Object.values(PEOPLE) as Person[]) {
    await db.query(
      `INSERT INTO users (id, partnership_id, agency_id, email, display_name, roles, password_hash, totp_secret, totp_enabled) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
      [p.id, PARTNERSHIP.id, p.agencyId, p.email, p.displayName, p.roles, hash, p.totpSecret ? cipher.encrypt(p.totpSecret, `users.totp_secret:${p.id}`) : null, !!p.totpSecret],
    );
  }
  const spoc = (Object.values(PEOPLE) as Person[]).find((p) => p.roles.includes('agency-spoc'));
  if (spoc) await db.query('UPDATE agencies SET spoc_user_id = $1 WHERE id = $2', [spoc.id, spoc.agencyId]);

  await app.listen(config.PORT, config.HOST);

  process.on('message', (msg: { id: number; type: string; ms?: number }) => {
    void (async () => {
      try {
        if (msg.type === 'advance') {
          clock.offsetMs += msg.ms ?? 0;
          // Delayed jobs wait in real time: wake them all; those not yet due on the moved clock are put back (early wake-ups re-arm).
          let promoted = 0;
          for (const q of runtime.queues.queues.values()) {
            for (const job of await q.getDelayed()) {
              if (JobQueues.isSentinel(job.id)) continue;
              await job.promote().then(() => promoted++, () => undefined);
            }
          }
          process.send?.({ id: msg.id, ok: true, now: clock.now().toISOString(), promoted });
        } else if (msg.type === 'now') {
          process.send?.({ id: msg.id, ok: true, now: clock.now().toISOString() });
        } else if (msg.type === 'stop') {
          await app.close();
          await runtime.close();
          process.send?.({ id: msg.id, ok: true });
          process.exit(0);
        }
      } catch (err) {
        process.send?.({ id: msg.id, ok: false, error: (err as Error).message });
      }
    })();
  });
  process.send?.({ type: 'ready', port: config.PORT });
}

main().catch((err) => {
  process.stderr.write(`product failed to start: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
