import { computeTimerDue, processStartTriggers, type ExecutableModel, type TimerDef } from '@app/engine';

/** A deployment-level start trigger as stored on the definition row. */
export interface StoredStartTrigger {
  kind: 'message' | 'signal' | 'timer' | 'conditional';
  name?: string;
  processId: string;
  startEventId: string;
  timer?: TimerDef;
}

/** The model's message, signal and timer start events, in the shape the runtime stores. */
export function startTriggersOf(model: ExecutableModel): StoredStartTrigger[] {
  return processStartTriggers(model).map((t) => ({
    kind: t.kind,
    ...(t.name !== undefined ? { name: t.name } : {}),
    processId: t.processId,
    startEventId: t.startEventId,
    ...(t.timer ? { timer: t.timer } : {}),
  }));
}

/** The first due time of a timer start event after `now` (literal timer texts; FEEL timers are not supported at deployment level). */
export function firstTimerDue(timer: TimerDef, now: Date): { due: Date; remaining?: number } | undefined {
  if (!timer.text) return undefined;
  return computeTimerDue(timer.kind, timer.text, now);
}

/**
 * The next occurrence of a cycle after one fired at `last` (`remaining`: repetitions left, -1
 * unbounded). The engine's `nextCycleDue` is not exported, so a repeating interval advances by
 * its interval and a cron expression by `computeTimerDue` from `last`.
 */
export function nextTimerDue(timer: TimerDef, last: Date, remaining: number): { due: Date; remaining: number } | undefined {
  if (timer.kind !== 'cycle' || !timer.text || remaining === 0) return undefined;
  const text = timer.text.trim();
  const next = remaining < 0 ? -1 : remaining - 1;
  if (/^R\d*\//.test(text)) {
    const interval = text.split('/').pop() as string;
    return { due: computeTimerDue('duration', interval, last).due, remaining: next };
  }
  return { due: computeTimerDue('cycle', text, last).due, remaining: -1 };
}
