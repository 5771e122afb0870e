/**
 * A scenario driver for the engine's specs: compile a fixture (failing loudly on problems), start
 * an instance and feed it events, keeping every step's result so a spec can assert the exact
 * trail of history events and commands. Events are addressed by element id (the driver finds the
 * live element instance, timer or incident), so specs read as given / when / then.
 */
import type {
  CalendarData,
  EngineCommand,
  EngineContext,
  EngineEvent,
  HistoryEvent,
  InstanceState,
  StartOptions,
  StepResult,
  Subscription,
  Variables,
} from '../src/contract.types';
import type { ExecutableModel } from '../src/model.types';
import { compile } from '../src/compile/compile';
import { start, step } from '../src/run/engine';

export interface ScenarioOptions {
  now?: string;
  calendars?: Record<string, CalendarData>;
  defaultCalendar?: string;
  params?: Variables;
  feelBudgetMs?: number;
}

/** Compile and fail with the problems when the fixture does not compile. */
export function compileOk(xml: string): ExecutableModel {
  const result = compile(xml);
  if (!result.model) throw new Error(`the fixture does not compile:\n${JSON.stringify(result.problems, null, 2)}`);
  return result.model;
}

/** `elementId transition` per history event; flows (`taken`) left out unless asked for. */
export function trail(events: HistoryEvent[], withFlows = false): string[] {
  return events.filter((e) => withFlows || e.transition !== 'taken').map((e) => `${e.elementId} ${e.transition}${e.detail !== undefined ? ` (${e.detail})` : ''}`);
}

/** `type elementId` per command (the element the command is about, when it names one). */
export function commandTrail(commands: EngineCommand[]): string[] {
  return commands.map((c) => {
    if ('elementId' in c) return `${c.type} ${c.elementId}`;
    if (c.type === 'end-instance') return `${c.type} ${c.status}`;
    if (c.type === 'cancel-timer') return `${c.type} ${c.timerId}`;
    return c.type;
  });
}

export class Scenario {
  readonly model: ExecutableModel;
  now: Date;
  state!: InstanceState;
  /** Every result, the start first. */
  readonly results: StepResult[] = [];
  /** Every event delivered (with the time it was delivered at), for replay. */
  readonly inputs: { event: EngineEvent; now: string }[] = [];

  constructor(
    xmlOrModel: string | ExecutableModel,
    private readonly options: ScenarioOptions = {},
  ) {
    this.model = typeof xmlOrModel === 'string' ? compileOk(xmlOrModel) : xmlOrModel;
    this.now = new Date(options.now ?? '2026-03-02T09:00:00.000Z');
  }

  static given(xmlOrModel: string | ExecutableModel, options: ScenarioOptions = {}): Scenario {
    return new Scenario(xmlOrModel, options);
  }

  ctx(): EngineContext {
    return {
      now: this.now,
      ...(this.options.calendars ? { calendars: this.options.calendars } : {}),
      ...(this.options.defaultCalendar ? { defaultCalendar: this.options.defaultCalendar } : {}),
      ...(this.options.params ? { params: this.options.params } : {}),
      ...(this.options.feelBudgetMs ? { feelBudgetMs: this.options.feelBudgetMs } : {}),
    };
  }

  start(options: StartOptions = {}): this {
    const result = start(this.model, options, this.ctx());
    if (result.rejection) throw new Error(`start was rejected: ${result.rejection.code}: ${result.rejection.message}`);
    this.state = result.state;
    this.results.push(result);
    return this;
  }

  /** Deliver an event and return the result (rejections are returned, not thrown). */
  send(event: EngineEvent): StepResult {
    const before = JSON.stringify(this.state);
    const result = step(this.model, this.state, event, this.ctx());
    this.results.push(result);
    if (result.rejection) {
      // A rejection must leave the state as it was.
      if (JSON.stringify(result.state) !== before) throw new Error('a rejected event changed the state');
      return result;
    }
    this.inputs.push({ event, now: this.now.toISOString() });
    this.state = result.state;
    return result;
  }

  /** Deliver an event that must apply. */
  ok(event: EngineEvent): this {
    const result = this.send(event);
    if (result.rejection) throw new Error(`${event.type} was rejected: ${result.rejection.code}: ${result.rejection.message}`);
    return this;
  }

  at(iso: string): this {
    this.now = new Date(iso);
    return this;
  }

  get last(): StepResult {
    return this.results[this.results.length - 1]!;
  }

  /** History of the last step, flows left out. */
  trail(withFlows = false): string[] {
    return trail(this.last.events, withFlows);
  }

  commands(): string[] {
    return commandTrail(this.last.commands);
  }

  /** Every history event of the run so far. */
  history(withFlows = false): string[] {
    return this.results.flatMap((r) => (r.rejection ? [] : trail(r.events, withFlows)));
  }

  /** Element ids of the live element instances, in id order. */
  live(): string[] {
    return [...this.state.elements].sort((a, b) => a.id - b.id).map((e) => e.el);
  }

  /** The live element instance of an element (the nth, in id order; bodies of multi-instance left out). */
  instanceOf(elementId: string, nth = 0): number {
    const found = this.state.elements.filter((e) => e.el === elementId && !e.body).sort((a, b) => a.id - b.id)[nth];
    if (!found) throw new Error(`no live instance of "${elementId}" (live: ${this.live().join(', ')})`);
    return found.id;
  }

  subscription(elementId: string, kind?: Subscription['kind'], nth = 0): Subscription {
    const found = this.state.subscriptions.filter((s) => s.el === elementId && (!kind || s.kind === kind))[nth];
    if (!found) throw new Error(`no subscription for "${elementId}" (open: ${this.state.subscriptions.map((s) => `${s.kind}:${s.el}`).join(', ')})`);
    return found;
  }

  complete(elementId: string, variables?: Variables, nth = 0): this {
    return this.ok({ type: 'task-completed', elementInstanceId: this.instanceOf(elementId, nth), ...(variables ? { variables } : {}) });
  }

  serviceDone(elementId: string, variables?: Variables, nth = 0): this {
    return this.ok({ type: 'service-completed', elementInstanceId: this.instanceOf(elementId, nth), ...(variables ? { variables } : {}) });
  }

  /** Fire the timer of an element (its due time becomes `now`). */
  fire(elementId: string, nth = 0): this {
    const sub = this.subscription(elementId, undefined, nth);
    if (sub.kind !== 'timer' && sub.kind !== 'sla') throw new Error(`"${elementId}" waits for a ${sub.kind}, not a timer`);
    this.now = new Date(sub.due!);
    return this.ok({ type: 'timer-fired', timerId: sub.id });
  }

  message(name: string, correlationKey?: string, variables?: Variables): this {
    return this.ok({ type: 'message', name, ...(correlationKey !== undefined ? { correlationKey } : {}), ...(variables ? { variables } : {}) });
  }

  signal(name: string, variables?: Variables): this {
    return this.ok({ type: 'signal', name, ...(variables ? { variables } : {}) });
  }

  /** The commands of a type in the last step. */
  commandsOf<T extends EngineCommand['type']>(type: T): Extract<EngineCommand, { type: T }>[] {
    return this.last.commands.filter((c): c is Extract<EngineCommand, { type: T }> => c.type === type);
  }
}
