import { Inject, Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { JobHandlerRegistry, JobName } from '@app/queue';
import { JOB_HANDLERS } from './processors/queue.processor';

/**
 * At start-up every job name must have exactly one handler: modules that own other queues
 * (notifications, …) register theirs on the exported JOB_HANDLERS registry in `onModuleInit`;
 * this check then stops the worker if a name is still missing.
 */
export const IGNORE_UNHANDLED_JOBS = Symbol('IGNORE_UNHANDLED_JOBS');

@Injectable()
export class JobHandlersCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('JobHandlers');
  constructor(
    @Inject(JOB_HANDLERS) private readonly registry: JobHandlerRegistry,
    @Optional() @Inject(IGNORE_UNHANDLED_JOBS) private readonly ignoreUnhandled?: boolean,
  ) {}

  onApplicationBootstrap(): void {
    if (this.ignoreUnhandled) {
      // Tests and benchmarks of the runtime alone: jobs of features not wired in are dropped.
      for (const name of this.registry.missing()) {
        this.logger.warn(`no handler for ${name}: its jobs are dropped (IGNORE_UNHANDLED_JOBS, tests only)`);
        this.registry.register(name as JobName, async () => undefined);
      }
    }
    this.registry.assertComplete();
  }
}
