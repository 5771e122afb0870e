/**
 * Graph facts computed once at compile time, iteratively: which nodes can be reached, and for each
 * inclusive or complex join, from which nodes each incoming flow can still receive a token.
 */
import type { NodeModel, ProcessModel } from '../model.types';

function childrenByScope(process: ProcessModel): Map<string, NodeModel[]> {
  const byScope = new Map<string, NodeModel[]>();
  for (const node of Object.values(process.nodes)) {
    const key = node.scope ?? '';
    let list = byScope.get(key);
    if (!list) byScope.set(key, (list = []));
    list.push(node);
  }
  return byScope;
}

/** Nodes that a scope starts with when it is entered: its none start events, or (with none) its nodes without incoming flows. */
export function scopeEntries(process: ProcessModel, scope: string | undefined, children: NodeModel[]): string[] {
  const scopeNode = scope ? process.nodes[scope] : undefined;
  if (scopeNode?.adHoc) return children.filter((n) => isPlainEntry(n)).map((n) => n.id);
  const starts = children.filter((n) => n.kind === 'startEvent' && !n.triggeredByEvent);
  if (starts.length) return scope ? starts.map((s) => s.id) : starts.filter((s) => s.events?.[0]?.kind === 'none').map((s) => s.id);
  return children.filter((n) => isPlainEntry(n)).map((n) => n.id);
}

function isPlainEntry(n: NodeModel): boolean {
  if (n.incoming.length) return false;
  if (n.kind === 'boundaryEvent' || n.kind === 'startEvent' || n.triggeredByEvent || n.isForCompensation) return false;
  if (n.kind === 'intermediateCatchEvent' && n.events?.[0]?.kind === 'link') return false;
  return true;
}

export function findUnreachable(process: ProcessModel): string[] {
  const byScope = childrenByScope(process);
  const reached = new Set<string>();
  const work: string[] = [];
  const reach = (id: string | undefined) => {
    if (id && process.nodes[id] && !reached.has(id)) {
      reached.add(id);
      work.push(id);
    }
  };
  const enterScope = (scope: string | undefined) => {
    const children = byScope.get(scope ?? '') ?? [];
    for (const id of scopeEntries(process, scope, children)) reach(id);
    for (const child of children) {
      if (child.triggeredByEvent) reach(child.id);
      if (!scope && child.kind === 'startEvent') reach(child.id);
      if (child.kind === 'receiveTask' && child.instantiate && !child.incoming.length) reach(child.id);
    }
  };
  enterScope(undefined);
  while (work.length) {
    const node = process.nodes[work.pop()!]!;
    for (const f of node.outgoing) reach(process.flows[f]?.target);
    for (const b of node.boundaries ?? []) reach(b);
    reach(node.compensationHandler);
    if (node.kind === 'subProcess' || node.kind === 'adHocSubProcess' || node.kind === 'transaction') enterScope(node.id);
    const event = node.events?.[0];
    if (node.kind === 'intermediateThrowEvent' && event?.kind === 'link') reach(process.links[`${node.scope ?? ''}/${event.name}`]);
  }
  return Object.keys(process.nodes).filter((id) => !reached.has(id));
}

/** Entry nodes of every scope: '' for the process, the sub-process id otherwise. */
export function computeScopeEntries(process: ProcessModel): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [scope, children] of childrenByScope(process)) out[scope] = scopeEntries(process, scope || undefined, children);
  for (const node of Object.values(process.nodes)) {
    if ((node.kind === 'subProcess' || node.kind === 'adHocSubProcess' || node.kind === 'transaction') && !out[node.id]) out[node.id] = [];
  }
  out[''] ??= [];
  return out;
}

/**
 * For each inclusive or complex join with several incoming flows: incoming flow id → the nodes
 * (in the join's scope) holding a token that could still travel to that flow without passing
 * the join. A token inside a sub-process is held by the sub-process itself.
 */
export function computeJoinSources(process: ProcessModel): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  const linkThrows = new Map<string, string[]>();
  for (const node of Object.values(process.nodes)) {
    const event = node.events?.[0];
    if (node.kind === 'intermediateThrowEvent' && event?.kind === 'link') {
      const key = `${node.scope ?? ''}/${event.name}`;
      linkThrows.set(key, [...(linkThrows.get(key) ?? []), node.id]);
    }
  }
  for (const join of Object.values(process.nodes)) {
    if ((join.kind !== 'inclusiveGateway' && join.kind !== 'complexGateway') || join.incoming.length < 2) continue;
    const perFlow: Record<string, string[]> = {};
    for (const flowId of join.incoming) {
      const seen = new Set<string>();
      const work: string[] = [];
      const visit = (id: string | undefined) => {
        if (id && id !== join.id && process.nodes[id] && !seen.has(id)) {
          seen.add(id);
          work.push(id);
        }
      };
      visit(process.flows[flowId]?.source);
      while (work.length) {
        const node = process.nodes[work.pop()!]!;
        for (const f of node.incoming) visit(process.flows[f]?.source);
        if (node.kind === 'boundaryEvent') visit(node.attachedTo);
        const event = node.events?.[0];
        if (node.kind === 'intermediateCatchEvent' && event?.kind === 'link') {
          for (const t of linkThrows.get(`${node.scope ?? ''}/${event.name}`) ?? []) visit(t);
        }
      }
      perFlow[flowId] = [...seen];
    }
    out[join.id] = perFlow;
  }
  return out;
}
