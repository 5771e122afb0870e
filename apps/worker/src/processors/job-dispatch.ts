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
    if (isDatabaseUnavailable(err)) {
      // An outage is not the job's failure: try again shortly without spending one of its tries.
      log.warn(`job ${job.name} ${job.id}: database unavailable, trying again in 1 s`);
      await job.moveToDelayed(Date.now() + 1_000, token);
      throw new DelayedError();
    }
    throw err;
  }
}
