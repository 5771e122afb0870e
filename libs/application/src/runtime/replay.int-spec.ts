import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { start, step, type EngineEvent, type ExecutableModel, type InstanceState } from '@app/engine';
import { JobName } from '@app/queue';
import { ManualClock } from '../../../../test/runtime/support/manual.clock';
import { startTestRuntime, TestRuntime } from '../../../../test/runtime/support/test-runtime';
import { CompleteTaskUseCase } from '../use-cases/complete-task/complete-task.use-case';
import { DeployDefinitionUseCase } from '../use-cases/deploy-definition/deploy-definition.use-case';
import { FireDueTimersUseCase } from '../use-cases/fire-due-timers/fire-due-timers.use-case';
import { InvokeServiceUseCase } from '../use-cases/invoke-service/invoke-service.use-case';
import { StartInstanceUseCase } from '../use-cases/start-instance/start-instance.use-case';
import type { Actor } from '../actor';
import type { StoredEvent } from './stored-event';

const actor: Actor = { userId: 'tester', partnershipId: 'default', roles: ['coordinator'] };
const xml = readFileSync(join(__dirname, '../../../../test/runtime/fixtures/referral-small.bpmn'), 'utf8');

/** Stable JSON: keys sorted, so a state and its jsonb round trip compare byte for byte. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

describe('the event path on a real PostgreSQL (no worker: jobs are run by hand)', () => {
  jest.setTimeout(30_000);
  let t: TestRuntime;
  const clock = new ManualClock(Date.now());

  beforeAll(async () => {
    t = await startTestRuntime({ backend: 'postgres', withWorker: false, clock });
    await t.app.get(DeployDefinitionUseCase).execute({ actor, xml });
  });
  afterAll(async () => t?.close());

  async function outboxJob(instanceId: number, name: JobName) {
    const rows = await t.runtime.db.query<{ job_id: string; payload: Record<string, number> }>('SELECT job_id, payload FROM outbox WHERE instance_id = $1 AND job_name = $2', [instanceId, name]);
    return rows[0];
  }

  it('applies each job once, however often it is delivered, and replays to the same state byte for byte', async () => {
    const started = await t.app.get(StartInstanceUseCase).execute({ actor, key: 'referral_small', businessKey: 'R-1' });
    const triage = started.tasks[0]!;
    clock.advance(60_000);
    const complete = t.app.get(CompleteTaskUseCase);
    // Two people complete the same task at once: one wins, the other gets a conflict.
    const results = await Promise.allSettled([
      complete.execute({ actor, taskId: triage.id, variables: { riskLevel: 'medium' } }),
      complete.execute({ actor, taskId: triage.id, variables: { riskLevel: 'high' } }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(['conflict']);

    // The service job, delivered twice.
    const svc = await outboxJob(started.id, JobName.ServiceInvoke);
    expect(svc).toBeDefined();
    const invoke = t.app.get(InvokeServiceUseCase);
    const meta = { jobId: svc!.job_id, attemptsMade: 0, attempts: 3 };
    expect(await invoke.execute(svc!.payload as never, meta)).toBe('completed');
    expect(await invoke.execute(svc!.payload as never, meta)).toBe('ignored');

    // The timer's wake-up: early (nothing due yet), then due, then delivered again.
    const timerRow = (await t.runtime.db.query<{ due_at: Date }>(`SELECT due_at FROM timers WHERE instance_id = $1 AND status = 'pending'`, [started.id]))[0]!;
    const wake = { second: Math.ceil(timerRow.due_at.getTime() / 1000) };
    expect((await t.runtime.db.query(`SELECT 1 FROM outbox WHERE job_id = $1`, [`timer-wake-${wake.second}`])).length).toBe(1);
    const fire = t.app.get(FireDueTimersUseCase);
    expect(await fire.execute(wake)).toBe(0);
    clock.advance(1_000);
    expect(await fire.execute(wake)).toBe(1);
    expect(await fire.execute(wake)).toBe(0);

    const plan = (await t.runtime.db.query<{ id: number }>(`SELECT id FROM user_tasks WHERE instance_id = $1 AND element_id = 'plan'`, [started.id]))[0]!;
    clock.advance(3_600_000);
    const done = await complete.execute({ actor, taskId: plan.id, variables: {} });
    expect(done.instanceStatus).toBe('completed');

    // History: contiguous, and no transition twice.
    const history = await t.runtime.db.query<{ seq: number; element_instance_id: number | null; element_id: string; transition: string }>(
      'SELECT seq, element_instance_id, element_id, transition FROM history WHERE instance_id = $1 ORDER BY seq', [started.id],
    );
    expect(history.map((h) => h.seq)).toEqual(history.map((_, i) => i + 1));
    const keys = history.map((h) => `${h.element_id}/${h.element_instance_id}/${h.transition}`);
    expect(new Set(keys).size).toBe(keys.length);

    // Replay: the stored input events with their `now`, through the engine, give the stored state.
    const events = await t.runtime.db.query<{ event: StoredEvent; now: Date }>('SELECT event, now FROM instance_events WHERE instance_id = $1 ORDER BY seq', [started.id]);
    const model = (await t.runtime.db.query<{ model: ExecutableModel }>('SELECT d.model FROM definitions d JOIN instances i ON i.definition_id = d.id WHERE i.id = $1', [started.id]))[0]!.model;
    let state: InstanceState | undefined;
    for (const e of events) {
      const r = e.event.type === 'start' ? start(model, e.event.options, { now: e.now }) : step(model, state as InstanceState, e.event as EngineEvent, { now: e.now });
      expect(r.rejection).toBeUndefined();
      state = r.state;
    }
    const stored = (await t.runtime.db.query<{ state: InstanceState; same: boolean }>('SELECT state, state = $2::jsonb AS same FROM instances WHERE id = $1', [started.id, JSON.stringify(state)]))[0]!;
    expect(stored.same).toBe(true);
    expect(canonical(state)).toBe(canonical(stored.state));
    expect(events).toHaveLength(5); // start, task, service, timer, task
  });
});
