import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ApplicationModule, RuntimeServices } from '@app/application';
import { APP_CONFIG, AppConfig } from '@app/config';
import { WorkerModule, WorkerModuleOptions } from '../../worker/src/worker.module';
import { ActorGuard } from './actor/actor.guard';
import { ACTOR_RESOLVER, ActorResolver, DevelopmentActorResolver } from './actor/actor.resolver';
import { DefinitionsController } from './definitions/definitions.controller';
import { ProblemDetailsFilter } from './errors/problem-details.filter';
import { HealthController } from './health/health.controller';
import { IncidentsController } from './incidents/incidents.controller';
import { InstancesController } from './instances/instances.controller';
import { MessagesController } from './messages/messages.controller';
import { NotificationJobsModule } from '../../worker/src/notifications/notification-jobs.module';
import { NotificationsApiModule } from './notifications/notifications-api.module';
import { TasksController } from './tasks/tasks.controller';

export interface ApiModuleOptions {
  /** Run the worker in this process too (the embedded default). */
  withWorker: boolean;
  /** Who makes requests; default: the development resolver (replaced by issue 4). */
  actorResolver?: ActorResolver;
  /** Passed to the worker (embedded default). */
  worker?: WorkerModuleOptions;
}

/** apps/api: HTTP only. Controllers map HTTP to use cases; one filter maps errors to problem+json. */
@Module({})
export class ApiModule {
  static forRuntime(runtime: RuntimeServices, config: AppConfig, options: ApiModuleOptions): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ...(options.withWorker
          ? [WorkerModule.forRuntime(runtime, config, { ...options.worker, imports: [NotificationJobsModule.forRuntime(runtime, config), ...(options.worker?.imports ?? [])] })]
          : [ApplicationModule.forRuntime(runtime)]),
        // libs/notifications comes with the worker's notification jobs, or on its own here.
        NotificationsApiModule.forRuntime(runtime, config, { core: !options.withWorker }),
      ],
      controllers: [DefinitionsController, InstancesController, MessagesController, TasksController, IncidentsController, HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: ACTOR_RESOLVER, useValue: options.actorResolver ?? new DevelopmentActorResolver(config) },
        { provide: APP_GUARD, useClass: ActorGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
