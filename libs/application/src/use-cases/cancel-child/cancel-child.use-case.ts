import { Inject, Injectable } from '@nestjs/common';
import type { JobMeta, JobName, JobPayloads } from '@app/queue';
import { systemActor } from '../../actor';
import { claimJob, RUNTIME, type RuntimeServices } from '../../runtime/runtime-services';

/** The parent no longer waits for a call activity: cancel its child instance. */
@Injectable()
export class CancelChildUseCase {
  constructor(@Inject(RUNTIME) private readonly rt: RuntimeServices) {}

  async execute(job: JobPayloads[JobName.ChildCancel], meta: JobMeta): Promise<'cancelled' | 'ignored'> {
    return this.rt.tx.run(async (uow) => {
      if (!(await claimJob(uow, meta.jobId))) return 'ignored';
      const child = (await uow.client.query('SELECT id, partnership_id FROM instances WHERE parent_instance_id = $1 AND parent_element_instance_id = $2', [job.instanceId, job.elementInstanceId])).rows[0];
      if (!child) return 'ignored';
      const outcome = await this.rt.runtime.apply(uow, Number(child.id), { type: 'cancel', reason: 'the calling activity ended' }, { actor: systemActor(String(child.partnership_id)) });
      return outcome.kind === 'applied' ? 'cancelled' : 'ignored';
    });
  }
}
