import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ApplicationModule, RuntimeServices } from '@app/application';
import { APP_CONFIG, AppConfig } from '@app/config';
import { WorkerModule, WorkerModuleOptions } from '../../worker/src/worker.module';
import type { ActorResolver } from './actor/actor.resolver';
import { AdminController } from './admin/admin.controller';
import { AuditController } from './audit/audit.controller';
import { AuthController } from './auth/auth.controller';
import { CasesController } from './cases/cases.controller';
import { DashboardController } from './dashboard/dashboard.controller';
import { MeController } from './me/me.controller';
import { SecurityModule } from './security/security.module';
import type { UnsafeTestToggles } from './security/security.tokens';
import { DefinitionsController } from './definitions/definitions.controller';
import { ProblemDetailsFilter } from './errors/problem-details.filter';
import { HealthController } from './health/health.controller';
import { IncidentsController } from './incidents/incidents.controller';
import { InstancesController } from './instances/instances.controller';
import { MessagesController } from './messages/messages.controller';
import { NotificationJobsModule } from '../../worker/src/notifications/notification-jobs.module';
import { NotificationsApiModule } from './notifications/notifications-api.module';
import { PathwaysApiModule } from './pathways/pathways-api.module';
import { TasksController } from './tasks/tasks.controller';
import { ModellingModule } from './modelling/modelling.module';
import { StatisticsModule } from './statistics/statistics.module';
import { WebModule } from './web/web.module';

export interface ApiModuleOptions {
  /** Run the worker in this process too (the embedded default). */
  withWorker: boolean;
  /**
   * TEST ONLY: resolves the actor from the request instead of signing in (suites written before
   * sign-in existed). Route roles still apply. main.ts never sets it: requests need a token.
   */
  actorResolver?: ActorResolver;
  /** TEST ONLY: leave a part of access control out, to show the access sweep notices. */
  unsafeTestOnly?: UnsafeTestToggles;
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
        // Identity, access and audit; its AuthGuard guards every route (fail closed).
        SecurityModule.forRoot(config, { unsafeTestOnly: options.unsafeTestOnly, testOnlyActorResolver: options.actorResolver }),
        // Issue 6: the modeller's and the dashboard's endpoints, the server clock for SLA countdowns.
        ModellingModule.register(config), StatisticsModule, WebModule,
        // Issue 5: intake and repeats, escalations, meetings, KPIs, pathway parameters.
        PathwaysApiModule,
      ],
      controllers: [
        DefinitionsController, InstancesController, MessagesController, TasksController, IncidentsController, HealthController,
        AuthController, MeController, CasesController, AdminController, AuditController, DashboardController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
