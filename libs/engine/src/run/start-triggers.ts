/** The events that start new instances of a deployed definition, for the runtime to listen for. */
import type { ExecutableModel, TimerDef } from '../model.types';

export interface StartTrigger {
  processId: string;
  startEventId: string;
  kind: 'message' | 'signal' | 'timer' | 'conditional';
  name?: string;
  timer?: TimerDef;
}

export function processStartTriggers(model: ExecutableModel): StartTrigger[] {
  const out: StartTrigger[] = [];
  for (const process of Object.values(model.processes)) {
    if (!process.executable) continue;
    for (const id of process.startEvents) {
      const node = process.nodes[id]!;
      for (const def of node.events ?? []) {
        if (def.kind === 'message' || def.kind === 'signal') out.push({ processId: process.id, startEventId: id, kind: def.kind, name: def.name! });
        if (def.kind === 'timer' && def.timer) out.push({ processId: process.id, startEventId: id, kind: 'timer', timer: def.timer });
        if (def.kind === 'conditional') out.push({ processId: process.id, startEventId: id, kind: 'conditional' });
      }
    }
    for (const node of Object.values(process.nodes)) {
      if (node.kind === 'receiveTask' && node.instantiate && !node.scope && node.message?.name) {
        out.push({ processId: process.id, startEventId: node.id, kind: 'message', name: node.message.name });
      }
    }
  }
  return out;
}
