/**
 * Throwing events, shared by end events, intermediate throw events and multi-instance
 * behaviour events: messages and signals leave as commands (a signal is also caught at once by
 * the throwing instance's own waiting subscriptions), errors and escalations propagate up the
 * scopes, compensation runs the handlers.
 */
import type { ElementInstance } from '../../contract.types';
import type { EventDef } from '../../model.types';
import type { Runner } from '../runner';

/** Publish a message; false when its correlation key failed (an incident was raised). */
export function publishMessage(r: Runner, ei: ElementInstance, def: EventDef): boolean {
  const key = def.correlationKey ? r.guard(ei, () => r.evaluate(def.correlationKey!, ei.id)) : null;
  if (key === undefined) return false;
  r.command({
    type: 'publish-message',
    name: def.name!,
    ...(key !== null ? { correlationKey: String(key) } : {}),
    variables: { ...(ei.v ?? {}) },
    elementId: ei.el,
  });
  return true;
}

/**
 * Broadcast a signal: this instance's own subscriptions catch it once the step's tokens have all
 * reached their wait states (so a parallel branch that waits for it in the same step gets it),
 * the other instances through the runtime.
 */
export function throwSignal(r: Runner, ei: ElementInstance, def: EventDef, skipOwner?: number): void {
  const variables = { ...(ei.v ?? {}) };
  r.defer(() => {
    for (const sub of r.state.subscriptions.filter((s) => s.kind === 'signal' && s.name === def.name && s.ei !== skipOwner)) {
      r.trigger(sub, { variables, code: def.name! });
    }
  });
  r.command({ type: 'broadcast-signal', name: def.name!, variables, elementId: ei.el });
}

/** The scope whose completed activities a compensation throw compensates (not an event sub-process). */
export function compensationScope(r: Runner, ei: ElementInstance): number {
  let scopeId = ei.p;
  while (scopeId !== 0) {
    const scope = r.els.get(scopeId);
    if (!scope || !r.node(scope.el).triggeredByEvent) break;
    scopeId = scope.p;
  }
  return scopeId;
}

export type ThrowOutcome = 'continue' | 'wait' | 'stop';

/**
 * Throw each event definition of a throw event. `continue`: the token goes on; `wait`: it waits
 * (compensation to finish); `stop`: the instance was taken over (an error or interrupting catch).
 */
export function throwEvents(r: Runner, ei: ElementInstance, defs: EventDef[]): ThrowOutcome {
  let outcome: ThrowOutcome = 'continue';
  for (const def of defs) {
    switch (def.kind) {
      case 'message':
        if (!publishMessage(r, ei, def)) return 'stop';
        break;
      case 'signal':
        throwSignal(r, ei, def);
        break;
      case 'escalation':
        r.throwEscalation(ei, def.code);
        if (!r.isLive(ei.id)) return 'stop';
        break;
      case 'error':
        r.throwError(ei, def.code ?? '');
        return 'stop';
      case 'compensate':
        if (r.compensate(ei, compensationScope(r, ei), def.activityRef) && def.waitForCompletion !== false) outcome = 'wait';
        else delete ei.waitComp;
        break;
      default:
        break;
    }
  }
  return outcome;
}
