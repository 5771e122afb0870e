import { Inject, Injectable } from '@nestjs/common';
import type { EngineEvent } from '@app/engine';
import type { JobMeta, JobName, JobPayloads } from '@app/queue';
import { systemActor } from '../../actor';
import { claimJob, RUNTIME, type RuntimeServices } from '../../runtime/runtime-services';

/** A child instance ended: its parent's call activity completes (or rethrows the child's error). */
@Injectable()
export class NotifyParentUseCase {
  constructor(@Inject(RUNTIME) private readonly rt: RuntimeServices) {}

  async execute(job: JobPayloads[JobName.ChildNotifyParent], meta: JobMeta): Promise<'applied' | 'ignored'> {
    return this.rt.tx.run(async (uow) => {
      const parent = await this.rt.runtime.lock(uow, job.parentInstanceId);
      const claimed = await claimJob(uow, meta.jobId);
      if (!parent || !claimed) return 'ignored';
      const { event } = claimed.data as { event: EngineEvent };
      const outcome = await this.rt.runtime.apply(uow, parent.id, event, { actor: systemActor(parent.partnership_id) });
      return outcome.kind === 'applied' ? 'applied' : 'ignored';
    });
  }
}
