import { Inject, Injectable } from '@nestjs/common';
import type { InstanceState, Variables } from '@app/engine';
import type { JobMeta, JobName, JobPayloads } from '@app/queue';
import { systemActor } from '../../actor';
import { claimJob, RUNTIME, type RuntimeServices } from '../../runtime/runtime-services';

/**
 * A call activity starts a child instance: of the calling definition when it contains the
 * process, else of the latest deployed version that does. Runs once: the outbox row is the
 * fence, and (parent, element instance) is unique on instances.
 */
@Injectable()
export class StartChildUseCase {
  constructor(@Inject(RUNTIME) private readonly rt: RuntimeServices) {}

  async execute(job: JobPayloads[JobName.ChildStart], meta: JobMeta): Promise<'started' | 'failed' | 'ignored'> {
    return this.rt.tx.run(async (uow) => {
      const parent = await this.rt.runtime.lock(uow, job.instanceId);
      const claimed = await claimJob(uow, meta.jobId);
      if (!parent || !claimed) return 'ignored';
      const waiting = parent.status === 'active' && (parent.state as InstanceState).elements.some((e) => e.id === job.elementInstanceId);
      if (!waiting) return 'ignored';
      const data = claimed.data as { processId: string; variables: Variables };
      const actor = systemActor(parent.partnership_id);
      const def = (
        await uow.client.query(
          `SELECT id FROM definitions WHERE partnership_id = $1 AND $2 = ANY(process_ids)
           ORDER BY (id = $3) DESC, key, version DESC LIMIT 1`,
          [parent.partnership_id, data.processId, parent.definition_id],
        )
      ).rows[0];
      if (!def) {
        await this.rt.runtime.apply(uow, parent.id, { type: 'child-failed', elementInstanceId: job.elementInstanceId, message: `no deployed process ${data.processId}` }, { actor });
        return 'failed';
      }
      // The latest version among definitions holding the process, preferring the caller's own.
      const chosen = Number(def.id) === parent.definition_id
        ? parent.definition_id
        : Number((await uow.client.query(
            `SELECT id FROM definitions WHERE partnership_id = $1 AND $2 = ANY(process_ids) ORDER BY deployed_at DESC, id DESC LIMIT 1`,
            [parent.partnership_id, data.processId],
          )).rows[0].id);
      await this.rt.runtime.start(uow, { id: chosen, partnershipId: parent.partnership_id }, { variables: data.variables ?? {}, processId: data.processId }, {
        actor, parent: { instanceId: parent.id, elementInstanceId: job.elementInstanceId },
      });
      return 'started';
    });
  }
}
