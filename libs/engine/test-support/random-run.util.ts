/**
 * Drives an instance of a model with a random event order for the property tests: at each step
 * one of the things that can happen (an open task or waiting service finishes, an armed timer
 * fires) is chosen by the next pick; the clock moves a minute per event, or to a timer's due time.
 */
import type { EngineContext, EngineEvent, InstanceState, StepResult } from '../src/contract.types';
import type { ExecutableModel } from '../src/model.types';
import { start, step } from '../src/run/engine';
import { pickChoices, type EmittedModel } from './block-model.arbitrary';
import { compileOk } from './scenario.util';

export const T0 = Date.parse('2026-03-02T09:00:00.000Z');
export const MAX_STEPS = 1_500;

/** What can happen next: every open task and waiting service can finish, every armed timer can fire. */
export function possibleEvents(model: ExecutableModel, state: InstanceState): EngineEvent[] {
  if (state.status !== 'active') return [];
  const process = model.processes[state.processId]!;
  const out: EngineEvent[] = [];
  for (const ei of [...state.elements].sort((a, b) => a.id - b.id)) {
    if (ei.body) continue;
    const kind = process.nodes[ei.el]!.kind;
    if (kind === 'userTask') out.push({ type: 'task-completed', elementInstanceId: ei.id });
    if (kind === 'serviceTask') out.push({ type: 'service-completed', elementInstanceId: ei.id });
    // A BPMN error, where a boundary catches it.
    const caught = (process.nodes[ei.el]!.boundaries ?? []).some((b) => process.nodes[b]!.events?.some((d) => d.kind === 'error'));
    if (kind === 'serviceTask' && caught) out.push({ type: 'service-error', elementInstanceId: ei.id, errorCode: 'E' });
  }
  for (const sub of state.subscriptions) {
    if (sub.kind === 'timer') out.push({ type: 'timer-fired', timerId: sub.id });
    if (sub.kind === 'message') out.push({ type: 'message', name: sub.name! });
  }
  return out;
}

export interface Run {
  model: ExecutableModel;
  results: StepResult[];
  inputs: { event: EngineEvent; now: string }[];
  final: InstanceState;
}

/** Start an instance and feed it events in the order the picks choose, until nothing can happen. */
export function drive(emitted: EmittedModel, picks: number[], variablePicks: number[]): Run {
  const model = compileOk(emitted.xml);
  let now = T0;
  const ctx = (): EngineContext => ({ now: new Date(now) });
  const first = start(model, { variables: pickChoices(emitted, variablePicks) }, ctx());
  if (first.rejection) throw new Error(`start was rejected: ${first.rejection.message}`);
  const results: StepResult[] = [first];
  const inputs: Run['inputs'] = [];
  let state = first.state;
  for (let i = 0; i < MAX_STEPS; i++) {
    const events = possibleEvents(model, state);
    if (!events.length) break;
    let event = events[(picks[i % picks.length] ?? 0) % events.length]!;
    // Completing a task may change what the next exclusive or inclusive split chooses.
    if (event.type === 'task-completed' && i % 3 === 0) event = { ...event, variables: pickChoices(emitted, [...variablePicks.slice(i % 7), i]) };
    if (event.type === 'timer-fired') {
      const due = Date.parse(state.subscriptions.find((s) => s.id === event.timerId)!.due!);
      now = Math.max(now, due);
    } else now += 60_000;
    const result = step(model, state, event, ctx());
    results.push(result);
    if (result.rejection) throw new Error(`${event.type} was rejected: ${result.rejection.code}: ${result.rejection.message}`);
    inputs.push({ event, now: new Date(now).toISOString() });
    state = result.state;
  }
  return { model, results, inputs, final: state };
}
