/**
 * Walks a pathway template with the engine's `start` / `step` on a virtual clock, for the template
 * specs: it keeps the open tasks and timers from the engine's commands, completes service tasks
 * (with outputs the test gives), fires timers in due order, and records the SLA events. Pure
 * apart from the model it is given; nothing here reads the real clock.
 */
import { compile, start, step } from '@app/engine';
import type { CalendarData, EngineCommand, EngineContext, EngineEvent, ExecutableModel, HistoryEvent, InstanceState, Problem, StepResult, Variables } from '@app/engine';

export interface OpenTask {
  elementInstanceId: number;
  elementId: string;
  dueAt?: string;
  input?: Variables;
  agency?: string;
  escalation: { to: string; after: string }[];
}

export interface SlaRecordOfWalk {
  kind: 'reminder' | 'breach' | 'escalation';
  elementId: string;
  to?: string;
  at: string;
}

export class TemplateWalk {
  readonly model: ExecutableModel;
  state!: InstanceState;
  now: Date;
  readonly tasks = new Map<number, OpenTask>();
  readonly timers = new Map<number, { dueAt: string; elementId: string; purpose: 'event' | 'sla' }>();
  readonly services: { elementInstanceId: number; elementId: string; taskType: string }[] = [];
  readonly history: HistoryEvent[] = [];
  readonly sla: SlaRecordOfWalk[] = [];
  readonly published: { name: string; correlationKey?: string }[] = [];
  ended?: 'completed' | 'terminated';
  private readonly serviceOutputs: Record<string, Variables>;

  constructor(
    xml: string,
    private readonly options: { startAt: string; calendars?: Record<string, CalendarData>; params?: Variables; serviceOutputs?: Record<string, Variables> },
  ) {
    const compiled = compile(xml);
    if (!compiled.model) throw new Error(`template does not compile: ${JSON.stringify(compiled.problems)}`);
    this.model = compiled.model;
    this.now = new Date(options.startAt);
    this.serviceOutputs = options.serviceOutputs ?? {};
  }

  static problems(xml: string): Problem[] {
    const compiled = compile(xml);
    return compiled.problems ?? [];
  }

  private ctx(): EngineContext {
    return {
      now: this.now,
      ...(this.options.calendars ? { calendars: this.options.calendars, defaultCalendar: Object.keys(this.options.calendars)[0] } : {}),
      ...(this.options.params ? { params: this.options.params } : {}),
    };
  }

  begin(variables: Variables, startEventId?: string): this {
    this.apply(start(this.model, { variables, ...(startEventId ? { startEventId } : {}) }, this.ctx()));
    this.runServices();
    return this;
  }

  private apply(result: StepResult): StepResult {
    if (result.rejection) throw new Error(`engine rejected the event: ${result.rejection.code} ${result.rejection.message}`);
    this.state = result.state;
    this.history.push(...result.events);
    for (const c of result.commands) this.command(c);
    return result;
  }

  private command(c: EngineCommand): void {
    switch (c.type) {
      case 'create-user-task':
        this.tasks.set(c.elementInstanceId, {
          elementInstanceId: c.elementInstanceId,
          elementId: c.elementId,
          ...(c.dueAt ? { dueAt: c.dueAt } : {}),
          ...(c.input ? { input: c.input } : {}),
          ...(c.assignment.agency ? { agency: c.assignment.agency } : {}),
          escalation: c.assignment.escalation,
        });
        break;
      case 'cancel-user-task':
        this.tasks.delete(c.elementInstanceId);
        break;
      case 'schedule-timer':
        this.timers.set(c.timerId, { dueAt: c.dueAt, elementId: c.elementId, purpose: c.purpose });
        break;
      case 'cancel-timer':
        this.timers.delete(c.timerId);
        break;
      case 'invoke-service':
        this.services.push({ elementInstanceId: c.elementInstanceId, elementId: c.elementId, taskType: c.taskType });
        break;
      case 'cancel-service': {
        const i = this.services.findIndex((s) => s.elementInstanceId === c.elementInstanceId);
        if (i >= 0) this.services.splice(i, 1);
        break;
      }
      case 'sla-event':
        this.sla.push({ kind: c.kind, elementId: c.elementId, ...(c.to ? { to: c.to } : {}), at: this.now.toISOString() });
        break;
      case 'publish-message':
        this.published.push({ name: c.name, ...(c.correlationKey ? { correlationKey: c.correlationKey } : {}) });
        break;
      case 'end-instance':
        this.ended = c.status;
        break;
      default:
        break;
    }
  }

  private send(event: EngineEvent): StepResult {
    return this.apply(step(this.model, this.state, event, this.ctx()));
  }

  /** Completes every pending service task (with the output configured for its type). */
  runServices(): void {
    let guard = 0;
    while (this.services.length && guard++ < 1000) {
      const s = this.services.shift()!;
      const variables = this.serviceOutputs[s.taskType];
      this.send({ type: 'service-completed', elementInstanceId: s.elementInstanceId, ...(variables ? { variables } : {}) });
    }
  }

  openTasks(elementId?: string): OpenTask[] {
    return [...this.tasks.values()].filter((t) => !elementId || t.elementId === elementId);
  }

  /** Completes the (first) open task of an element with the given form output. */
  complete(elementId: string, variables: Variables = {}): this {
    const task = this.openTasks(elementId)[0];
    if (!task) throw new Error(`no open task ${elementId}; open: ${this.openTasks().map((t) => t.elementId).join(', ') || 'none'}`);
    this.tasks.delete(task.elementInstanceId);
    this.send({ type: 'task-completed', elementInstanceId: task.elementInstanceId, variables });
    this.runServices();
    return this;
  }

  message(name: string, correlationKey: string, variables: Variables = {}): this {
    this.send({ type: 'message', name, correlationKey, variables });
    this.runServices();
    return this;
  }

  /** Advances the virtual clock to `until`, firing every timer due by then in order. */
  advanceTo(until: string): this {
    const limit = Date.parse(until);
    for (let guard = 0; guard < 10_000; guard++) {
      const next = [...this.timers.entries()].sort((a, b) => Date.parse(a[1].dueAt) - Date.parse(b[1].dueAt) || a[0] - b[0])[0];
      if (!next || Date.parse(next[1].dueAt) > limit) break;
      const [timerId, timer] = next;
      this.timers.delete(timerId);
      if (Date.parse(timer.dueAt) > this.now.getTime()) this.now = new Date(timer.dueAt);
      this.send({ type: 'timer-fired', timerId });
      this.runServices();
    }
    if (limit > this.now.getTime()) this.now = new Date(limit);
    return this;
  }

  /** Elements activated so far, in order (sequence flows left out). */
  path(): string[] {
    return this.history.filter((e) => e.transition === 'activated' && !e.elementId.startsWith('Flow_')).map((e) => e.elementId);
  }

  incidents(): string[] {
    return (this.state.incidents ?? []).map((i) => `${i.elementId}: ${i.message}`);
  }
}
