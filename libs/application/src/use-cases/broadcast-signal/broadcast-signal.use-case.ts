import { Inject, Injectable } from '@nestjs/common';
import type { Variables } from '@app/engine';
import { JobName, QueueName, jobIds, type JobMeta, type JobPayloads } from '@app/queue';
import { systemActor } from '../../actor';
import { claimJob, RUNTIME, type RuntimeServices } from '../../runtime/runtime-services';

/**
 * A model threw a signal: one delivery job per instance that waits for it (each fenced by its
 * own outbox row), and an instance of every process whose start event catches it.
 */
@Injectable()
export class BroadcastSignalUseCase {
  constructor(@Inject(RUNTIME) private readonly rt: RuntimeServices) {}

  async execute(_job: JobPayloads[JobName.SignalBroadcast], meta: JobMeta): Promise<number> {
    return this.rt.tx.run(async (uow) => {
      const claimed = await claimJob(uow, meta.jobId);
      if (!claimed) return 0;
      const sig = claimed.data as { name: string; variables: Variables; partnershipId: string; sourceInstanceId: number | null };
      const now = this.rt.clock.now();
      const targets = await uow.client.query(
        `SELECT DISTINCT instance_id FROM subscriptions WHERE partnership_id = $1 AND kind = 'signal' AND name = $2 AND status = 'open'
           AND instance_id IS DISTINCT FROM $3`,
        [sig.partnershipId, sig.name, sig.sourceInstanceId],
      );
      for (const t of targets.rows) {
        const instanceId = Number(t.instance_id);
        uow.addJob(
          { jobId: jobIds.signalDeliver(meta.jobId, instanceId), queue: QueueName.Runtime, name: JobName.SignalDeliver, payload: { instanceId }, availableAt: now },
          { name: sig.name, variables: sig.variables }, instanceId, now.toISOString(),
        );
      }
      const starts = await uow.client.query(
        `SELECT d.id, t->>'startEventId' AS start_event_id, t->>'processId' AS process_id
           FROM definitions d, jsonb_array_elements(d.start_triggers) t
          WHERE d.partnership_id = $1 AND t->>'kind' = 'signal' AND t->>'name' = $2
            AND d.version = (SELECT max(version) FROM definitions m WHERE m.partnership_id = d.partnership_id AND m.key = d.key)`,
        [sig.partnershipId, sig.name],
      );
      for (const s of starts.rows) {
        await this.rt.runtime.start(uow, { id: Number(s.id), partnershipId: sig.partnershipId }, { variables: sig.variables, startEventId: String(s.start_event_id), processId: String(s.process_id) }, { actor: systemActor(sig.partnershipId) });
      }
      return targets.rows.length + starts.rows.length;
    });
  }
}
