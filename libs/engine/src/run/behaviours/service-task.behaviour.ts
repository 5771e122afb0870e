/**
 * Work done outside the engine by a worker of a task type: service tasks, send tasks with a
 * type, and message throw events implemented by a job worker (Camunda 8). The engine asks for
 * the call (invoke-service) and waits for service-completed / service-error / service-failed.
 * A send task with only a message publishes it and goes on.
 */
import type { Behaviour } from '../runner';
import { publishMessage } from './throw.util';

export const serviceBehaviour: Behaviour = {
  execute(r, ei, node) {
    if (!node.service) {
      if (node.message && publishMessage(r, ei, node.message)) r.complete(ei);
      return;
    }
    r.command({
      type: 'invoke-service',
      elementInstanceId: ei.id,
      elementId: node.id,
      taskType: node.service.type,
      retry: node.service.retry,
      ...(ei.v ? { input: ei.v } : {}),
      ...(node.service.headers ? { headers: node.service.headers } : {}),
    });
  },

  cancel(r, ei, node) {
    if (node.service) r.command({ type: 'cancel-service', elementInstanceId: ei.id });
  },
};

/** Receive task: waits for its message (or is started by it when it instantiates the process). */
export const receiveBehaviour: Behaviour = {
  execute(r, ei, node, trigger) {
    if (trigger) return r.complete(ei, trigger.variables);
    if (node.message) r.subscribe(ei, node.id, node.message, ei.id);
  },
};

/** Call activity: starts a child instance of another process and waits for it. */
export const callActivityBehaviour: Behaviour = {
  execute(r, ei, node) {
    const variables = node.propagateAll?.in !== false ? { ...r.visibleVariables(ei.id) } : { ...(ei.v ?? {}) };
    r.command({ type: 'start-child', elementInstanceId: ei.id, elementId: node.id, processId: node.calledElement!, variables });
  },
  cancel(r, ei) {
    r.command({ type: 'cancel-child', elementInstanceId: ei.id });
  },
};
