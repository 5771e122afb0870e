import { DefinitionEntity } from './definition.entity';
import { HistoryEntity } from './history.entity';
import { IncidentEntity } from './incident.entity';
import { InstanceEventEntity } from './instance-event.entity';
import { InstanceEntity } from './instance.entity';
import { OutboxEntity } from './outbox.entity';
import { SlaEventEntity } from './sla-event.entity';
import { SubscriptionEntity } from './subscription.entity';
import { TimerEntity } from './timer.entity';
import { UserTaskEntity } from './user-task.entity';

export {
  DefinitionEntity, HistoryEntity, IncidentEntity, InstanceEventEntity, InstanceEntity, OutboxEntity,
  SlaEventEntity, SubscriptionEntity, TimerEntity, UserTaskEntity,
};

export const ENTITIES = [
  DefinitionEntity, InstanceEntity, InstanceEventEntity, HistoryEntity, UserTaskEntity, TimerEntity,
  SubscriptionEntity, IncidentEntity, SlaEventEntity, OutboxEntity,
];
