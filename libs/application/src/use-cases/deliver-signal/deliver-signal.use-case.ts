import { Inject, Injectable } from '@nestjs/common';
import type { Variables } from '@app/engine';
import type { JobMeta, JobName, JobPayloads } from '@app/queue';
import { systemActor } from '../../actor';
import { claimJob, RUNTIME, type RuntimeServices } from '../../runtime/runtime-services';

/** Delivers a broadcast signal to one instance, once. */
@Injectable()
export class DeliverSignalUseCase {
  constructor(@Inject(RUNTIME) private readonly rt: RuntimeServices) {}

  async execute(job: JobPayloads[JobName.SignalDeliver], meta: JobMeta): Promise<'applied' | 'ignored'> {
    return this.rt.tx.run(async (uow) => {
      const row = await this.rt.runtime.lock(uow, job.instanceId);
      const claimed = await claimJob(uow, meta.jobId);
      if (!row || !claimed) return 'ignored';
      const sig = claimed.data as { name: string; variables: Variables };
      const outcome = await this.rt.runtime.apply(uow, job.instanceId, { type: 'signal', name: sig.name, variables: sig.variables ?? {} }, { actor: systemActor(row.partnership_id) });
      return outcome.kind === 'applied' ? 'applied' : 'ignored';
    });
  }
}
