/**
 * A simulation of a model on a virtual clock, with no I/O: the engine's commands are carried out
 * in memory (services by a handler, messages and signals between the instances of the model,
 * call activities as child instances, timers in due order). Coordinators dry-run pathways with
 * it (`npm run simulate`); the conformance runners and property tests drive the engine through it.
 */
import type {
  CalendarData,
  EngineCommand,
  EngineContext,
  EngineEvent,
  Incident,
  InstanceState,
  JsonValue,
  StepResult,
  Transition,
  Variables,
} from '../contract.types';
import type { FormField } from '../contract.types';
import type { ExecutableModel } from '../model.types';
import { start, step } from '../run/engine';
import { processStartTriggers } from '../run/start-triggers';
import { addCalendarDuration } from '../time/timers';

/** A service's outcome; `delayMs` makes it finish later on the virtual clock. */
export type ServiceOutcome = { variables?: Variables; delayMs?: number } | { error: string; message?: string } | { failure: string };
export type ServiceHandler = (call: { taskType: string; elementId: string; input: Variables; instance: SimulatedInstance }) => ServiceOutcome;

export interface SimulationOptions {
  /** Virtual start time. */
  startAt: Date;
  /** Stop advancing the clock past this duration from the start (ISO 8601), default P10Y. */
  until?: string;
  /** Outputs for user and receive tasks by element id, used in order. */
  completions?: Record<string, Variables[]>;
  /** Complete every waiting user / receive task with empty output (or the least valid output when the form requires fields). */
  auto?: boolean;
  services?: ServiceHandler;
  calendars?: Record<string, CalendarData>;
  defaultCalendar?: string;
  params?: Variables;
  /** Safety limit on the number of engine steps. */
  maxSteps?: number;
}

export interface TraceEntry {
  element: string;
  transition: Transition;
  at: string;
  /** Which instance, when the simulation has more than one. */
  instance?: number;
  detail?: string;
}

export interface OpenTask {
  instance: number;
  elementInstanceId: number;
  elementId: string;
  name?: string;
  agency?: string;
  role?: string;
  dueAt?: string;
}

export interface SimulatedInstance {
  id: number;
  processId: string;
  state: InstanceState;
  parent?: { instance: number; elementInstanceId: number };
  tasks: OpenTask[];
}

export type SimulationStatus = 'completed' | 'waiting' | 'incident' | 'terminated';

export interface SimulationResult {
  status: SimulationStatus;
  trace: TraceEntry[];
  openTasks: OpenTask[];
  timers: { instance: number; timerId: number; elementId: string; dueAt: string; purpose: string }[];
  variables: Variables;
  incidents: Incident[];
  /** Joins that hold tokens while nothing else can move: the unsound part of a model. */
  stuckJoins: { elementId: string; waitingFor: string[] }[];
  /** Messages no instance or start event was waiting for. */
  uncorrelated: string[];
  clock: string;
  steps: number;
}

interface PendingTimer {
  instance: number;
  timerId: number;
  elementId: string;
  due: number;
  purpose: string;
  seq: number;
  /** A service that finishes later instead of a timer. */
  finish?: () => void;
}

export class Simulator {
  readonly instances = new Map<number, SimulatedInstance>();
  readonly trace: TraceEntry[] = [];
  private readonly timers: PendingTimer[] = [];
  private readonly work: (() => void)[] = [];
  private readonly uncorrelated: string[] = [];
  private readonly completions: Record<string, Variables[]>;
  private now: Date;
  private readonly until: number;
  private nextInstance = 1;
  private timerSeq = 0;
  steps = 0;

  constructor(
    readonly model: ExecutableModel,
    private readonly options: SimulationOptions,
  ) {
    this.now = new Date(options.startAt);
    this.until = addCalendarDuration(options.startAt, options.until ?? 'P10Y').getTime();
    this.completions = Object.fromEntries(Object.entries(options.completions ?? {}).map(([k, v]) => [k, [...v]]));
  }

  private ctx(): EngineContext {
    return {
      now: this.now,
      ...(this.options.calendars ? { calendars: this.options.calendars } : {}),
      ...(this.options.defaultCalendar ? { defaultCalendar: this.options.defaultCalendar } : {}),
      ...(this.options.params ? { params: this.options.params } : {}),
    };
  }

  /** Start an instance; returns its number, or undefined when the engine refused. */
  startInstance(opts: { processId?: string; startEventId?: string; variables?: Variables; parent?: SimulatedInstance['parent'] } = {}): number | undefined {
    const id = this.nextInstance++;
    const result = start(
      this.model,
      {
        ...(opts.processId ? { processId: opts.processId } : {}),
        ...(opts.startEventId ? { startEventId: opts.startEventId } : {}),
        variables: opts.variables ?? {},
        ...(opts.parent ? { calledBy: { instanceId: String(opts.parent.instance), elementInstanceId: opts.parent.elementInstanceId } } : {}),
      },
      this.ctx(),
    );
    this.steps++;
    if (result.rejection) {
      this.trace.push({ element: opts.processId ?? this.model.mainProcessId, transition: 'incident', at: this.now.toISOString(), instance: id, detail: result.rejection.message });
      return undefined;
    }
    const instance: SimulatedInstance = { id, processId: result.state.processId, state: result.state, tasks: [], ...(opts.parent ? { parent: opts.parent } : {}) };
    this.instances.set(id, instance);
    this.apply(instance, result);
    return id;
  }

  /** Step an instance; false when the engine rejected the event. */
  deliver(instanceId: number, event: EngineEvent): StepResult | undefined {
    const instance = this.instances.get(instanceId);
    if (!instance) return undefined;
    const result = step(this.model, instance.state, event, this.ctx());
    this.steps++;
    if (result.rejection) return result;
    instance.state = result.state;
    this.apply(instance, result);
    return result;
  }

  private apply(instance: SimulatedInstance, result: StepResult): void {
    for (const e of result.events) {
      this.trace.push({ element: e.elementId, transition: e.transition, at: e.at, ...(this.nextInstance > 2 ? { instance: instance.id } : {}), ...(e.detail ? { detail: e.detail } : {}) });
    }
    for (const command of result.commands) this.carryOut(instance, command);
  }

  private carryOut(instance: SimulatedInstance, c: EngineCommand): void {
    switch (c.type) {
      case 'create-user-task':
        instance.tasks.push({
          instance: instance.id,
          elementInstanceId: c.elementInstanceId,
          elementId: c.elementId,
          ...(c.name ? { name: c.name } : {}),
          ...(c.assignment.agency ? { agency: c.assignment.agency } : {}),
          ...(c.assignment.role ? { role: c.assignment.role } : {}),
          ...(c.dueAt ? { dueAt: c.dueAt } : {}),
        });
        break;
      case 'cancel-user-task':
        instance.tasks = instance.tasks.filter((t) => t.elementInstanceId !== c.elementInstanceId);
        break;
      case 'schedule-timer':
        this.timers.push({ instance: instance.id, timerId: c.timerId, elementId: c.elementId, due: Date.parse(c.dueAt), purpose: c.purpose, seq: this.timerSeq++ });
        break;
      case 'cancel-timer': {
        const i = this.timers.findIndex((t) => t.instance === instance.id && t.timerId === c.timerId);
        if (i >= 0) this.timers.splice(i, 1);
        break;
      }
      case 'invoke-service':
        this.work.push(() => this.runService(instance, c.elementInstanceId, c.elementId, c.taskType, c.input ?? {}));
        break;
      case 'start-child':
        this.work.push(() => {
          const child = this.startInstance({ processId: c.processId, variables: c.variables, parent: { instance: instance.id, elementInstanceId: c.elementInstanceId } });
          if (child === undefined) this.deliver(instance.id, { type: 'child-failed', elementInstanceId: c.elementInstanceId, message: `the process "${c.processId}" could not be started` });
        });
        break;
      case 'cancel-child':
        for (const child of this.instances.values()) {
          if (child.parent?.instance === instance.id && child.parent.elementInstanceId === c.elementInstanceId && child.state.status === 'active') {
            this.work.push(() => this.deliver(child.id, { type: 'cancel' }));
          }
        }
        break;
      case 'publish-message':
        this.work.push(() => this.correlate(c.name, c.correlationKey, c.variables));
        break;
      case 'broadcast-signal':
        this.work.push(() => this.broadcast(c.name, c.variables, instance.id));
        break;
      case 'end-instance':
        if (instance.parent) {
          const parent = instance.parent;
          const event: EngineEvent = c.error
            ? { type: 'child-error', elementInstanceId: parent.elementInstanceId, errorCode: c.error.code, ...(c.error.message ? { message: c.error.message } : {}) }
            : { type: 'child-completed', elementInstanceId: parent.elementInstanceId, variables: c.variables };
          this.work.push(() => this.deliver(parent.instance, event));
        }
        instance.tasks = [];
        break;
      default:
        break;
    }
  }

  private runService(instance: SimulatedInstance, elementInstanceId: number, elementId: string, taskType: string, input: Variables): void {
    if (!instance.state.elements.some((e) => e.id === elementInstanceId)) return;
    const outcome = this.options.services?.({ taskType, elementId, input, instance }) ?? {};
    if ('error' in outcome) {
      this.deliver(instance.id, { type: 'service-error', elementInstanceId, errorCode: outcome.error, ...(outcome.message ? { message: outcome.message } : {}) });
    } else if ('failure' in outcome) {
      this.deliver(instance.id, { type: 'service-failed', elementInstanceId, message: outcome.failure });
    } else {
      const complete = () => {
        this.deliver(instance.id, { type: 'service-completed', elementInstanceId, ...(outcome.variables ? { variables: outcome.variables } : {}) });
      };
      if (!outcome.delayMs) return complete();
      this.timers.push({ instance: instance.id, timerId: -1, elementId, due: this.now.getTime() + outcome.delayMs, purpose: 'service', seq: this.timerSeq++, finish: complete });
    }
  }

  /** A message goes to the first instance waiting for it, else starts an instance at a message start event. */
  correlate(name: string, correlationKey: string | undefined, variables: Variables): void {
    for (const instance of this.instances.values()) {
      if (instance.state.status !== 'active') continue;
      const waits = instance.state.subscriptions.some((s) => s.kind === 'message' && s.name === name && (s.key === undefined || s.key === correlationKey));
      if (waits && !this.deliver(instance.id, { type: 'message', name, ...(correlationKey !== undefined ? { correlationKey } : {}), variables })?.rejection) return;
    }
    const trigger = processStartTriggers(this.model).find((t) => t.kind === 'message' && t.name === name);
    if (trigger) {
      this.startInstance({ processId: trigger.processId, startEventId: trigger.startEventId, variables });
      return;
    }
    this.uncorrelated.push(name);
  }

  broadcast(name: string, variables: Variables, from?: number): void {
    for (const instance of this.instances.values()) {
      if (instance.id === from || instance.state.status !== 'active') continue;
      if (instance.state.subscriptions.some((s) => s.kind === 'signal' && s.name === name)) this.deliver(instance.id, { type: 'signal', name, variables });
    }
    for (const trigger of processStartTriggers(this.model).filter((t) => t.kind === 'signal' && t.name === name)) {
      this.startInstance({ processId: trigger.processId, startEventId: trigger.startEventId, variables });
    }
  }

  private drainWork(): void {
    while (this.work.length && this.steps < (this.options.maxSteps ?? 100_000)) this.work.shift()!();
  }

  /** Complete the next waiting user or receive task that has an output to give. */
  private completeOneTask(): boolean {
    for (const instance of this.instances.values()) {
      if (instance.state.status !== 'active') continue;
      for (const task of instance.tasks) {
        const queued = this.completions[task.elementId];
        const output = queued?.length ? queued[0] : this.options.auto ? {} : undefined;
        if (!output) continue;
        let result = this.deliver(instance.id, { type: 'task-completed', elementInstanceId: task.elementInstanceId, variables: output });
        if (result?.rejection?.code === 'invalid-output' && this.options.auto && !queued?.length) {
          const fields = this.model.forms[task.elementId] ?? [];
          result = this.deliver(instance.id, { type: 'task-completed', elementInstanceId: task.elementInstanceId, variables: leastValidOutput(fields, this.now) });
        }
        if (result && !result.rejection) {
          if (queued?.length) queued.shift();
          instance.tasks = instance.tasks.filter((t) => t !== task);
          return true;
        }
      }
      for (const sub of instance.state.subscriptions) {
        if (sub.kind !== 'message') continue;
        const node = this.model.processes[instance.processId]?.nodes[sub.el];
        if (node?.kind !== 'receiveTask') continue;
        const queued = this.completions[sub.el];
        const output = queued?.length ? queued[0] : this.options.auto ? {} : undefined;
        if (!output) continue;
        const result = this.deliver(instance.id, { type: 'message', name: sub.name!, ...(sub.key !== undefined ? { correlationKey: sub.key } : {}), variables: output });
        if (result && !result.rejection) {
          if (queued?.length) queued.shift();
          return true;
        }
      }
    }
    return false;
  }

  private fireNextTimer(): boolean {
    if (!this.timers.length) return false;
    this.timers.sort((a, b) => a.due - b.due || a.seq - b.seq);
    const next = this.timers[0]!;
    if (next.due > this.until) return false;
    this.timers.shift();
    if (next.due > this.now.getTime()) this.now = new Date(next.due);
    if (next.finish) next.finish();
    else this.deliver(next.instance, { type: 'timer-fired', timerId: next.timerId });
    return true;
  }

  /** Run until nothing can move: work first, then tasks that have an output, then timers in due order. */
  run(): void {
    const maxSteps = this.options.maxSteps ?? 100_000;
    while (this.steps < maxSteps) {
      this.drainWork();
      if (this.completeOneTask()) continue;
      if (this.fireNextTimer()) continue;
      if (!this.work.length) break;
    }
  }

  result(root = 1): SimulationResult {
    const instance = this.instances.get(root);
    const state = instance?.state;
    const incidents = [...this.instances.values()].flatMap((i) => i.state.incidents ?? []);
    let status: SimulationStatus = 'waiting';
    if (!state) status = 'incident';
    else if (state.status === 'completed') status = 'completed';
    else if (state.status === 'terminated') status = 'terminated';
    else if (incidents.length) status = 'incident';
    return {
      status,
      trace: this.trace,
      openTasks: [...this.instances.values()].flatMap((i) => (i.state.status === 'active' ? i.tasks : [])),
      timers: this.timers
        .filter((t) => !t.finish)
        .sort((a, b) => a.due - b.due)
        .map((t) => ({ instance: t.instance, timerId: t.timerId, elementId: t.elementId, dueAt: new Date(t.due).toISOString(), purpose: t.purpose })),
      variables: state?.variables ?? {},
      incidents,
      stuckJoins: state && state.status === 'active' ? stuckJoins(this.model, state) : [],
      uncorrelated: this.uncorrelated,
      clock: this.now.toISOString(),
      steps: this.steps,
    };
  }
}

function stuckJoins(model: ExecutableModel, state: InstanceState): SimulationResult['stuckJoins'] {
  const process = model.processes[state.processId];
  if (!process) return [];
  return Object.entries(state.joins ?? {}).map(([key, arrivals]) => {
    const elementId = key.slice(key.indexOf('/') + 1);
    const node = process.nodes[elementId];
    return { elementId, waitingFor: (node?.incoming ?? []).filter((f) => !(arrivals[f] ?? 0)) };
  });
}

/** The least output a form accepts: each required field's simplest valid value. */
export function leastValidOutput(fields: FormField[], now: Date): Variables {
  const out: Variables = {};
  for (const field of fields) {
    if (!field.required) continue;
    const value: JsonValue =
      field.type === 'boolean'
        ? false
        : field.type === 'number' || field.type === 'integer'
          ? 0
          : field.type === 'date'
            ? now.toISOString().slice(0, 10)
            : field.type === 'enum'
              ? (field.options?.[0] ?? '')
              : field.type === 'list'
                ? []
                : '-';
    out[field.name] = value;
  }
  return out;
}
