/**
 * Multi-instance and standard loop activities: a body instance holds the iterations.
 * Multi-instance runs one iteration per item of a collection (or a cardinality), in parallel or
 * in sequence, with an optional completion condition, output collection and the BPMN behaviour
 * events (none / one / complex), which its own boundary events catch. A standard loop repeats
 * while its condition holds (tested before or after each iteration), up to its maximum.
 */
import type { ElementInstance, JsonValue } from '../../contract.types';
import type { EventDef, NodeModel } from '../../model.types';
import type { Behaviour, Runner } from '../runner';
import { publishMessage, throwSignal } from './throw.util';

function startIteration(r: Runner, body: ElementInstance, node: NodeModel, index: number, item?: JsonValue): void {
  const vars: Record<string, JsonValue> = { loopCounter: index + 1 };
  const element = node.multiInstance?.element;
  if (element) vars[element] = item ?? null;
  body.mi!.next = index + 1;
  r.activate(node, body.id, { inner: true, vars });
}

function finish(r: Runner, body: ElementInstance, node: NodeModel): void {
  const mi = node.multiInstance!;
  if (mi.outputCollection) r.setVariables(body.p, { [mi.outputCollection]: body.mi?.out ?? [] });
  r.complete(body);
}

/** A behaviour event is thrown by the activity itself: its boundary catches it without interrupting. */
function throwBehaviourEvent(r: Runner, body: ElementInstance, node: NodeModel, def: EventDef): void {
  const catches = (node.boundaries ?? []).filter((b) => r.node(b).events?.some((e) => e.kind === def.kind && e.name === def.name));
  for (const b of catches) r.activate(r.node(b), body.p, { trigger: { code: def.name! } });
  if (def.kind === 'signal') throwSignal(r, body, def, body.id);
  else if (def.kind === 'message') publishMessage(r, body, def);
}

export const multiInstanceBehaviour: Behaviour = {
  execute(r, body, node) {
    const mi = node.multiInstance!;
    const value = r.guard(body, () => r.evaluate((mi.collection ?? mi.cardinality)!, body.p));
    if (value === undefined) return;
    const items = mi.collection && Array.isArray(value) ? value : undefined;
    const n = items ? items.length : value;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      const what = mi.collection ? `the input collection "${mi.collection.src}"` : `the loop cardinality "${mi.cardinality!.src}"`;
      r.raiseIncident(body, 'invalid-collection', `${what} gave ${JSON.stringify(value)}, not ${mi.collection ? 'a list' : 'a whole number of at least 0'}`);
      return;
    }
    body.mi = { n, next: 0, done: 0, ...(mi.outputCollection ? { out: new Array<JsonValue>(n).fill(null) } : {}) };
    if (n === 0) return finish(r, body, node);
    if (mi.sequential) {
      if (items && items.length > 1) body.mi.items = items.slice(1);
      startIteration(r, body, node, 0, items?.[0]);
      return;
    }
    for (let i = 0; i < n && r.isLive(body.id); i++) startIteration(r, body, node, i, items?.[i]);
  },

  innerCompleted(r, body, inner, node) {
    const mi = node.multiInstance!;
    const state = body.mi!;
    state.done++;
    const index = Number(inner.v?.loopCounter ?? state.done) - 1;
    if (mi.outputElement && state.out) {
      const value = r.guard(body, () => r.evaluate(mi.outputElement!, body.id, inner.v));
      if (value === undefined) return;
      state.out[index] = value;
    }
    let done = false;
    if (mi.behavior === 'none' && mi.noneEvent) throwBehaviourEvent(r, body, node, mi.noneEvent);
    if (mi.behavior === 'one' && mi.oneEvent && state.done === 1) throwBehaviourEvent(r, body, node, mi.oneEvent);
    if (mi.behavior === 'complex') {
      for (const c of mi.complex ?? []) {
        const holds = r.guard(body, () => r.condition(c.condition, body.id, inner.v));
        if (holds === undefined) return;
        if (holds) {
          throwBehaviourEvent(r, body, node, c.event);
          done = true;
        }
      }
    }
    if (!r.isLive(body.id)) return;
    if (!done && mi.completionCondition) {
      const holds = r.guard(body, () => r.condition(mi.completionCondition!, body.id, inner.v));
      if (holds === undefined) return;
      done = holds;
    }
    if (done) {
      for (const child of r.childrenOf(body.id)) r.terminate(child);
      return finish(r, body, node);
    }
    if (mi.sequential && state.next < state.n) {
      const item = state.items?.shift();
      if (state.items && !state.items.length) delete state.items;
      return startIteration(r, body, node, state.next, item);
    }
    if (!r.childrenOf(body.id).length && state.next >= state.n) finish(r, body, node);
  },
};

export const loopBehaviour: Behaviour = {
  execute(r, body, node) {
    body.loop = 0;
    const loop = node.loop!;
    if (loop.testBefore && loop.condition) {
      const holds = r.guard(body, () => r.condition(loop.condition!, body.id, { loopCounter: 0 }));
      if (holds === undefined) return;
      if (!holds) return r.complete(body);
    }
    if (loop.maximum === 0) return r.complete(body);
    body.loop = 1;
    r.activate(node, body.id, { inner: true, vars: { loopCounter: 1 } });
  },

  innerCompleted(r, body, _inner, node) {
    const loop = node.loop!;
    const count = body.loop ?? 1;
    if (loop.maximum !== undefined && count >= loop.maximum) return r.complete(body);
    if (loop.condition) {
      // The iteration's own locals are gone by now: its loopCounter is the count of iterations so far.
      const holds = r.guard(body, () => r.condition(loop.condition!, body.id, { loopCounter: count }));
      if (holds === undefined) return;
      if (!holds) return r.complete(body);
    }
    body.loop = count + 1;
    r.activate(node, body.id, { inner: true, vars: { loopCounter: count + 1 } });
  },
};
