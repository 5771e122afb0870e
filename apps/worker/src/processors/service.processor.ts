import { Inject, Logger } from '@nestjs/common';
import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobHandlerRegistry } from '@app/queue';
import { dispatchJob } from './job-dispatch';
import { JOB_HANDLERS } from './runtime.processor';

/** The service queue: service tasks by type. Maps jobs to use cases, nothing else. */
export class ServiceProcessor extends WorkerHost {
  private readonly logger = new Logger('ServiceProcessor');
  constructor(@Inject(JOB_HANDLERS) private readonly registry: JobHandlerRegistry) {
    super();
  }

  async process(job: Job, token?: string): Promise<void> {
    await dispatchJob(this.registry, job, token, this.logger);
  }

  /** Connection trouble (the queue backend restarting): logged, BullMQ reconnects by itself. */
  @OnWorkerEvent('error')
  onError(err: Error): void {
    this.logger.warn(`queue connection: ${err.message}`);
  }
}
