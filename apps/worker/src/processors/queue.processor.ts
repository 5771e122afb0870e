import { Inject, Logger, Type } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job, WorkerOptions } from 'bullmq';
import { JobHandlerRegistry, QueueName } from '@app/queue';
import { dispatchJob } from './job-dispatch';

export const JOB_HANDLERS = Symbol('JOB_HANDLERS');

/**
 * One processor class per queue (BullMQ worker options come from the configuration, so the
 * classes are made at module registration). A processor only maps a job to its handler.
 */
export function createQueueProcessor(queue: QueueName, options: Partial<WorkerOptions>): Type<WorkerHost> {
  class QueueProcessor extends WorkerHost {
    private readonly logger = new Logger(`${queue}-processor`);
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
  Object.defineProperty(QueueProcessor, 'name', { value: `${queue[0]!.toUpperCase()}${queue.slice(1)}QueueProcessor` });
  Processor(queue, options)(QueueProcessor);
  return QueueProcessor;
}
