/**
 * The engine's entry points: `start` and `step`, pure functions of (model, state, event, context)
 * that run to the wait states and return the new state, the commands and the history.
 * An event that no longer applies is rejected (state unchanged), never thrown.
 */
import {
  ENGINE_VERSION,
  type EngineContext,
  type EngineEvent,
  type InstanceState,
  type RejectionCode,
  type StartOptions,
  type StepResult,
  type Variables,
} from '../contract.types';
import type { ExecutableModel, ProcessModel } from '../model.types';
import { BEHAVIOURS } from './behaviours/registry';
import { validateFormOutput } from './form-validation';
import { Runner } from './runner';

class Rejection extends Error {
  constructor(
    readonly code: RejectionCode,
    message: string,
  ) {
    super(message);
  }
}

function reject(state: InstanceState, code: RejectionCode, message: string): StepResult {
  return { state, commands: [], events: [], rejection: { code, message } };
}

function finish(r: Runner): StepResult {
  r.state.elements = [...r.els.values()];
  if (r.state.joins && !Object.keys(r.state.joins).length) delete r.state.joins;
  return { state: r.state, commands: r.commands, events: r.events };
}

function copyVariables(variables: Variables | undefined): Variables {
  return variables ? (JSON.parse(JSON.stringify(variables)) as Variables) : {};
}

export function start(model: ExecutableModel, options: StartOptions, ctx: EngineContext): StepResult {
  const processId = options.processId ?? model.mainProcessId;
  const state: InstanceState = {
    engineVersion: ENGINE_VERSION,
    processId,
    status: 'active',
    nextId: 1,
    variables: copyVariables(options.variables),
    elements: [],
    subscriptions: [],
  };
  if (options.businessKey !== undefined) state.businessKey = options.businessKey;
  if (options.calledBy) state.calledBy = options.calledBy;
  const process = model.processes[processId];
  if (!process) return reject({ ...state, status: 'terminated' }, 'not-found', `the definition has no process "${processId}"`);
  const entries = startNodes(process, options.startEventId);
  if (typeof entries === 'string') return reject({ ...state, status: 'terminated' }, 'invalid-event', entries);
  try {
    const r = new Runner(model, process, state, ctx, BEHAVIOURS);
    r.record(process.id, 'activated');
    if (process.eventSubProcesses.length) r.openEventSubProcesses(0, process.eventSubProcesses);
    // Conditions of the process's own event sub-processes that already hold fire once the start has run.
    r.varsChanged = true;
    const triggered = options.startEventId !== undefined && process.nodes[options.startEventId]?.events?.[0]?.kind !== 'none';
    for (const id of entries) r.activate(r.node(id), 0, triggered ? { trigger: {} } : {});
    r.markScopeDirty(0);
    r.drain();
    return finish(r);
  } catch (err) {
    return reject({ ...state, status: 'terminated' }, 'engine-error', `the engine failed to start the instance: ${(err as Error).message}`);
  }
}

function startNodes(process: ProcessModel, startEventId: string | undefined): string[] | string {
  if (startEventId === undefined) {
    const entries = process.scopeEntries[''] ?? [];
    return entries.length ? entries : `the process "${process.id}" has no none start event; start it with its message, signal or timer`;
  }
  const node = process.nodes[startEventId];
  const isStart = node && !node.scope && (node.kind === 'startEvent' || (node.kind === 'receiveTask' && node.instantiate));
  return isStart ? [startEventId] : `"${startEventId}" is not a start event of the process "${process.id}"`;
}

export function step(model: ExecutableModel, state: InstanceState, event: EngineEvent, ctx: EngineContext): StepResult {
  if (state.status !== 'active') return reject(state, 'instance-ended', `the instance has ${state.status}`);
  const process = model.processes[state.processId];
  if (!process) return reject(state, 'not-found', `the model has no process "${state.processId}"`);
  const working = JSON.parse(JSON.stringify(state)) as InstanceState;
  try {
    const r = new Runner(model, process, working, ctx, BEHAVIOURS);
    dispatch(r, event);
    r.drain();
    return finish(r);
  } catch (err) {
    if (err instanceof Rejection) return reject(state, err.code, err.message);
    return reject(state, 'engine-error', `the engine failed on a ${event.type} event: ${(err as Error).message}`);
  }
}

function liveInstance(r: Runner, id: number, what: string) {
  const ei = r.els.get(id);
  if (!ei) throw new Rejection('stale', `element instance ${id} is not waiting (already completed, terminated or unknown) for ${what}`);
  return ei;
}

function dispatch(r: Runner, event: EngineEvent): void {
  switch (event.type) {
    case 'task-completed': {
      const ei = liveInstance(r, event.elementInstanceId, 'a task completion');
      const node = r.node(ei.el);
      if (node.kind !== 'userTask' && node.kind !== 'manualTask' && node.kind !== 'receiveTask') {
        throw new Rejection('invalid-event', `"${node.name ?? node.id}" is not a task a person completes`);
      }
      const problems = validateFormOutput(node.userTask?.form ?? [], event.variables);
      if (problems.length) throw new Rejection('invalid-output', problems.join('; '));
      r.complete(ei, event.variables);
      return;
    }
    case 'service-completed':
    case 'service-error':
    case 'service-failed': {
      const ei = liveInstance(r, event.elementInstanceId, 'a service result');
      const node = r.node(ei.el);
      if (!node.service || ei.body) throw new Rejection('invalid-event', `"${node.name ?? node.id}" does not wait for a service`);
      if (event.type === 'service-completed') r.complete(ei, event.variables);
      else if (event.type === 'service-error') {
        if (event.variables) r.setVariables(ei.p, event.variables);
        r.throwError(ei, event.errorCode, event.message);
      } else if (ei.inc === undefined) r.raiseIncident(ei, 'service-failed', event.message);
      return;
    }
    case 'timer-fired': {
      const sub = r.state.subscriptions.find((s) => s.id === event.timerId && (s.kind === 'timer' || s.kind === 'sla'));
      if (!sub) throw new Rejection('stale', `timer ${event.timerId} is no longer armed`);
      r.trigger(sub, {});
      return;
    }
    case 'message': {
      const sub = r.state.subscriptions.find(
        (s) => s.kind === 'message' && s.name === event.name && (s.key === undefined || s.key === event.correlationKey),
      );
      if (!sub) throw new Rejection('not-found', `nothing waits for message "${event.name}"`);
      r.trigger(sub, { variables: copyVariables(event.variables), code: event.name });
      return;
    }
    case 'signal': {
      const subs = r.state.subscriptions.filter((s) => s.kind === 'signal' && s.name === event.name);
      if (!subs.length) throw new Rejection('not-found', `nothing waits for signal "${event.name}"`);
      for (const sub of subs) r.schedule(() => r.trigger(sub, { variables: copyVariables(event.variables), code: event.name }));
      return;
    }
    case 'child-completed': {
      const ei = liveInstance(r, event.elementInstanceId, 'a called process');
      const node = r.node(ei.el);
      if (node.kind !== 'callActivity') throw new Rejection('invalid-event', `"${node.id}" is not a call activity`);
      r.complete(ei, node.propagateAll?.out !== false || node.outputs?.length ? event.variables : undefined);
      return;
    }
    case 'child-error': {
      const ei = liveInstance(r, event.elementInstanceId, 'a called process');
      r.throwError(ei, event.errorCode, event.message);
      return;
    }
    case 'child-failed': {
      const ei = liveInstance(r, event.elementInstanceId, 'a called process');
      if (ei.inc === undefined) r.raiseIncident(ei, 'child-failed', event.message);
      return;
    }
    case 'set-variables': {
      if (event.elementInstanceId !== undefined) {
        const ei = liveInstance(r, event.elementInstanceId, 'variables');
        for (const [name, value] of Object.entries(copyVariables(event.variables))) r.setLocal(ei, name, value);
        r.varsChanged = true;
      } else r.setVariables(0, copyVariables(event.variables));
      return;
    }
    case 'resolve-incident':
      return resolveIncident(r, event.incidentId, event.variables);
    case 'cancel':
      r.endInstance('terminated');
      return;
    default:
      throw new Rejection('invalid-event', `unknown event type "${(event as { type: string }).type}"`);
  }
}

/** Retry what failed: the element runs again (a service is invoked again, a gateway re-evaluates). */
function resolveIncident(r: Runner, incidentId: number, variables: Variables | undefined): void {
  const incident = r.state.incidents?.find((i) => i.id === incidentId);
  if (!incident) throw new Rejection('not-found', `there is no open incident ${incidentId}`);
  const ei = r.els.get(incident.elementInstanceId);
  if (variables) r.setVariables(ei?.p ?? 0, copyVariables(variables));
  r.resolveIncident(incidentId);
  if (!ei) return;
  const node = r.node(ei.el);
  if (ei.leaving) r.complete(ei);
  else if (ei.body) r.bodyBehaviour(node).execute(r, ei, node);
  else r.run(ei, node);
}
