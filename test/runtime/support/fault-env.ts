import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Actor, createLogger, createRuntime, DeployDefinitionUseCase, Runtime } from '@app/application';
import { loadConfig } from '@app/config';

export const faultActor: Actor = { userId: 'fault-test', partnershipId: 'default', roles: ['coordinator'] };

/** The environment of the fault tests' processes: short stalled-job interval, fast reconciler. */
export function faultEnv(databaseUrl: string, redisUrl: string, prefix = `f${randomBytes(4).toString('hex')}`): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, QUEUE_PREFIX: prefix, WORKFLOWS_DIR: '', LOG_LEVEL: 'error', CLOCK_MODE: 'system',
    QUEUE_STALLED_INTERVAL_MS: '1000', QUEUE_LOCK_DURATION_MS: '2000', RECONCILE_INTERVAL_MS: '500', RECONCILE_GRACE_MS: '300',
    RECONCILE_OVERDUE_MS: '3000', WORKER_CONCURRENCY: '16', DB_POOL_SIZE: '8',
  };
}

/** The starting side (what the API does), in the test process. */
export async function startingRuntime(env: Record<string, string>): Promise<Runtime> {
  const config = loadConfig(env);
  return createRuntime(config, { log: createLogger(config, 'fault-test') });
}

export async function deployFixture(rt: Runtime, file: string): Promise<number> {
  const xml = readFileSync(join(__dirname, '..', file), 'utf8');
  return (await new DeployDefinitionUseCase(rt).execute({ actor: faultActor, xml })).id;
}

/** History checks: per instance, sequence numbers 1..n with no gap, and no transition recorded twice. */
export async function historyProblems(rt: Runtime): Promise<{ gaps: number; repeats: number; trails: number }> {
  const [r] = await rt.db.query<{ gaps: number; repeats: number; trails: number }>(`
    SELECT (SELECT count(*) FROM (SELECT instance_id FROM history GROUP BY instance_id HAVING max(seq) <> count(*) OR min(seq) <> 1) g) AS gaps,
           (SELECT count(*) FROM (SELECT 1 FROM history GROUP BY instance_id, element_id, element_instance_id, transition HAVING count(*) > 1) d) AS repeats,
           (SELECT count(DISTINCT trail) FROM (SELECT string_agg(element_id || ':' || transition, ' ' ORDER BY seq) AS trail FROM history GROUP BY instance_id) t) AS trails`);
  return { gaps: Number(r?.gaps), repeats: Number(r?.repeats), trails: Number(r?.trails) };
}
