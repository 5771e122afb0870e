import { DynamicModule, Module } from '@nestjs/common';
import { BullModule, Processor } from '@nestjs/bullmq';
import {
  ApplicationModule, BroadcastSignalUseCase, CancelChildUseCase, DeliverSignalUseCase, FireStartTimerUseCase, FireTimerUseCase, InvokeServiceUseCase,
  NotifyParentUseCase, PublishMessageUseCase, RUNTIME, RuntimeServices, StartChildUseCase,
} from '@app/application';
import { APP_CONFIG, AppConfig } from '@app/config';
import { QueueName } from '@app/queue';
import { createJobHandlers } from './job-handlers.factory';
import { JOB_HANDLERS, RuntimeProcessor } from './processors/runtime.processor';
import { ServiceProcessor } from './processors/service.processor';
import { ReconcilerService } from './reconciler.service';

/**
 * apps/worker: BullMQ processors (through @nestjs/bullmq) and the reconciler; no HTTP listener.
 * Worker options come from the configuration, so the processors are declared here.
 */
@Module({})
export class WorkerModule {
  static forRuntime(runtime: RuntimeServices, config: AppConfig): DynamicModule {
    const workerOptions = {
      concurrency: config.WORKER_CONCURRENCY,
      stalledInterval: config.QUEUE_STALLED_INTERVAL_MS,
      lockDuration: config.QUEUE_LOCK_DURATION_MS,
      maxStalledCount: 20,
    };
    Processor(QueueName.Runtime, workerOptions)(RuntimeProcessor);
    Processor(QueueName.Service, workerOptions)(ServiceProcessor);
    const conn = runtime.queues.conn;
    return {
      module: WorkerModule,
      imports: [
        ApplicationModule.forRuntime(runtime),
        // Producers are libs/queue's JobQueues; the processors take their connection from here.
        BullModule.forRoot({ connection: conn.connection, prefix: conn.prefix }),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        {
          provide: JOB_HANDLERS,
          inject: [RUNTIME, FireTimerUseCase, FireStartTimerUseCase, InvokeServiceUseCase, StartChildUseCase, CancelChildUseCase, NotifyParentUseCase, PublishMessageUseCase, BroadcastSignalUseCase, DeliverSignalUseCase],
          useFactory: (rt: RuntimeServices, fireTimer: FireTimerUseCase, fireStartTimer: FireStartTimerUseCase, invokeService: InvokeServiceUseCase, startChild: StartChildUseCase,
            cancelChild: CancelChildUseCase, notifyParent: NotifyParentUseCase, publishMessage: PublishMessageUseCase, broadcastSignal: BroadcastSignalUseCase, deliverSignal: DeliverSignalUseCase) =>
            createJobHandlers(rt, { fireTimer, fireStartTimer, invokeService, startChild, cancelChild, notifyParent, publishMessage, broadcastSignal, deliverSignal }),
        },
        RuntimeProcessor,
        ServiceProcessor,
        ReconcilerService,
      ],
      exports: [ReconcilerService],
    };
  }
}
