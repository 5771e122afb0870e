/**
 * Events: start, end, intermediate catch and throw, boundary.
 */
import type { Behaviour } from '../runner';
import { serviceBehaviour } from './service-task.behaviour';
import { throwEvents } from './throw.util';

/** A start event passes its trigger's variables into its scope and goes on. */
export const startEventBehaviour: Behaviour = {
  execute(r, ei, _node, trigger) {
    r.complete(ei, trigger?.variables);
  },
};

/** A boundary event was triggered (the runner already interrupted the activity if it had to). */
export const boundaryEventBehaviour: Behaviour = {
  execute(r, ei, _node, trigger) {
    r.complete(ei, trigger?.variables);
  },
};

export const intermediateCatchBehaviour: Behaviour = {
  execute(r, ei, node, trigger) {
    const defs = node.events ?? [];
    if (trigger || defs[0]?.kind === 'link') return r.complete(ei, trigger?.variables);
    for (const [i, def] of defs.entries()) {
      if (!r.subscribe(ei, node.id, def, ei.id, i)) return;
    }
    // A condition that already holds fires at once.
    for (const sub of r.state.subscriptions.filter((s) => s.ei === ei.id && s.kind === 'condition')) {
      if (r.isLive(ei.id) && r.checkConditionNow(sub)) r.trigger(sub, {});
    }
  },
};

export const intermediateThrowBehaviour: Behaviour = {
  execute(r, ei, node) {
    const defs = node.events ?? [];
    if (node.service) return serviceBehaviour.execute(r, ei, node);
    if (defs[0]?.kind === 'link') {
      const target = r.process.links[`${node.scope ?? ''}/${defs[0].name}`];
      r.complete(ei, undefined, []);
      if (target) r.activate(r.node(target), ei.p);
      return;
    }
    const outcome = throwEvents(r, ei, defs);
    if (outcome === 'continue') r.complete(ei);
  },
  cancel: serviceBehaviour.cancel,
  compensationDone(r, ei) {
    r.complete(ei);
  },
};

export const endEventBehaviour: Behaviour = {
  execute(r, ei, node) {
    const defs = node.events ?? [];
    if (node.service) return serviceBehaviour.execute(r, ei, node);
    const kind = defs[0]?.kind ?? 'none';
    if (kind === 'terminate') {
      const scopeId = ei.p;
      r.complete(ei);
      if (scopeId === 0) r.endInstance('terminated');
      else {
        r.terminateChildren(scopeId);
        r.markScopeDirty(scopeId);
      }
      return;
    }
    if (kind === 'cancel') {
      const transactionId = ei.p;
      r.terminateChildren(transactionId, ei.id);
      if (!r.compensate(ei, transactionId)) cancelTransaction(r, transactionId);
      return;
    }
    const outcome = throwEvents(r, ei, defs);
    if (outcome === 'continue') r.complete(ei);
  },
  cancel: serviceBehaviour.cancel,
  compensationDone(r, ei, node) {
    if (node.events?.[0]?.kind === 'cancel') cancelTransaction(r, ei.p);
    else r.complete(ei);
  },
};

/** After a cancel end event: the transaction ends through its cancel boundary event. */
function cancelTransaction(r: Parameters<Behaviour['execute']>[0], transactionId: number): void {
  const transaction = r.els.get(transactionId);
  if (!transaction) return;
  const node = r.node(transaction.el);
  const boundaryId = (node.boundaries ?? []).find((b) => r.node(b).events?.some((e) => e.kind === 'cancel'));
  r.terminate(transaction, 'interrupted');
  if (boundaryId) r.activate(r.node(boundaryId), transaction.p, { trigger: { code: 'cancel' } });
  else r.markScopeDirty(transaction.p);
}
