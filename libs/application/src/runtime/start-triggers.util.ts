import { computeTimerDue, processStartTriggers, type EngineContext, type ExecutableModel, type TimerDef } from '@app/engine';

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
  const raw = processStartTriggers(model) as unknown as Record<string, unknown>[];
  return raw.map((t) => ({
    kind: t.kind as StoredStartTrigger['kind'],
    ...(typeof t.name === 'string' ? { name: t.name } : {}),
    processId: String(t.processId ?? model.mainProcessId),
    startEventId: String(t.startEventId ?? t.elementId ?? t.eventId),
    ...(t.timer ? { timer: t.timer as TimerDef } : {}),
  }));
}

/** The next due time of a timer start event after `now` (undefined: it never fires again). */
export function nextTimerDue(timer: TimerDef, now: Date, ctx: EngineContext): Date | undefined {
  const due = (computeTimerDue as unknown as (t: TimerDef, n: Date, c: EngineContext) => Date | string | { due?: string | Date } | undefined | null)(timer, now, ctx);
  if (!due) return undefined;
  if (due instanceof Date) return due;
  if (typeof due === 'string') return new Date(due);
  return due.due ? new Date(due.due) : undefined;
}
