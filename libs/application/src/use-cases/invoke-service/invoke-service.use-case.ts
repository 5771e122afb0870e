import { Inject, Injectable } from '@nestjs/common';
import type { EngineEvent, Variables } from '@app/engine';
import type { JobMeta, JobName, JobPayloads } from '@app/queue';
import { systemActor } from '../../actor';
import { claimJob, RUNTIME, type RuntimeServices } from '../../runtime/runtime-services';
import { BpmnError } from '../../services/bpmn-error';

interface ServiceData {
  taskType: string;
  retry: string;
  input: Variables;
  headers: Record<string, string>;
  elementId: string;
}

/**
 * Runs a service task's handler (by task type) and reports the outcome to the engine: success →
 * `service-completed`; a `BpmnError` → `service-error` (error boundaries); any other error is
 * retried by the queue (the model's retry cycle) and, on the last try, becomes `service-failed`
 * (an incident). The input is read from PostgreSQL, never from the job.
 */
@Injectable()
export class InvokeServiceUseCase {
  constructor(@Inject(RUNTIME) private readonly rt: RuntimeServices) {}

  async execute(job: JobPayloads[JobName.ServiceInvoke], meta: JobMeta): Promise<'completed' | 'error' | 'failed' | 'ignored'> {
    const rows = await this.rt.db.query<{ data: ServiceData; partnership_id: string }>(
      `SELECT o.data, i.partnership_id FROM outbox o JOIN instances i ON i.id = o.instance_id WHERE o.job_id = $1`,
      [meta.jobId],
      'rp_service_call_v1',
    );
    const call = rows[0];
    if (!call) return 'ignored'; // already applied, or cancelled
    const { data } = call;
    let event: EngineEvent;
    let kind: 'completed' | 'error' | 'failed';
    try {
      const handler = this.rt.services.get(data.taskType);
      if (!handler) throw new Error(`no handler is registered for service task type "${data.taskType}"`);
      const output = await handler({
        instanceId: job.instanceId, elementInstanceId: job.elementInstanceId, elementId: data.elementId, taskType: data.taskType,
        input: data.input ?? {}, headers: data.headers ?? {}, attempt: meta.attemptsMade + 1,
      });
      event = { type: 'service-completed', elementInstanceId: job.elementInstanceId, variables: output ?? {} };
      kind = 'completed';
    } catch (err) {
      if (err instanceof BpmnError) {
        event = { type: 'service-error', elementInstanceId: job.elementInstanceId, errorCode: err.code, message: err.message };
        kind = 'error';
      } else if (meta.attemptsMade + 1 < meta.attempts) {
        throw err; // the queue retries after the cycle's interval
      } else {
        event = { type: 'service-failed', elementInstanceId: job.elementInstanceId, message: `${data.taskType}: ${(err as Error).message}`.slice(0, 500) };
        kind = 'failed';
      }
    }
    const applied = await this.rt.tx.run(async (uow) => {
      await this.rt.runtime.lock(uow, job.instanceId);
      if (!(await claimJob(uow, meta.jobId))) return false;
      const outcome = await this.rt.runtime.apply(uow, job.instanceId, event, { actor: systemActor(call.partnership_id) });
      return outcome.kind === 'applied';
    });
    return applied ? kind : 'ignored';
  }
}
