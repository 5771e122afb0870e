/**
 * Gateways. Joins are handled by the runner as tokens arrive (parallel: one token on every
 * incoming flow; inclusive: when no other token can still reach a missing flow; complex: when
 * its activation condition holds); here each gateway chooses its outgoing flows.
 */
import type { ElementInstance } from '../../contract.types';
import type { NodeModel } from '../../model.types';
import type { Behaviour, Runner } from '../runner';

/** Flows whose condition holds (a flow without one always holds); the default when none does. */
function holdingFlows(r: Runner, ei: ElementInstance, node: NodeModel, firstOnly: boolean): string[] | undefined {
  const chosen: string[] = [];
  for (const flowId of node.outgoing) {
    if (flowId === node.defaultFlow) continue;
    const condition = r.process.flows[flowId]!.condition;
    const holds = condition ? r.guard(ei, () => r.condition(condition, ei.p)) : true;
    if (holds === undefined) return undefined;
    if (holds) {
      chosen.push(flowId);
      if (firstOnly) break;
    }
  }
  if (!chosen.length && node.defaultFlow) chosen.push(node.defaultFlow);
  if (!chosen.length && node.outgoing.length) {
    r.raiseIncident(ei, 'no-outgoing-flow', `no condition of "${node.name ?? node.id}" holds and it has no default flow`);
    return undefined;
  }
  return chosen;
}

export const exclusiveGatewayBehaviour: Behaviour = {
  execute(r, ei, node) {
    const flows = holdingFlows(r, ei, node, true);
    if (flows) r.complete(ei, undefined, flows);
  },
};

/** Inclusive and complex gateways fork on every flow whose condition holds. */
export const inclusiveGatewayBehaviour: Behaviour = {
  execute(r, ei, node) {
    const flows = holdingFlows(r, ei, node, false);
    if (flows) r.complete(ei, undefined, flows);
  },
};

export const parallelGatewayBehaviour: Behaviour = {
  execute(r, ei, node) {
    r.complete(ei, undefined, node.outgoing);
  },
};

/** Waits for the first of the events after it; the runner routes the winner and closes the rest. */
export const eventBasedGatewayBehaviour: Behaviour = {
  execute(r, ei, node) {
    for (const flowId of node.outgoing) {
      const target = r.node(r.process.flows[flowId]!.target);
      const defs = target.kind === 'receiveTask' ? (target.message ? [target.message] : []) : (target.events ?? []);
      for (const [i, def] of defs.entries()) if (!r.subscribe(ei, target.id, def, ei.p, i)) return;
    }
    for (const sub of r.state.subscriptions.filter((s) => s.ei === ei.id && s.kind === 'condition')) {
      if (r.isLive(ei.id) && r.checkConditionNow(sub)) return r.trigger(sub, {});
    }
  },
};
