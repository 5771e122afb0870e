import { Inject, Injectable } from '@nestjs/common';
import { JobName, jobIds, type JobPayloads } from '@app/queue';
import { systemActor } from '../../actor';
import { RUNTIME, type RuntimeServices } from '../../runtime/runtime-services';

/**
 * A timer's wake-up. Under the instance lock the engine checks the timer is still waited for
 * (a timer fires once: a repeated delivery finds it gone and is a no-op), and the timer row is
 * marked fired only while pending. A wake-up that comes early is re-armed.
 */
@Injectable()
export class FireTimerUseCase {
  constructor(@Inject(RUNTIME) private readonly rt: RuntimeServices) {}

  /** `early`: the caller puts the job back until `dueAt` (the same job id, so no second wake-up). */
  async execute(job: JobPayloads[JobName.TimerFire]): Promise<{ kind: 'fired' | 'ignored' } | { kind: 'early'; dueAt: Date }> {
    const jobId = jobIds.timer(job.instanceId, job.timerId);
    // Timers fall due in bursts: wake-ups that arrive together share a transaction.
    const outcome = await this.rt.batcher.apply(job.instanceId, { type: 'timer-fired', timerId: job.timerId }, { actor: systemActor('system'), consumeJobId: jobId });
    if (outcome.kind === 'early') return { kind: 'early', dueAt: outcome.dueAt };
    return { kind: outcome.kind === 'applied' ? 'fired' : 'ignored' };
  }
}
