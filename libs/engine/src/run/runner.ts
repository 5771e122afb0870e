/**
 * The runner executes one step of one instance: it holds a working copy of the state, runs an
 * agenda of token moves to the wait states, and collects the commands and history the step
 * produces. It owns the mechanics every element shares (tokens, joins, scopes, variables,
 * subscriptions, termination, error / escalation / compensation propagation, incidents);
 * what each kind of element does is in the behaviours (./behaviours), chosen by a registry.
 */
import type {
  Compensable,
  EngineCommand,
  EngineContext,
  ElementInstance,
  HistoryEvent,
  IncidentKind,
  InstanceState,
  JsonValue,
  Subscription,
  Transition,
  Variables,
} from '../contract.types';
import type { EventDef, Expr, ExecutableModel, NodeModel, ProcessModel } from '../model.types';
import { evaluateFeel, FeelEvaluationError } from '../feel/feel';
import { computeTimerDue, nextCycleDue, resolveCalendar, TimerError } from '../time/timers';
import { canTransition, type LifecycleState } from './lifecycle';

/** What triggered an event-driven activation (boundary, event sub-process start, caught event). */
export interface Trigger {
  variables?: Variables;
  /** The error / escalation code or message / signal name that triggered. */
  code?: string;
}

export interface Behaviour {
  /** The instance is activated: do the element's work; complete it now, or leave it waiting. */
  execute(r: Runner, ei: ElementInstance, node: NodeModel, trigger?: Trigger): void;
  /** Undo what execute asked the outside world to do (cancel a task, a service call, a child). */
  cancel?(r: Runner, ei: ElementInstance, node: NodeModel, reason: 'terminated' | 'interrupted'): void;
  /** Multi-instance and loop bodies: one iteration completed. */
  innerCompleted?(r: Runner, body: ElementInstance, inner: ElementInstance, node: NodeModel): void;
  /** The compensation handlers this instance waited for have finished. */
  compensationDone?(r: Runner, ei: ElementInstance, node: NodeModel): void;
  /** An SLA timer of this (user task) instance fired. */
  slaFired?(r: Runner, ei: ElementInstance, node: NodeModel, sub: Subscription): void;
}

export const MAX_ACTIVATIONS_PER_STEP = 50_000;

export class RunnerError extends Error {}

export class Runner {
  readonly els = new Map<number, ElementInstance>();
  readonly commands: EngineCommand[] = [];
  readonly events: HistoryEvent[] = [];
  readonly at: string;
  private readonly agenda: (() => void)[] = [];
  private agendaIndex = 0;
  private readonly lifecycle = new Map<number, LifecycleState>();
  private readonly dirtyScopes = new Set<number>();
  private readonly pendingJoins = new Set<string>();
  private activations = 0;
  varsChanged = false;

  constructor(
    readonly model: ExecutableModel,
    readonly process: ProcessModel,
    readonly state: InstanceState,
    readonly ctx: EngineContext,
    private readonly behaviours: Record<string, Behaviour>,
  ) {
    this.at = ctx.now.toISOString();
    for (const ei of state.elements) {
      this.els.set(ei.id, ei);
      this.lifecycle.set(ei.id, 'activated');
    }
    for (const key of Object.keys(state.joins ?? {})) this.pendingJoins.add(key);
  }

  // ----------------------------------------------------------------------------------------------
  // Bookkeeping.

  newId(): number {
    return this.state.nextId++;
  }

  node(id: string): NodeModel {
    const node = this.process.nodes[id];
    if (!node) throw new RunnerError(`the model has no element "${id}"`);
    return node;
  }

  record(elementId: string, transition: Transition, elementInstanceId?: number, detail?: string): void {
    const event: HistoryEvent = { elementId, transition, at: this.at };
    if (elementInstanceId !== undefined) event.elementInstanceId = elementInstanceId;
    if (detail !== undefined) event.detail = detail;
    this.events.push(event);
  }

  command(command: EngineCommand): void {
    this.commands.push(command);
  }

  private move(ei: ElementInstance, to: LifecycleState): boolean {
    const from = this.lifecycle.get(ei.id) ?? 'activating';
    if (!canTransition(from, to)) return false;
    this.lifecycle.set(ei.id, to);
    return true;
  }

  isLive(id: number): boolean {
    const s = this.lifecycle.get(id);
    return this.els.has(id) && (s === 'activated' || s === 'activating');
  }

  childrenOf(scopeId: number): ElementInstance[] {
    const out: ElementInstance[] = [];
    for (const ei of this.els.values()) if (ei.p === scopeId) out.push(ei);
    return out;
  }

  /** The element instance of the scope an element runs in, or undefined for the process. */
  scopeInstance(scopeId: number): ElementInstance | undefined {
    return scopeId === 0 ? undefined : this.els.get(scopeId);
  }

  schedule(op: () => void): void {
    this.agenda.push(op);
  }

  /** Run when the agenda is empty: a signal thrown in a step reaches every branch that waits by then. */
  private readonly deferred: (() => void)[] = [];
  defer(op: () => void): void {
    this.deferred.push(op);
  }

  /** Run until every token waits. */
  drain(): void {
    for (let round = 0; round < 100_000; round++) {
      while (this.agendaIndex < this.agenda.length) {
        const op = this.agenda[this.agendaIndex++]!;
        op();
      }
      this.agenda.length = 0;
      this.agendaIndex = 0;
      if (this.state.status !== 'active') return;
      if (this.deferred.length) {
        for (const op of this.deferred.splice(0)) op();
        continue;
      }
      if (this.varsChanged) {
        this.varsChanged = false;
        this.evaluateConditions();
        if (this.agenda.length) continue;
      }
      if (this.fireReadyJoins()) continue;
      if (this.completeIdleScopes()) continue;
      return;
    }
  }

  // ----------------------------------------------------------------------------------------------
  // Variables and expressions.

  lookup(scopeId: number, name: string): JsonValue | undefined {
    let id = scopeId;
    while (id !== 0) {
      const ei = this.els.get(id);
      if (!ei) break;
      if (ei.v && Object.prototype.hasOwnProperty.call(ei.v, name)) return ei.v[name];
      if (ei.mi) {
        if (name === 'nrOfInstances') return ei.mi.n;
        if (name === 'nrOfCompletedInstances') return ei.mi.done;
        if (name === 'nrOfActiveInstances') return this.childrenOf(ei.id).length;
      }
      id = ei.p;
    }
    if (Object.prototype.hasOwnProperty.call(this.state.variables, name)) return this.state.variables[name];
    if (name === 'params') return (this.ctx.params ?? {}) as JsonValue;
    return undefined;
  }

  /** Evaluate in a scope; `extra` shadows variables (task output, loop counters). Throws FeelEvaluationError. */
  evaluate(expr: Expr, scopeId: number, extra?: Variables): JsonValue {
    return evaluateFeel(expr.src, {
      lookup: (name) => (extra && Object.prototype.hasOwnProperty.call(extra, name) ? extra[name] : this.lookup(scopeId, name)),
      now: this.ctx.now,
      budgetMs: this.ctx.feelBudgetMs,
    });
  }

  /** Evaluate a condition: true, or false for false/null; anything else is an error. */
  condition(expr: Expr, scopeId: number, extra?: Variables): boolean {
    const value = this.evaluate(expr, scopeId, extra);
    if (value === true) return true;
    if (value === false || value === null) return false;
    throw new FeelEvaluationError(`the condition "${expr.src}" gave ${JSON.stringify(value)}, not true or false`, 'failure');
  }

  /** Every variable visible from a scope, inner scopes shadowing outer ones. */
  visibleVariables(scopeId: number): Variables {
    const chain: Variables[] = [];
    let id = scopeId;
    while (id !== 0) {
      const ei = this.els.get(id);
      if (!ei) break;
      if (ei.v) chain.push(ei.v);
      id = ei.p;
    }
    return Object.assign({}, this.state.variables, ...chain.reverse());
  }

  /** Set variables from a scope: each goes where it is already defined, else to the process. */
  setVariables(scopeId: number, vars: Variables | undefined): void {
    if (!vars) return;
    for (const [name, value] of Object.entries(vars)) {
      if (name === '__proto__' || name === 'constructor' || name === 'prototype') continue;
      let id = scopeId;
      let target: Variables = this.state.variables;
      while (id !== 0) {
        const ei = this.els.get(id);
        if (!ei) break;
        if (ei.v && Object.prototype.hasOwnProperty.call(ei.v, name)) {
          target = ei.v;
          break;
        }
        id = ei.p;
      }
      target[name] = value;
    }
    if (Object.keys(vars).length) this.varsChanged = true;
  }

  setLocal(ei: ElementInstance, name: string, value: JsonValue): void {
    if (name === '__proto__' || name === 'constructor' || name === 'prototype') return;
    (ei.v ??= {})[name] = value;
  }

  // ----------------------------------------------------------------------------------------------
  // Tokens.

  /** A token arrives at a node through a flow (or a scope start): joins first, then activation. */
  enter(nodeId: string, scopeId: number, flowId?: string): void {
    if (scopeId !== 0 && !this.isLive(scopeId)) return;
    const node = this.node(nodeId);
    const joining =
      (node.incoming.length > 1 && (node.kind === 'parallelGateway' || node.kind === 'inclusiveGateway' || node.kind === 'complexGateway')) ||
      (node.startQuantity ?? 1) > 1;
    if (!joining || !flowId) {
      this.activate(node, scopeId);
      return;
    }
    const key = `${scopeId}/${nodeId}`;
    const joins = (this.state.joins ??= {});
    const arrivals = (joins[key] ??= {});
    arrivals[flowId] = (arrivals[flowId] ?? 0) + 1;
    this.pendingJoins.add(key);
    if (node.kind === 'parallelGateway') {
      if (node.incoming.every((f) => (arrivals[f] ?? 0) > 0)) {
        for (const f of node.incoming) this.consumeArrival(key, f);
        this.activate(node, scopeId);
      }
    } else if ((node.startQuantity ?? 1) > 1 && !node.kind.endsWith('Gateway')) {
      const total = Object.values(arrivals).reduce((a, b) => a + b, 0);
      if (total >= node.startQuantity!) {
        let need = node.startQuantity!;
        for (const f of Object.keys(arrivals)) {
          while (need > 0 && (arrivals[f] ?? 0) > 0) {
            this.consumeArrival(key, f);
            need--;
          }
        }
        this.activate(node, scopeId);
      }
    } else if (node.kind === 'complexGateway') {
      this.complexArrival(node, scopeId, key);
    }
    // Inclusive joins fire when no other token can still reach them: checked when the agenda is empty.
  }

  private consumeArrival(key: string, flowId: string): void {
    const arrivals = this.state.joins?.[key];
    if (!arrivals) return;
    const n = (arrivals[flowId] ?? 0) - 1;
    if (n > 0) arrivals[flowId] = n;
    else delete arrivals[flowId];
    if (!Object.keys(arrivals).length) {
      delete this.state.joins![key];
      this.pendingJoins.delete(key);
    }
  }

  private complexArrival(node: NodeModel, scopeId: number, key: string): void {
    const fired = (this.state.fired ??= []);
    if (fired.includes(key)) return; // absorbing the rest of the tokens until it resets
    const arrivals = this.state.joins![key]!;
    const activationCount = Object.values(arrivals).reduce((a, b) => a + b, 0);
    let ready = false;
    if (node.activationCondition) {
      try {
        ready = this.condition(node.activationCondition, scopeId, { activationCount });
      } catch (err) {
        this.parkWithIncident(node, scopeId, 'expression-failed', (err as Error).message);
        return;
      }
    }
    if (ready) {
      fired.push(key);
      this.activate(node, scopeId);
    }
  }

  /** Inclusive joins (and complex joins waiting to reset) whose missing flows can no longer receive a token. */
  private fireReadyJoins(): boolean {
    let fired = false;
    for (const key of [...this.pendingJoins].sort()) {
      // A join that fired sent a token on (still on the agenda): it may be on its way to the next
      // join, which must not judge its empty flows before it arrives.
      if (this.agenda.length) break;
      const slash = key.indexOf('/');
      const scopeId = Number(key.slice(0, slash));
      const node = this.process.nodes[key.slice(slash + 1)];
      const arrivals = this.state.joins?.[key];
      if (!node || !arrivals || (node.kind !== 'inclusiveGateway' && node.kind !== 'complexGateway')) continue;
      if (scopeId !== 0 && !this.isLive(scopeId)) continue;
      if (!this.canNoMoreArrive(node, scopeId, arrivals)) continue;
      if (node.kind === 'inclusiveGateway') {
        for (const f of Object.keys(arrivals)) this.consumeArrival(key, f);
        this.activate(node, scopeId);
        fired = true;
      } else if (this.state.fired?.includes(key)) {
        // The complex gateway saw all its tokens: it resets.
        delete this.state.joins![key];
        this.pendingJoins.delete(key);
        this.state.fired = this.state.fired.filter((k) => k !== key);
        if (!this.state.fired.length) delete this.state.fired;
        this.markScopeDirty(scopeId);
        fired = true;
      }
    }
    return fired;
  }

  private canNoMoreArrive(node: NodeModel, scopeId: number, arrivals: Record<string, number>): boolean {
    const sources = this.process.joinSources[node.id] ?? {};
    const live = new Set<string>();
    for (const ei of this.els.values()) if (ei.p === scopeId) live.add(ei.el);
    for (const key of this.pendingJoins) {
      if (key.startsWith(`${scopeId}/`) && key !== `${scopeId}/${node.id}`) live.add(key.slice(key.indexOf('/') + 1));
    }
    // BPMN 2.0 §13.3.5: a token does not hold the join back when it could also reach a flow that
    // already has a token (a path through such a node is excluded). Without this, a join in a loop
    // and a join waiting for it (an AND join after it, back round the loop) wait on each other forever.
    const feeding = new Set<string>();
    for (const flowId of node.incoming) if ((arrivals[flowId] ?? 0) > 0) for (const id of sources[flowId] ?? []) feeding.add(id);
    for (const flowId of node.incoming) {
      if ((arrivals[flowId] ?? 0) > 0) continue;
      if ((sources[flowId] ?? []).some((id) => live.has(id) && !feeding.has(id))) return false;
    }
    return true;
  }

  /** Create the instance of a node in a scope and run its behaviour. */
  activate(node: NodeModel, scopeId: number, options: { trigger?: Trigger; inner?: boolean; vars?: Variables } = {}): ElementInstance | undefined {
    if (scopeId !== 0 && !this.els.has(scopeId)) return undefined;
    if (!options.inner && (node.multiInstance || node.loop)) {
      const body = this.createInstance(node, scopeId, { body: 1 });
      this.move(body, 'activated');
      this.record(node.id, 'activated', body.id, node.multiInstance ? 'multi-instance' : 'loop');
      if (node.boundaries?.length) this.openBoundaries(body, node);
      if (this.isLive(body.id)) this.bodyBehaviour(node).execute(this, body, node, options.trigger);
      return body;
    }
    const ei = this.createInstance(node, scopeId, options.vars ? { v: { ...options.vars } } : {});
    if (++this.activations > MAX_ACTIVATIONS_PER_STEP) {
      this.raiseIncident(ei, 'loop-limit', `more than ${MAX_ACTIVATIONS_PER_STEP} elements ran in one step; the model probably loops without waiting`);
      return ei;
    }
    this.run(ei, node, options.trigger, !options.inner);
    return ei;
  }

  createInstance(node: NodeModel, scopeId: number, fields: Partial<ElementInstance>): ElementInstance {
    const ei: ElementInstance = { id: this.newId(), el: node.id, p: scopeId, ...fields };
    this.els.set(ei.id, ei);
    this.lifecycle.set(ei.id, 'activating');
    return ei;
  }

  /** Input mappings, boundary subscriptions, then the behaviour. Also used to retry after an incident. */
  run(ei: ElementInstance, node: NodeModel, trigger?: Trigger, withBoundaries = true): void {
    if (this.lifecycle.get(ei.id) === 'activating') {
      this.move(ei, 'activated');
      this.record(node.id, 'activated', ei.id);
    }
    if (node.inputs?.length) {
      try {
        for (const m of node.inputs) this.setLocal(ei, m.target, this.evaluate(m.source, ei.id));
      } catch (err) {
        this.raiseIncident(ei, 'expression-failed', (err as Error).message);
        return;
      }
    }
    if (withBoundaries && node.boundaries?.length && !this.state.subscriptions.some((s) => s.ei === ei.id)) {
      this.openBoundaries(ei, node);
      if (!this.isLive(ei.id)) return;
    }
    this.behaviour(node).execute(this, ei, node, trigger);
  }

  behaviour(node: NodeModel): Behaviour {
    const behaviour = this.behaviours[node.kind];
    if (!behaviour) throw new RunnerError(`no behaviour for ${node.kind}`);
    return behaviour;
  }

  bodyBehaviour(node: NodeModel): Behaviour {
    return this.behaviours[node.multiInstance ? 'multiInstanceBody' : 'loopBody']!;
  }

  /** The body of a multi-instance or loop activity, when `ei` is one of its iterations. */
  bodyOf(ei: ElementInstance): ElementInstance | undefined {
    const parent = this.scopeInstance(ei.p);
    return parent?.body === 1 && parent.el === ei.el ? parent : undefined;
  }

  /** Park a token at a node with an incident (used when a join's condition fails). */
  private parkWithIncident(node: NodeModel, scopeId: number, kind: IncidentKind, message: string): void {
    const ei = this.createInstance(node, scopeId, {});
    this.move(ei, 'activated');
    this.record(node.id, 'activated', ei.id);
    this.raiseIncident(ei, kind, message);
  }

  /**
   * Complete an instance: output mappings, outgoing flows chosen (a failing condition keeps the
   * token here as an incident), subscriptions closed, compensation recorded, then the token
   * leaves (through `flows` when a gateway chose them, else by activity semantics).
   */
  complete(ei: ElementInstance, output?: Variables, flows?: string[]): void {
    if (this.lifecycle.get(ei.id) !== 'activated' || !this.els.has(ei.id)) return;
    const node = this.node(ei.el);
    if (!ei.leaving && !this.applyOutputs(ei, node, output)) return;
    const body = this.bodyOf(ei);
    let selected = flows;
    if (!selected && !body && ei.comp === undefined) {
      try {
        selected = this.selectOutgoing(node, ei.p);
      } catch (err) {
        ei.leaving = 1;
        this.raiseIncident(ei, 'expression-failed', (err as Error).message);
        return;
      }
    }
    delete ei.leaving;
    this.move(ei, 'completing');
    this.closeSubscriptions(ei.id);
    this.move(ei, 'completed');
    this.els.delete(ei.id);
    this.record(node.id, 'completed', ei.id);
    this.recordCompensable(ei, node);
    if (ei.comp !== undefined) {
      // A compensation handler (or a scope re-entered for compensation) does not continue.
      this.compensationHandlerDone(ei.comp);
    } else if (body) {
      this.bodyBehaviour(node).innerCompleted!(this, body, ei, node);
    } else {
      const quantity = node.completionQuantity ?? 1;
      for (const flowId of selected ?? []) for (let i = 0; i < quantity; i++) this.take(flowId, ei.p);
      if (!selected?.length) this.markScopeDirty(ei.p);
    }
  }

  private applyOutputs(ei: ElementInstance, node: NodeModel, output: Variables | undefined): boolean {
    if (ei.body) return true;
    try {
      if (node.outputs?.length) {
        const values: Variables = {};
        for (const m of node.outputs) values[m.target] = this.evaluate(m.source, ei.id, output);
        this.setNested(ei.p, values);
      } else if (output && Object.keys(output).length) {
        this.setVariables(ei.p, output);
      }
      return true;
    } catch (err) {
      this.raiseIncident(ei, 'expression-failed', (err as Error).message);
      return false;
    }
  }

  /** Targets like `case.score` set a property of a context variable. */
  private setNested(scopeId: number, values: Variables): void {
    for (const [target, value] of Object.entries(values)) {
      const path = target.split('.');
      if (path.length === 1) {
        this.setVariables(scopeId, { [target]: value });
        continue;
      }
      // A path through __proto__ would write into Object.prototype itself.
      if (path.some((key) => key === '__proto__' || key === 'constructor' || key === 'prototype')) continue;
      const root = path[0]!;
      const current = this.lookup(scopeId, root);
      const copy: { [k: string]: JsonValue } = current && typeof current === 'object' && !Array.isArray(current) ? JSON.parse(JSON.stringify(current)) : {};
      let cursor = copy;
      for (const key of path.slice(1, -1)) {
        const next = cursor[key];
        cursor = (cursor[key] = next && typeof next === 'object' && !Array.isArray(next) ? next : {}) as { [k: string]: JsonValue };
      }
      cursor[path[path.length - 1]!] = value;
      this.setVariables(scopeId, { [root]: copy });
    }
  }

  /** Activity semantics: unconditional flows, plus conditional ones that hold, else the default. */
  selectOutgoing(node: NodeModel, scopeId: number): string[] {
    const out: string[] = [];
    let conditional = false;
    let anyTrue = false;
    for (const flowId of node.outgoing) {
      if (flowId === node.defaultFlow) continue;
      const flow = this.process.flows[flowId]!;
      if (!flow.condition) out.push(flowId);
      else {
        conditional = true;
        if (this.condition(flow.condition, scopeId)) {
          out.push(flowId);
          anyTrue = true;
        }
      }
    }
    if (node.defaultFlow && (!conditional || !anyTrue) && !(out.length && !conditional)) out.push(node.defaultFlow);
    return out;
  }

  take(flowId: string, scopeId: number): void {
    const flow = this.process.flows[flowId]!;
    this.record(flowId, 'taken');
    this.schedule(() => this.enter(flow.target, scopeId, flowId));
  }

  markScopeDirty(scopeId: number): void {
    this.dirtyScopes.add(scopeId);
  }

  /** Scopes with no tokens left complete (sub-processes leave, the process ends). */
  private completeIdleScopes(): boolean {
    let progressed = false;
    const scopes = [...this.dirtyScopes].sort((a, b) => b - a);
    this.dirtyScopes.clear();
    for (const scopeId of scopes) {
      // A scope that just completed sent a token on (still on the agenda): let it arrive before
      // judging the scopes around it, or an outer scope would look empty and end too early.
      if (this.agenda.length) {
        this.dirtyScopes.add(scopeId);
        continue;
      }
      if (scopeId !== 0 && !this.isLive(scopeId)) continue;
      if (this.adHocDone(scopeId)) {
        progressed = true;
        continue;
      }
      if (this.childrenOf(scopeId).length) continue;
      if ([...this.pendingJoins].some((k) => k.startsWith(`${scopeId}/`))) continue;
      if (scopeId === 0) {
        this.endInstance('completed');
        return true;
      }
      const scope = this.els.get(scopeId)!;
      if (scope.waitComp || scope.inc !== undefined) continue;
      if (scope.rest?.length) {
        const next = scope.rest.shift()!;
        if (!scope.rest.length) delete scope.rest;
        this.activate(this.node(next), scope.id);
        progressed = true;
        continue;
      }
      this.complete(scope);
      progressed = true;
    }
    return progressed;
  }

  /** An ad-hoc sub-process whose completion condition holds ends (cancelling what still runs, if asked to). */
  private adHocDone(scopeId: number): boolean {
    const scope = this.scopeInstance(scopeId);
    const adHoc = scope ? this.process.nodes[scope.el]?.adHoc : undefined;
    if (!scope || !adHoc?.completionCondition || scope.inc !== undefined) return false;
    const holds = this.guard(scope, () => this.condition(adHoc.completionCondition!, scope.id));
    if (!holds) return false;
    const running = this.childrenOf(scope.id);
    if (running.length && !adHoc.cancelRemaining) {
      delete scope.rest;
      return false;
    }
    for (const child of running) this.terminate(child);
    delete scope.rest;
    this.complete(scope);
    return true;
  }

  // ----------------------------------------------------------------------------------------------
  // Termination.

  /** Terminate an instance and everything inside it (deepest first), cancelling what it waits for. */
  terminate(ei: ElementInstance, reason: 'terminated' | 'interrupted' = 'terminated'): void {
    const order: ElementInstance[] = [];
    const stack = [ei];
    while (stack.length) {
      const current = stack.pop()!;
      order.push(current);
      for (const child of this.childrenOf(current.id)) stack.push(child);
    }
    for (let i = order.length - 1; i >= 0; i--) this.terminateOne(order[i]!, reason);
  }

  private terminateOne(ei: ElementInstance, reason: 'terminated' | 'interrupted'): void {
    if (!this.els.has(ei.id) || !this.move(ei, 'terminating')) return;
    const node = this.node(ei.el);
    // A multi-instance or loop body asked nothing of the outside world; its iterations did.
    if (!ei.body) this.behaviour(node).cancel?.(this, ei, node, reason);
    this.closeSubscriptions(ei.id);
    if (ei.inc !== undefined) this.resolveIncident(ei.inc, false);
    for (const key of [...this.pendingJoins]) {
      if (key.startsWith(`${ei.id}/`)) {
        delete this.state.joins?.[key];
        this.pendingJoins.delete(key);
        if (this.state.fired) this.state.fired = this.state.fired.filter((k) => k !== key);
      }
    }
    if (this.state.compensables) this.state.compensables = this.state.compensables.filter((c) => c.p !== ei.id);
    this.move(ei, 'terminated');
    this.els.delete(ei.id);
    this.record(node.id, 'terminated', ei.id);
  }

  /** Terminate every token in a scope (terminate end event, interrupting event sub-process). */
  terminateChildren(scopeId: number, except?: number): void {
    for (const child of this.childrenOf(scopeId)) if (child.id !== except) this.terminate(child);
    for (const key of [...this.pendingJoins]) {
      if (key.startsWith(`${scopeId}/`)) {
        delete this.state.joins?.[key];
        this.pendingJoins.delete(key);
      }
    }
    if (this.state.fired) {
      this.state.fired = this.state.fired.filter((k) => !k.startsWith(`${scopeId}/`));
      if (!this.state.fired.length) delete this.state.fired;
    }
  }

  endInstance(status: 'completed' | 'terminated', error?: { code: string; message?: string }): void {
    if (this.state.status !== 'active') return;
    for (const child of this.childrenOf(0)) this.terminate(child);
    for (const sub of [...this.state.subscriptions]) this.closeSubscription(sub);
    this.state.status = status;
    delete this.state.joins;
    delete this.state.fired;
    delete this.state.compensables;
    this.pendingJoins.clear();
    this.record(this.process.id, status, undefined, error?.code);
    this.command({ type: 'end-instance', status, variables: this.state.variables, ...(error ? { error } : {}) });
  }

  // ----------------------------------------------------------------------------------------------
  // Subscriptions: timers, messages, signals, conditions, SLAs.

  openSubscription(sub: Omit<Subscription, 'id'>): Subscription {
    const full: Subscription = { id: this.newId(), ...sub };
    this.state.subscriptions.push(full);
    const elementId = sub.el;
    if (sub.kind === 'timer' || sub.kind === 'sla') {
      this.command({ type: 'schedule-timer', timerId: full.id, dueAt: sub.due!, elementInstanceId: sub.ei, elementId, purpose: sub.kind === 'sla' ? 'sla' : 'event' });
    } else if (sub.kind === 'message' || sub.kind === 'signal') {
      this.command({ type: 'open-subscription', subscriptionId: full.id, kind: sub.kind, name: sub.name!, ...(sub.key !== undefined ? { correlationKey: sub.key } : {}), elementId });
    }
    return full;
  }

  closeSubscription(sub: Subscription): void {
    const index = this.state.subscriptions.indexOf(sub);
    if (index < 0) return;
    this.state.subscriptions.splice(index, 1);
    if (sub.kind === 'timer' || sub.kind === 'sla') this.command({ type: 'cancel-timer', timerId: sub.id });
    else if (sub.kind === 'message' || sub.kind === 'signal') this.command({ type: 'close-subscription', subscriptionId: sub.id });
  }

  closeSubscriptions(eiId: number, filter?: (s: Subscription) => boolean): void {
    for (const sub of this.state.subscriptions.filter((s) => s.ei === eiId && (!filter || filter(s)))) this.closeSubscription(sub);
  }

  /**
   * Open what an event definition waits for, owned by `owner`, triggering `el`.
   * Returns false when it could not (an incident was raised on the owner).
   */
  subscribe(owner: ElementInstance, el: string, def: EventDef, scopeId: number, index = 0): boolean {
    try {
      switch (def.kind) {
        case 'timer': {
          const { due, remaining } = this.timerDue(def, scopeId);
          this.openSubscription({ kind: 'timer', ei: owner.id, el, due: due.toISOString(), ...(remaining !== undefined ? { rep: remaining } : {}), ...(index ? { step: index } : {}) });
          return true;
        }
        case 'message': {
          const key = def.correlationKey ? this.evaluate(def.correlationKey, scopeId) : undefined;
          if (def.correlationKey && (key === null || key === undefined)) throw new FeelEvaluationError(`the correlation key of message "${def.name}" is empty`, 'failure');
          this.openSubscription({ kind: 'message', ei: owner.id, el, name: def.name!, ...(key !== undefined ? { key: String(key) } : {}), ...(index ? { step: index } : {}) });
          return true;
        }
        case 'signal':
          this.openSubscription({ kind: 'signal', ei: owner.id, el, name: def.name!, ...(index ? { step: index } : {}) });
          return true;
        case 'conditional':
          this.openSubscription({ kind: 'condition', ei: owner.id, el, last: false, ...(index ? { step: index } : {}) });
          return true;
        default:
          return true;
      }
    } catch (err) {
      this.raiseIncident(owner, 'expression-failed', (err as Error).message);
      return false;
    }
  }

  timerDue(def: EventDef, scopeId: number): { due: Date; remaining?: number } {
    const timer = def.timer!;
    let text = timer.text;
    if (timer.expr) {
      const value = this.evaluate(timer.expr, scopeId);
      if (typeof value !== 'string') throw new FeelEvaluationError(`the timer expression "${timer.expr.src}" gave ${JSON.stringify(value)}, not a date, duration or cycle`, 'failure');
      text = value;
    }
    const calendar = resolveCalendar(timer.calendar, this.ctx);
    try {
      return computeTimerDue(timer.kind, text!, this.ctx.now, calendar);
    } catch (err) {
      if (err instanceof TimerError) throw new FeelEvaluationError(err.message, 'failure');
      throw err;
    }
  }

  /** A cycle timer fired: arm its next occurrence (same owner and element). */
  rearmCycle(sub: Subscription): void {
    if (sub.rep === undefined || sub.rep === 0) return;
    const owner = this.els.get(sub.ei);
    if (!owner) return;
    const node = this.node(sub.el);
    const def = (node.events ?? []).find((e) => e.kind === 'timer');
    if (!def?.timer) return;
    try {
      let text = def.timer.text;
      if (def.timer.expr) text = String(this.evaluate(def.timer.expr, owner.id));
      const next = nextCycleDue(text!, new Date(sub.due!), sub.rep, resolveCalendar(def.timer.calendar, this.ctx));
      if (next) this.openSubscription({ kind: 'timer', ei: sub.ei, el: sub.el, due: next.due.toISOString(), rep: next.remaining ?? -1 });
    } catch (err) {
      this.raiseIncident(owner, 'expression-failed', (err as Error).message);
    }
  }

  /** Conditional events: fire the ones whose condition became true. */
  private evaluateConditions(): void {
    for (const sub of this.state.subscriptions.filter((s) => s.kind === 'condition')) {
      if (!this.state.subscriptions.includes(sub)) continue;
      const owner = this.els.get(sub.ei);
      const def = (this.process.nodes[sub.el]?.events ?? []).find((e) => e.kind === 'conditional');
      if (!def?.condition) continue;
      const scopeId = owner ? this.conditionScope(owner, sub) : 0;
      let value: boolean;
      try {
        value = this.condition(def.condition, scopeId);
      } catch {
        value = false;
      }
      const wasTrue = sub.last === true;
      sub.last = value;
      if (value && !wasTrue) this.schedule(() => this.trigger(sub, {}));
    }
  }

  /** Conditions of boundary events see the activity's scope; of event sub-process starts, the scope itself. */
  private conditionScope(owner: ElementInstance, sub: Subscription): number {
    const node = this.process.nodes[sub.el];
    if (node?.kind === 'boundaryEvent') return owner.p;
    return owner.id;
  }

  /** Evaluate a freshly opened condition subscription now (BPMN: a condition already true fires at once). */
  checkConditionNow(sub: Subscription): boolean {
    const owner = this.els.get(sub.ei);
    const def = (this.process.nodes[sub.el]?.events ?? []).find((e) => e.kind === 'conditional');
    if (!owner || !def?.condition) return false;
    try {
      const value = this.condition(def.condition, this.conditionScope(owner, sub));
      sub.last = value;
      return value;
    } catch (err) {
      this.raiseIncident(owner, 'expression-failed', (err as Error).message);
      return false;
    }
  }

  /** Open the boundary events of an activity (timers, messages, signals, conditions). */
  openBoundaries(ei: ElementInstance, node: NodeModel): void {
    const immediate: Subscription[] = [];
    for (const boundaryId of node.boundaries ?? []) {
      const boundary = this.node(boundaryId);
      for (const [i, def] of (boundary.events ?? []).entries()) {
        if (!this.subscribe(ei, boundaryId, def, ei.p, i)) return;
        if (def.kind === 'conditional') immediate.push(this.state.subscriptions[this.state.subscriptions.length - 1]!);
      }
    }
    for (const sub of immediate) {
      if (!this.isLive(ei.id)) return;
      if (this.state.subscriptions.includes(sub) && this.checkConditionNow(sub)) this.trigger(sub, {});
    }
  }

  /** Open the start events of the event sub-processes of a scope (process = 0). */
  openEventSubProcesses(scopeId: number, espIds: string[]): void {
    const owner: ElementInstance = scopeId === 0 ? ({ id: 0, el: this.process.id, p: 0 } as ElementInstance) : this.els.get(scopeId)!;
    const immediate: Subscription[] = [];
    for (const espId of espIds) {
      const esp = this.node(espId);
      const startId = esp.startNodes?.[0];
      if (!startId) continue;
      for (const [i, def] of (this.node(startId).events ?? []).entries()) {
        if (!['timer', 'message', 'signal', 'conditional'].includes(def.kind)) continue;
        if (!this.subscribe(owner, startId, def, scopeId, i)) return;
        if (def.kind === 'conditional') immediate.push(this.state.subscriptions[this.state.subscriptions.length - 1]!);
      }
    }
    for (const sub of immediate) {
      if (scopeId !== 0 && !this.isLive(scopeId)) return;
      if (this.state.subscriptions.includes(sub) && this.checkConditionNow(sub)) this.trigger(sub, {});
    }
  }

  /** A subscription fired: route to what it triggers. */
  trigger(sub: Subscription, payload: Trigger): void {
    if (!this.state.subscriptions.includes(sub)) return;
    // A timer that fired is spent: drop it without a cancel-timer (the runtime records it as fired).
    if (sub.kind === 'timer' || sub.kind === 'sla') this.state.subscriptions.splice(this.state.subscriptions.indexOf(sub), 1);
    const node = this.node(sub.el);
    this.record(sub.el, 'triggered', sub.ei === 0 ? undefined : sub.ei, sub.kind === 'timer' ? 'timer' : sub.name);
    if (sub.kind === 'sla') {
      this.closeSubscription(sub);
      const task = this.els.get(sub.ei);
      if (task) this.behaviour(this.node(task.el)).slaFired?.(this, task, this.node(task.el), sub);
      return;
    }
    if (node.kind === 'boundaryEvent') return this.triggerBoundary(sub, node, payload);
    if (node.kind === 'startEvent') return this.triggerEventSubProcess(sub, node, payload);
    const owner = this.els.get(sub.ei);
    if (!owner) return;
    const ownerNode = this.node(owner.el);
    if (ownerNode.kind === 'eventBasedGateway') {
      this.closeSubscriptions(owner.id);
      const flow = ownerNode.outgoing.find((f) => this.process.flows[f]?.target === sub.el)!;
      this.complete(owner, undefined, []);
      this.record(flow, 'taken');
      this.activate(node, owner.p, { trigger: { ...payload } });
      return;
    }
    // The waiting element itself (catch event, receive task).
    if (ownerNode.parallelMultiple) {
      this.closeSubscription(sub);
      const got = (owner.got ??= []);
      got.push(sub.step ?? 0);
      if (payload.variables) this.setVariables(owner.p, payload.variables);
      if (got.length < (ownerNode.events ?? []).length) return;
      delete owner.got;
      this.complete(owner);
      return;
    }
    this.closeSubscriptions(owner.id);
    this.complete(owner, payload.variables);
  }

  private triggerBoundary(sub: Subscription, boundary: NodeModel, payload: Trigger): void {
    const activity = this.els.get(sub.ei);
    if (!activity) return;
    if (boundary.interrupting !== false) {
      this.terminate(activity, 'interrupted');
    } else if (sub.kind === 'timer') {
      this.closeSubscription(sub);
      this.rearmCycle(sub);
    }
    // Non-interrupting message, signal and condition boundaries stay open while the activity runs.
    this.activate(boundary, activity.p, { trigger: payload });
  }

  private triggerEventSubProcess(sub: Subscription, start: NodeModel, payload: Trigger): void {
    const scopeId = sub.ei;
    if (scopeId !== 0 && !this.isLive(scopeId)) return;
    const esp = this.node(start.scope!);
    const interrupting = this.isInterruptingStart(start);
    if (interrupting) {
      this.closeSubscriptions(scopeId, (s) => this.process.nodes[s.el]?.kind === 'startEvent');
      this.interruptScope(scopeId);
    } else if (sub.kind === 'timer') {
      this.closeSubscription(sub);
      this.rearmCycle(sub);
    }
    this.startEventSubProcess(esp, start, scopeId, payload);
  }

  isInterruptingStart(start: NodeModel): boolean {
    return start.interrupting !== false;
  }

  /** An interrupting event sub-process ends everything else in its scope. */
  interruptScope(scopeId: number): void {
    this.terminateChildren(scopeId);
  }

  startEventSubProcess(esp: NodeModel, start: NodeModel, scopeId: number, payload: Trigger): void {
    const ei = this.createInstance(esp, scopeId, {});
    this.move(ei, 'activated');
    this.record(esp.id, 'activated', ei.id, payload.code);
    if (esp.eventSubProcesses?.length) this.openEventSubProcesses(ei.id, esp.eventSubProcesses);
    this.activate(start, ei.id, { trigger: payload });
  }

  // ----------------------------------------------------------------------------------------------
  // Errors and escalations: find the nearest catch, walking up the scopes.

  /** Throw a BPMN error from an element instance. Returns true when something caught it. */
  throwError(from: ElementInstance, code: string, message?: string): boolean {
    const caught = this.findCatch(from, 'error', code);
    if (caught) {
      caught();
      return true;
    }
    if (this.state.calledBy) {
      // Uncaught in a called process: the parent's call activity rethrows it.
      this.endInstance('terminated', { code, ...(message ? { message } : {}) });
      return true;
    }
    this.raiseIncident(from, 'unhandled-error', `the BPMN error "${code}"${message ? ` (${message})` : ''} was not caught`);
    return false;
  }

  /** Throw an escalation; uncaught escalations have no effect. Returns true when an interrupting catch took over. */
  throwEscalation(from: ElementInstance, code: string | undefined): { caught: boolean; interrupted: boolean } {
    const caught = this.findCatch(from, 'escalation', code ?? '');
    if (!caught) return { caught: false, interrupted: false };
    const before = this.isLive(from.id);
    caught();
    return { caught: true, interrupted: before && !this.isLive(from.id) };
  }

  /**
   * The nearest catch for an error or escalation: the thrower's own boundary events (for an
   * activity), then for each enclosing scope its event sub-processes and its boundary events.
   */
  private findCatch(from: ElementInstance, kind: 'error' | 'escalation', code: string): (() => void) | undefined {
    const matches = (def: EventDef) => def.kind === kind && (!def.code || def.code === code);
    const best = <T extends { def: EventDef }>(candidates: T[]): T | undefined =>
      candidates.find((c) => c.def.code === code) ?? candidates.find((c) => !c.def.code);

    let current: ElementInstance | undefined = from;
    let checkOwnBoundaries = !this.node(from.el).kind.endsWith('Event');
    let skipEventSubProcessesOf: number | undefined;
    while (current) {
      const node = this.node(current.el);
      const innerOfBody = this.bodyOf(current) !== undefined;
      if (checkOwnBoundaries && !innerOfBody) {
        const boundary = best(
          (node.boundaries ?? []).flatMap((b) => (this.node(b).events ?? []).filter(matches).map((def) => ({ def, id: b }))),
        );
        if (boundary) {
          const target = current;
          return () => {
            const b = this.node(boundary.id);
            if (b.interrupting !== false) this.terminate(target, 'interrupted');
            this.activate(b, target.p, { trigger: { code } });
          };
        }
      }
      checkOwnBoundaries = true;
      const scopeId = current.p;
      if (node.triggeredByEvent) skipEventSubProcessesOf = scopeId;
      const scopeNode = scopeId === 0 ? undefined : this.node(this.els.get(scopeId)?.el ?? '');
      const esps = scopeId === 0 ? this.process.eventSubProcesses : scopeNode?.eventSubProcesses ?? [];
      if (skipEventSubProcessesOf !== scopeId) {
        const esp = best(
          esps.flatMap((espId) => {
            const startId = this.node(espId).startNodes?.[0];
            return startId ? (this.node(startId).events ?? []).filter(matches).map((def) => ({ def, espId, startId })) : [];
          }),
        );
        if (esp) {
          return () => {
            const start = this.node(esp.startId);
            if (this.isInterruptingStart(start)) {
              this.closeSubscriptions(scopeId, (s) => this.process.nodes[s.el]?.kind === 'startEvent');
              this.interruptScope(scopeId);
            }
            this.startEventSubProcess(this.node(esp.espId), start, scopeId, { code });
          };
        }
      }
      if (scopeId === 0) return undefined;
      current = this.els.get(scopeId);
    }
    return undefined;
  }

  // ----------------------------------------------------------------------------------------------
  // Compensation.

  private recordCompensable(ei: ElementInstance, node: NodeModel): void {
    if (ei.comp !== undefined) return;
    const scopeId = this.nonBodyScope(ei.p);
    const list = (this.state.compensables ??= []);
    const isScope = node.kind === 'subProcess' || node.kind === 'transaction' || node.kind === 'adHocSubProcess';
    const hasInner = isScope && list.some((c) => c.p === ei.id);
    const hasCompensationEsp = isScope && (node.eventSubProcesses ?? []).some((id) => this.node(this.node(id).startNodes?.[0] ?? id).events?.some((e) => e.kind === 'compensate'));
    if (ei.body) {
      if (!list.length) delete this.state.compensables;
      return;
    }
    if (node.compensationHandler || hasInner || hasCompensationEsp) {
      const entry: Compensable = { el: node.id, p: scopeId, ei: ei.id };
      if (isScope && ei.v) entry.v = ei.v;
      list.push(entry);
    } else if (isScope) {
      this.state.compensables = list.filter((c) => c.p !== ei.id);
    }
    if (!this.state.compensables?.length) delete this.state.compensables;
  }

  private nonBodyScope(scopeId: number): number {
    let id = scopeId;
    while (id !== 0) {
      const ei = this.els.get(id);
      if (!ei?.body) return id;
      id = ei.p;
    }
    return 0;
  }

  /**
   * Compensate what completed in a scope (all, or one activity), newest first. The waiter
   * continues when every handler finished. Returns false when there was nothing to compensate.
   */
  compensate(waiter: ElementInstance, scopeId: number, activityRef?: string): boolean {
    const list = this.state.compensables ?? [];
    const entries = list.filter((c) => c.p === scopeId && (!activityRef || c.el === activityRef)).reverse();
    if (!entries.length) return false;
    this.state.compensables = list.filter((c) => !entries.includes(c));
    if (!this.state.compensables.length) delete this.state.compensables;
    waiter.waitComp = 1;
    for (const entry of entries) this.runCompensation(entry, waiter.id);
    if (!this.hasHandlersFor(waiter.id)) {
      delete waiter.waitComp;
      return false;
    }
    return true;
  }

  private runCompensation(entry: Compensable, waiterId: number): void {
    const node = this.node(entry.el);
    if (node.compensationHandler) {
      const handler = this.node(node.compensationHandler);
      const scopeId = entry.p === 0 || this.els.has(entry.p) ? entry.p : 0;
      const ei = this.createInstance(handler, scopeId, { comp: waiterId });
      this.run(ei, handler);
      return;
    }
    // A completed sub-process: re-enter its scope to run its compensation event sub-process,
    // or by default compensate what completed inside it.
    const scope: ElementInstance = { id: entry.ei, el: node.id, p: entry.p, comp: waiterId, ...(entry.v ? { v: entry.v } : {}) };
    this.els.set(scope.id, scope);
    this.lifecycle.set(scope.id, 'activated');
    this.record(node.id, 'activated', scope.id, 'compensation');
    const espId = (node.eventSubProcesses ?? []).find((id) => this.node(this.node(id).startNodes?.[0] ?? id).events?.some((e) => e.kind === 'compensate'));
    if (espId) {
      const esp = this.node(espId);
      this.startEventSubProcess(esp, this.node(esp.startNodes![0]!), scope.id, { code: 'compensation' });
      return;
    }
    if (!this.compensate(scope, scope.id)) this.complete(scope);
  }

  private hasHandlersFor(waiterId: number): boolean {
    for (const ei of this.els.values()) if (ei.comp === waiterId) return true;
    return false;
  }

  /** A compensation handler finished: when it was the waiter's last, the waiter continues. */
  private compensationHandlerDone(waiterId: number): void {
    if (this.hasHandlersFor(waiterId)) return;
    const waiter = this.els.get(waiterId);
    if (!waiter?.waitComp) return;
    delete waiter.waitComp;
    const node = this.node(waiter.el);
    const behaviour = this.behaviour(node);
    if (behaviour.compensationDone) behaviour.compensationDone(this, waiter, node);
    else this.complete(waiter);
  }

  // ----------------------------------------------------------------------------------------------
  // Incidents.

  raiseIncident(ei: ElementInstance, kind: IncidentKind, message: string): void {
    if (this.lifecycle.get(ei.id) === 'activating') {
      this.move(ei, 'activated');
      this.record(ei.el, 'activated', ei.id);
    }
    const id = this.newId();
    ei.inc = id;
    (this.state.incidents ??= []).push({ id, elementInstanceId: ei.id, elementId: ei.el, kind, message, at: this.at });
    this.record(ei.el, 'incident', ei.id, kind);
    this.command({ type: 'raise-incident', incidentId: id, elementInstanceId: ei.id, elementId: ei.el, kind, message });
  }

  resolveIncident(incidentId: number, record = true): void {
    const incidents = this.state.incidents ?? [];
    const incident = incidents.find((i) => i.id === incidentId);
    if (!incident) return;
    this.state.incidents = incidents.filter((i) => i.id !== incidentId);
    if (!this.state.incidents.length) delete this.state.incidents;
    const ei = this.els.get(incident.elementInstanceId);
    if (ei?.inc === incidentId) delete ei.inc;
    if (record) this.record(incident.elementId, 'incident-resolved', incident.elementInstanceId, incident.kind);
    this.command({ type: 'resolve-incident', incidentId });
  }

  /** Run an expression-based step, turning a FEEL failure into an incident on the instance. */
  guard<T>(ei: ElementInstance, fn: () => T): T | undefined {
    try {
      return fn();
    } catch (err) {
      if (err instanceof FeelEvaluationError || err instanceof TimerError) {
        this.raiseIncident(ei, 'expression-failed', err.message);
        return undefined;
      }
      throw err;
    }
  }
}
