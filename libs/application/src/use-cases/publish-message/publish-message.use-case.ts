import { Inject, Injectable } from '@nestjs/common';
import type { Variables } from '@app/engine';
import type { JobMeta, JobName, JobPayloads } from '@app/queue';
import { systemActor } from '../../actor';
import { claimJob, RUNTIME, type RuntimeServices } from '../../runtime/runtime-services';
import { correlateMessage } from '../correlate-message/message-correlation';

/** A model threw a message: correlate it like the API does (a message nothing waits for is dropped and logged). */
@Injectable()
export class PublishMessageUseCase {
  constructor(@Inject(RUNTIME) private readonly rt: RuntimeServices) {}

  async execute(_job: JobPayloads[JobName.MessagePublish], meta: JobMeta): Promise<string> {
    return this.rt.tx.run(async (uow) => {
      const claimed = await claimJob(uow, meta.jobId);
      if (!claimed) return 'ignored';
      const msg = claimed.data as { name: string; correlationKey: string | null; variables: Variables; partnershipId: string };
      const r = await correlateMessage(this.rt, uow, systemActor(msg.partnershipId), msg);
      if (r.kind === 'none') this.rt.log.debug(`message ${msg.name}: nothing waits for it`);
      return r.kind;
    });
  }
}
