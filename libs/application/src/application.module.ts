import { DynamicModule, Module, Provider } from '@nestjs/common';
import { RUNTIME, type RuntimeServices } from './runtime/runtime-services';
import { BroadcastSignalUseCase } from './use-cases/broadcast-signal/broadcast-signal.use-case';
import { CancelChildUseCase } from './use-cases/cancel-child/cancel-child.use-case';
import { CancelInstanceUseCase } from './use-cases/cancel-instance/cancel-instance.use-case';
import { CheckHealthUseCase } from './use-cases/check-health/check-health.use-case';
import { ClaimTaskUseCase } from './use-cases/claim-task/claim-task.use-case';
import { CompleteTaskUseCase } from './use-cases/complete-task/complete-task.use-case';
import { CorrelateMessageUseCase } from './use-cases/correlate-message/correlate-message.use-case';
import { DeliverSignalUseCase } from './use-cases/deliver-signal/deliver-signal.use-case';
import { DeployDefinitionUseCase } from './use-cases/deploy-definition/deploy-definition.use-case';
import { DeployWorkflowsUseCase } from './use-cases/deploy-workflows/deploy-workflows.use-case';
import { FireStartTimerUseCase } from './use-cases/fire-start-timer/fire-start-timer.use-case';
import { FireDueTimersUseCase } from './use-cases/fire-due-timers/fire-due-timers.use-case';
import { GetDefinitionUseCase } from './use-cases/get-definition/get-definition.use-case';
import { GetInstanceUseCase } from './use-cases/get-instance/get-instance.use-case';
import { GetTaskUseCase } from './use-cases/get-task/get-task.use-case';
import { InvokeServiceUseCase } from './use-cases/invoke-service/invoke-service.use-case';
import { ListDefinitionsUseCase } from './use-cases/list-definitions/list-definitions.use-case';
import { ListIncidentsUseCase } from './use-cases/list-incidents/list-incidents.use-case';
import { ListInstancesUseCase } from './use-cases/list-instances/list-instances.use-case';
import { ListTasksUseCase } from './use-cases/list-tasks/list-tasks.use-case';
import { NotifyParentUseCase } from './use-cases/notify-parent/notify-parent.use-case';
import { PublishMessageUseCase } from './use-cases/publish-message/publish-message.use-case';
import { RetryIncidentUseCase } from './use-cases/retry-incident/retry-incident.use-case';
import { StartChildUseCase } from './use-cases/start-child/start-child.use-case';
import { StartInstanceUseCase } from './use-cases/start-instance/start-instance.use-case';
import { UnclaimTaskUseCase } from './use-cases/unclaim-task/unclaim-task.use-case';

export const USE_CASES = [
  DeployDefinitionUseCase, DeployWorkflowsUseCase, ListDefinitionsUseCase, GetDefinitionUseCase, StartInstanceUseCase, ListInstancesUseCase,
  GetInstanceUseCase, CancelInstanceUseCase, CorrelateMessageUseCase, ListTasksUseCase, GetTaskUseCase, ClaimTaskUseCase, UnclaimTaskUseCase,
  CompleteTaskUseCase, ListIncidentsUseCase, RetryIncidentUseCase, CheckHealthUseCase, FireDueTimersUseCase, FireStartTimerUseCase,
  InvokeServiceUseCase, StartChildUseCase, CancelChildUseCase, NotifyParentUseCase, PublishMessageUseCase, BroadcastSignalUseCase,
  DeliverSignalUseCase,
];

/** The use cases, over one process's runtime services. */
@Module({})
export class ApplicationModule {
  static forRuntime(runtime: RuntimeServices): DynamicModule {
    const providers: Provider[] = [{ provide: RUNTIME, useValue: runtime }, ...USE_CASES];
    return { module: ApplicationModule, global: true, providers, exports: providers };
  }
}
