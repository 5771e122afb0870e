import { DelayedError, Job } from 'bullmq';
import { isDatabaseUnavailable } from '@app/persistence';
import { JobHandlerRegistry, JobItem, JobQueues } from '@app/queue';

/** Maps a BullMQ job to the registry (shared by the processors). */
export async function dispatchJob(registry: JobHandlerRegistry, job: Job, token: string | undefined, log: { warn(m: string): void }): Promise<void> {
  if (JobQueues.isSentinel(job.id)) return;
  try {
    await registry.dispatch({ name: job.name, data: job.data } as JobItem, {
      jobId: String(job.id),
      attemptsMade: job.attemptsMade,
      attempts: job.opts.attempts ?? 1,
      retryAt: async (timestamp: number) => {
        await job.moveToDelayed(timestamp, token);
        throw new DelayedError();
      },
    });
  } catch (err) {
    if (err instanceof DelayedError) throw err;
    if (isDatabaseUnavailable(err)) log.warn(`job ${job.name} ${job.id}: database unavailable, will retry`);
    throw err;
  }
}
