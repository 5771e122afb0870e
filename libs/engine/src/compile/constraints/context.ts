/**
 * What every constraint rule works on: the parsed document indexed once (every element by type,
 * found with an explicit stack, never by recursion), which processes are run, sequence flows by
 * source and target, item definition equivalence, and the problem list the rules append to.
 *
 * Scope: a process that is not executable and not called is documentation (a partner's pool, a
 * sketch); its inside is not checked. Everything outside processes (collaborations, message
 * flows, root elements) and everything inside the processes that run is.
 */
import type { Problem } from '../../contract.types';
import { calledElementOf, type ModdleElement, type ParsedDefinitions } from '../moddle';

const ACTIVITY_TYPES = new Set([
  'bpmn:Task',
  'bpmn:ManualTask',
  'bpmn:UserTask',
  'bpmn:ServiceTask',
  'bpmn:ScriptTask',
  'bpmn:BusinessRuleTask',
  'bpmn:SendTask',
  'bpmn:ReceiveTask',
  'bpmn:SubProcess',
  'bpmn:AdHocSubProcess',
  'bpmn:Transaction',
  'bpmn:CallActivity',
]);
const EVENT_TYPES = new Set(['bpmn:StartEvent', 'bpmn:EndEvent', 'bpmn:IntermediateCatchEvent', 'bpmn:IntermediateThrowEvent', 'bpmn:BoundaryEvent', 'bpmn:ImplicitThrowEvent']);
const GATEWAY_TYPES = new Set(['bpmn:ExclusiveGateway', 'bpmn:ParallelGateway', 'bpmn:InclusiveGateway', 'bpmn:EventBasedGateway', 'bpmn:ComplexGateway']);
export const CATCH_EVENT_TYPES = new Set(['bpmn:StartEvent', 'bpmn:IntermediateCatchEvent', 'bpmn:BoundaryEvent']);
export const THROW_EVENT_TYPES = new Set(['bpmn:EndEvent', 'bpmn:IntermediateThrowEvent']);
/** Containers of flow elements that are a "process level". */
export const LEVEL_TYPES = new Set(['bpmn:Process', 'bpmn:SubProcess', 'bpmn:Transaction', 'bpmn:AdHocSubProcess']);

export const isActivity = (e: ModdleElement | undefined): boolean => !!e && ACTIVITY_TYPES.has(e.$type);
export const isEvent = (e: ModdleElement | undefined): boolean => !!e && EVENT_TYPES.has(e.$type);
export const isGateway = (e: ModdleElement | undefined): boolean => !!e && GATEWAY_TYPES.has(e.$type);
export const isFlowNode = (e: ModdleElement | undefined): boolean => isActivity(e) || isEvent(e) || isGateway(e);

/** `bpmn:IntermediateCatchEvent` → "intermediate catch event". */
export function typeName(e: ModdleElement | undefined): string {
  if (!e) return 'element';
  return e.$type
    .replace(/^[a-z]+:/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace('sub process', 'sub-process')
    .replace('ad hoc', 'ad-hoc')
    .replace('event based', 'event-based');
}

/** "a" or "an" before a word. */
export function an(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}

/** How an element is named in a message: its name and id, or its id. */
export function label(e: ModdleElement | undefined): string {
  if (!e) return 'an element';
  const name = typeof e.name === 'string' ? e.name.replace(/\s+/g, ' ').trim() : '';
  if (e.id && name && name !== e.id) return `"${name}" (${e.id})`;
  return `"${name || e.id || typeName(e)}"`;
}

export function list<T = ModdleElement>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

/** An event's triggers: its own event definitions and the ones it refers to. */
export function eventDefinitionsOf(event: ModdleElement): ModdleElement[] {
  return [...list(event.eventDefinitions), ...list(event.eventDefinitionRef)];
}

export class ConstraintContext {
  readonly problems: Problem[] = [];
  /** Every element of the document (DI excluded), parents before children. */
  readonly elements: ModdleElement[] = [];
  private readonly byType = new Map<string, ModdleElement[]>();
  /** Executable processes and the processes and global tasks that call activities call. */
  readonly runnable = new Set<ModdleElement>();
  readonly outgoing = new Map<ModdleElement, ModdleElement[]>();
  readonly incoming = new Map<ModdleElement, ModdleElement[]>();
  private readonly namespaces: Record<string, string> = {};

  constructor(
    readonly definitions: ModdleElement,
    readonly parsed: ParsedDefinitions,
  ) {
    this.index();
    for (const [key, value] of Object.entries((definitions.$attrs as Record<string, string> | undefined) ?? {})) {
      if (key === 'xmlns') this.namespaces[''] = value;
      else if (key.startsWith('xmlns:')) this.namespaces[key.slice(6)] = value;
    }
    for (const root of list(definitions.rootElements)) {
      if (root.$type === 'bpmn:Process' && root.isExecutable === true) this.runnable.add(root);
    }
    for (const call of this.ofType('bpmn:CallActivity')) {
      const called = this.called(call);
      if (called && (called.$type === 'bpmn:Process' || called.$type.startsWith('bpmn:Global'))) this.runnable.add(called);
    }
    for (const flow of this.ofType('bpmn:SequenceFlow')) {
      const source = flow.sourceRef as ModdleElement | undefined;
      const target = flow.targetRef as ModdleElement | undefined;
      if (source) this.push(this.outgoing, source, flow);
      if (target) this.push(this.incoming, target, flow);
    }
  }

  private push(map: Map<ModdleElement, ModdleElement[]>, key: ModdleElement, value: ModdleElement): void {
    const values = map.get(key);
    if (values) values.push(value);
    else map.set(key, [value]);
  }

  /** Walks containment (a child's `$parent` is its container), skipping the diagram. */
  private index(): void {
    const seen = new Set<ModdleElement>();
    const stack: ModdleElement[] = [this.definitions];
    while (stack.length) {
      const element = stack.pop()!;
      if (seen.has(element)) continue;
      seen.add(element);
      this.elements.push(element);
      const same = this.byType.get(element.$type);
      if (same) same.push(element);
      else this.byType.set(element.$type, [element]);
      const children: ModdleElement[] = [];
      for (const [key, value] of Object.entries(element)) {
        if (key.startsWith('$') || key === 'diagrams') continue;
        for (const child of Array.isArray(value) ? value : [value]) {
          if (child && typeof child === 'object' && typeof (child as ModdleElement).$type === 'string' && (child as ModdleElement).$parent === element) {
            children.push(child as ModdleElement);
          }
        }
      }
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }

  /** Elements of the given types that are in scope (see the file comment). */
  ofType(...types: string[]): ModdleElement[] {
    return types.flatMap((type) => this.byType.get(type) ?? []).filter((e) => this.inScope(e));
  }

  /** The process or global task an element belongs to, if any. */
  callableOf(element: ModdleElement): ModdleElement | undefined {
    let current: ModdleElement | undefined = element;
    while (current) {
      if (current.$type === 'bpmn:Process' || current.$type.startsWith('bpmn:Global')) return current;
      current = current.$parent;
    }
    return undefined;
  }

  inScope(element: ModdleElement): boolean {
    const owner = this.callableOf(element);
    return !owner || this.runnable.has(owner);
  }

  called(callActivity: ModdleElement): ModdleElement | undefined {
    const id = calledElementOf(callActivity);
    return id ? this.parsed.elementsById.get(id) : undefined;
  }

  problem(element: ModdleElement | string | undefined, message: string): void {
    const elementId = typeof element === 'string' ? element : element?.id;
    this.problems.push({ ...(elementId ? { elementId } : {}), message, severity: 'error', code: 'structure' });
  }

  outgoingOf(node: ModdleElement): ModdleElement[] {
    return this.outgoing.get(node) ?? [];
  }

  incomingOf(node: ModdleElement): ModdleElement[] {
    return this.incoming.get(node) ?? [];
  }

  /** A QName such as `xsd:int` in expanded form, so that `xs:int` and `xsd:int` compare equal. */
  private expand(qname: string): string {
    const text = qname.trim();
    const colon = text.indexOf(':');
    const prefix = colon > 0 && !text.includes('//') ? text.slice(0, colon) : undefined;
    if (prefix !== undefined && this.namespaces[prefix]) return `{${this.namespaces[prefix]}}${text.slice(colon + 1)}`;
    return text;
  }

  /**
   * Two item definitions describe the same data when they are the same definition, or when both
   * name a structure and it is the same one. No item definition on either side matches only none.
   */
  sameItem(a: ModdleElement | undefined, b: ModdleElement | undefined): boolean {
    if (!a || !b) return !a && !b;
    if (a === b) return true;
    const sa = typeof a.structureRef === 'string' ? a.structureRef : '';
    const sb = typeof b.structureRef === 'string' ? b.structureRef : '';
    return !!sa && !!sb && this.expand(sa) === this.expand(sb);
  }

  /** The structure an item definition names, for messages. */
  describeItem(item: ModdleElement | undefined): string {
    if (!item) return 'no item definition';
    const structure = typeof item.structureRef === 'string' && item.structureRef ? `, structure ${item.structureRef}` : '';
    return `item definition "${item.id}"${structure}`;
  }
}
