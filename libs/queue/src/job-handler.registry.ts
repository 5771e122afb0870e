import { JobItem, JobName, JobOf } from './queue-names';

export type JobHandler<N extends JobName> = (job: JobOf<N>['data'], meta: JobMeta) => Promise<void>;

export interface JobMeta {
  jobId: string;
  /** Attempts made before this one. */
  attemptsMade: number;
  /** Attempts allowed in total. */
  attempts: number;
  /** Puts the job back to run at `timestamp` (real ms) under the same id; never returns. */
  retryAt?: (timestamp: number) => Promise<never>;
}

/**
 * Maps every job name to exactly one handler. `assertComplete` runs at start-up: a job name
 * with no handler (or two) stops the worker from starting.
 */
export class JobHandlerRegistry {
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();

  register<N extends JobName>(name: N, handler: JobHandler<N>): void {
    if (this.handlers.has(name)) throw new Error(`job ${name} has two handlers`);
    this.handlers.set(name, handler as unknown as JobHandler<JobName>);
  }

  /** Job names with no handler yet. */
  missing(): JobName[] {
    return Object.values(JobName).filter((n) => !this.handlers.has(n));
  }

  assertComplete(): void {
    const missing = this.missing();
    if (missing.length > 0) throw new Error(`no handler for job(s): ${missing.join(', ')}`);
  }

  async dispatch(job: JobItem, meta: JobMeta): Promise<void> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new Error(`no handler for job ${job.name}`);
    await handler(job.data as never, meta);
  }
}
