/**
 * Embedded sub-processes and transactions: a scope that starts its inner flow and opens its
 * event sub-processes; it completes (and leaves) when no token is left inside. Ad-hoc
 * sub-processes run their activities in parallel or one after another.
 */
import type { Behaviour } from '../runner';

export const subProcessBehaviour: Behaviour = {
  execute(r, ei, node) {
    if (node.eventSubProcesses?.length) r.openEventSubProcesses(ei.id, node.eventSubProcesses);
    if (!r.isLive(ei.id)) return;
    const entries = r.process.scopeEntries[node.id] ?? [];
    if (!entries.length) return r.complete(ei);
    if (node.adHoc?.sequential) {
      const [first, ...rest] = entries;
      if (rest.length) ei.rest = rest;
      r.activate(r.node(first!), ei.id);
      return;
    }
    for (const id of entries) r.activate(r.node(id), ei.id);
  },
};
