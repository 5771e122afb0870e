import { DynamicModule, Global, Module, ModuleMetadata } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import {
  ApplicationModule, BroadcastSignalUseCase, CancelChildUseCase, DeliverSignalUseCase, FireStartTimerUseCase, FireDueTimersUseCase, InvokeServiceUseCase,
  NotifyParentUseCase, PublishMessageUseCase, RUNTIME, RuntimeServices, StartChildUseCase,
} from '@app/application';
import { APP_CONFIG, AppConfig } from '@app/config';
import { QueueName } from '@app/queue';
import { IGNORE_UNHANDLED_JOBS, JobHandlersCheck } from './job-handlers.check';
import { createJobHandlers } from './job-handlers.factory';
import { createQueueProcessor, JOB_HANDLERS } from './processors/queue.processor';
import { PathwayJobsModule } from './pathways/pathway-jobs.module';
import { ReconcilerService } from './reconciler.service';
import { RetentionScheduler } from './retention/retention.scheduler';

export interface WorkerModuleOptions {
  /** Modules that handle other queues' jobs: they register on the JOB_HANDLERS registry. */
  imports?: ModuleMetadata['imports'];
  /** Tests and benchmarks of the runtime alone: drop jobs no module handles instead of refusing to start. */
  ignoreUnhandledJobs?: boolean;
}

/** The job handler registry, visible to every module of the worker. */
@Global()
@Module({})
class JobHandlersModule {}

/**
 * apps/worker: BullMQ processors (through @nestjs/bullmq), one per queue, and the reconciler; no
 * HTTP listener. Worker options come from the configuration, so the processors are made here.
 */
@Module({})
export class WorkerModule {
  static forRuntime(runtime: RuntimeServices, config: AppConfig, options: WorkerModuleOptions = {}): DynamicModule {
    const workerOptions = {
      concurrency: config.WORKER_CONCURRENCY,
      stalledInterval: config.QUEUE_STALLED_INTERVAL_MS,
      lockDuration: config.QUEUE_LOCK_DURATION_MS,
      maxStalledCount: 20,
    };
    const processors = Object.values(QueueName).map((q) => createQueueProcessor(q, workerOptions));
    const conn = runtime.queues.conn;
    const handlers: DynamicModule = {
      module: JobHandlersModule,
      providers: [{
        provide: JOB_HANDLERS,
        inject: [RUNTIME, FireDueTimersUseCase, FireStartTimerUseCase, InvokeServiceUseCase, StartChildUseCase, CancelChildUseCase, NotifyParentUseCase, PublishMessageUseCase, BroadcastSignalUseCase, DeliverSignalUseCase],
        useFactory: (rt: RuntimeServices, fireDueTimers: FireDueTimersUseCase, fireStartTimer: FireStartTimerUseCase, invokeService: InvokeServiceUseCase, startChild: StartChildUseCase,
          cancelChild: CancelChildUseCase, notifyParent: NotifyParentUseCase, publishMessage: PublishMessageUseCase, broadcastSignal: BroadcastSignalUseCase, deliverSignal: DeliverSignalUseCase) =>
          createJobHandlers(rt, { fireDueTimers, fireStartTimer, invokeService, startChild, cancelChild, notifyParent, publishMessage, broadcastSignal, deliverSignal }),
      }],
      exports: [JOB_HANDLERS],
    };
    return {
      module: WorkerModule,
      imports: [
        ApplicationModule.forRuntime(runtime),
        handlers,
        // Producers are libs/queue's JobQueues; the processors take their connection from here
        // (registerQueue also brings in @nestjs/bullmq's explorer, which starts the processors).
        BullModule.forRoot({ connection: conn.connection, prefix: conn.prefix }),
        BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name }))),
        // Issue 5: the templates' service tasks and the steering-group flag of missed deadlines.
        PathwayJobsModule,
        ...(options.imports ?? []),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: IGNORE_UNHANDLED_JOBS, useValue: options.ignoreUnhandledJobs ?? false },
        ...processors, ReconcilerService, JobHandlersCheck,
        // Issue 4: anonymise cases past their partnership's retention period.
        RetentionScheduler,
      ],
      exports: [ReconcilerService, RetentionScheduler],
    };
  }
}
