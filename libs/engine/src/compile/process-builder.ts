/**
 * Builds one ProcessModel from a bpmn:Process (or a global task called by a call activity):
 * a flat table of nodes and flows with their scopes, event definitions, loops, mappings and the
 * referral extension, checking what the engine needs to run it. Walks with an explicit stack.
 */
import type { EscalationStep, FormField, Problem, ProblemCode, TaskAssignment } from '../contract.types';
import type { EventDef, EventKind, FlowModel, Mapping, MultiInstanceDef, NodeKind, NodeModel, ProcessModel } from '../model.types';
import { parseDuration, parseRepeating } from '../time/iso.util';
import { ExpressionChecker } from './expressions';
import { calledElementOf, extensionValues, type ModdleElement, type ParsedDefinitions } from './moddle';
import { computeJoinSources, computeScopeEntries, findUnreachable } from './graph.util';

const KIND_BY_TYPE: Record<string, NodeKind> = {
  'bpmn:StartEvent': 'startEvent',
  'bpmn:EndEvent': 'endEvent',
  'bpmn:IntermediateCatchEvent': 'intermediateCatchEvent',
  'bpmn:IntermediateThrowEvent': 'intermediateThrowEvent',
  'bpmn:BoundaryEvent': 'boundaryEvent',
  'bpmn:Task': 'task',
  'bpmn:ManualTask': 'manualTask',
  'bpmn:UserTask': 'userTask',
  'bpmn:ServiceTask': 'serviceTask',
  'bpmn:ScriptTask': 'scriptTask',
  'bpmn:BusinessRuleTask': 'businessRuleTask',
  'bpmn:SendTask': 'sendTask',
  'bpmn:ReceiveTask': 'receiveTask',
  'bpmn:SubProcess': 'subProcess',
  'bpmn:AdHocSubProcess': 'adHocSubProcess',
  'bpmn:Transaction': 'transaction',
  'bpmn:CallActivity': 'callActivity',
  'bpmn:ExclusiveGateway': 'exclusiveGateway',
  'bpmn:ParallelGateway': 'parallelGateway',
  'bpmn:InclusiveGateway': 'inclusiveGateway',
  'bpmn:EventBasedGateway': 'eventBasedGateway',
  'bpmn:ComplexGateway': 'complexGateway',
};

/** Flow elements that carry no behaviour. */
const IGNORED_TYPES = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);

const GLOBAL_TASK_KINDS: Record<string, NodeKind> = {
  'bpmn:GlobalTask': 'task',
  'bpmn:GlobalScriptTask': 'scriptTask',
  'bpmn:GlobalUserTask': 'userTask',
  'bpmn:GlobalManualTask': 'manualTask',
  'bpmn:GlobalBusinessRuleTask': 'businessRuleTask',
};

const EVENT_KIND: Record<string, EventKind> = {
  'bpmn:MessageEventDefinition': 'message',
  'bpmn:TimerEventDefinition': 'timer',
  'bpmn:SignalEventDefinition': 'signal',
  'bpmn:ConditionalEventDefinition': 'conditional',
  'bpmn:ErrorEventDefinition': 'error',
  'bpmn:EscalationEventDefinition': 'escalation',
  'bpmn:CompensateEventDefinition': 'compensate',
  'bpmn:CancelEventDefinition': 'cancel',
  'bpmn:TerminateEventDefinition': 'terminate',
  'bpmn:LinkEventDefinition': 'link',
};

export const DATA_SCOPES = ['identity', 'address', 'safe-contact', 'dash', 'perpetrator', 'children', 'health', 'minutes'];
const FIELD_TYPES = new Set<FormField['type']>(['string', 'text', 'number', 'integer', 'boolean', 'date', 'enum', 'list']);
const FEEL_SCRIPT_FORMATS = new Set(['feel', 'text/feel', 'application/feel', 'text/x-feel', 'application/x-feel']);
export const DEFAULT_RETRY = 'R3/PT10S';

/** Which triggers each kind of event may have (multiple = several of these). */
const ALLOWED_EVENTS: Record<string, EventKind[]> = {
  startEvent: ['none', 'message', 'timer', 'signal', 'conditional'],
  eventSubProcessStart: ['message', 'timer', 'signal', 'conditional', 'error', 'escalation', 'compensate'],
  subProcessStart: ['none'],
  endEvent: ['none', 'terminate', 'error', 'escalation', 'message', 'signal', 'cancel', 'compensate'],
  intermediateCatchEvent: ['timer', 'message', 'signal', 'link', 'conditional'],
  intermediateThrowEvent: ['none', 'escalation', 'message', 'signal', 'link', 'compensate'],
  boundaryEvent: ['timer', 'error', 'escalation', 'message', 'signal', 'conditional', 'compensate', 'cancel'],
};

/** "a timer", "an error": the article a coordinator expects to read. */
function article(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

export class ProcessBuilder {
  private readonly nodes: Record<string, NodeModel> = Object.create(null);
  private readonly flows: Record<string, FlowModel> = Object.create(null);
  private readonly elements = new Map<string, ModdleElement>();
  private readonly expr: ExpressionChecker;
  private readonly startEvents: string[] = [];
  private readonly eventSubProcesses: string[] = [];
  private readonly links: Record<string, string> = Object.create(null);
  private readonly associations: ModdleElement[] = [];

  constructor(
    private readonly root: ModdleElement,
    private readonly parsed: ParsedDefinitions,
    private readonly problems: Problem[],
  ) {
    const definitions = parsed.definitions;
    // bpmn-moddle reports the schema default (XPath) when the file sets no expressionLanguage.
    const language = definitions && Object.prototype.hasOwnProperty.call(definitions, 'expressionLanguage') ? (definitions.expressionLanguage as string) : undefined;
    this.expr = new ExpressionChecker(problems, language);
  }

  private problem(elementId: string | undefined, message: string, code: ProblemCode = 'structure'): void {
    this.problems.push({ ...(elementId ? { elementId } : {}), message, severity: 'error', code });
  }

  build(): ProcessModel {
    const id = this.root.id!;
    if (GLOBAL_TASK_KINDS[this.root.$type]) return this.buildGlobalTask();
    this.walk();
    this.wireFlows();
    this.linkCompensationHandlers();
    this.checkNodes();
    const process: ProcessModel = {
      id,
      ...(this.root.name ? { name: String(this.root.name) } : {}),
      executable: this.root.isExecutable === true,
      nodes: this.nodes,
      flows: this.flows,
      startEvents: this.startEvents,
      eventSubProcesses: this.eventSubProcesses,
      links: this.links,
      scopeEntries: {},
      joinSources: {},
    };
    for (const nodeId of findUnreachable(process)) {
      this.problem(nodeId, `"${this.label(nodeId)}" cannot be reached from any start event`);
    }
    process.joinSources = computeJoinSources(process);
    process.scopeEntries = computeScopeEntries(process);
    if (process.executable && !process.scopeEntries['']!.length && !process.startEvents.length) {
      this.problem(id, 'the process has no start event and no element to start from');
    }
    return process;
  }

  private label(id: string): string {
    return this.nodes[id]?.name ?? id;
  }

  /** A called global task runs as a process of one task. */
  private buildGlobalTask(): ProcessModel {
    const id = this.root.id!;
    const taskId = `${id}__task`;
    const start: NodeModel = { id: `${id}__start`, kind: 'startEvent', incoming: [], outgoing: [`${id}__f1`], events: [{ kind: 'none' }] };
    const task: NodeModel = { id: taskId, kind: GLOBAL_TASK_KINDS[this.root.$type]!, incoming: [`${id}__f1`], outgoing: [`${id}__f2`] };
    if (this.root.name) task.name = String(this.root.name);
    // A global task with a task type runs as a service task.
    const service = task.kind === 'task' ? this.serviceOf(this.root, taskId, false) : undefined;
    if (service) {
      task.kind = 'serviceTask';
      task.service = service;
    }
    if (task.kind === 'scriptTask') task.script = this.scriptOf(this.root, taskId);
    if (task.kind === 'userTask') task.userTask = this.assignmentOf(this.root, taskId, task);
    if (task.kind === 'businessRuleTask') task.script = this.decisionOf(this.root, taskId);
    const end: NodeModel = { id: `${id}__end`, kind: 'endEvent', incoming: [`${id}__f2`], outgoing: [], events: [{ kind: 'none' }] };
    return {
      id,
      executable: true,
      nodes: { [start.id]: start, [taskId]: task, [end.id]: end },
      flows: {
        [`${id}__f1`]: { id: `${id}__f1`, source: start.id, target: taskId },
        [`${id}__f2`]: { id: `${id}__f2`, source: taskId, target: end.id },
      },
      startEvents: [start.id],
      eventSubProcesses: [],
      links: {},
      scopeEntries: { '': [start.id] },
      joinSources: {},
    };
  }

  // ------------------------------------------------------------------------------------------
  // Walk the containers (process, sub-processes) with an explicit stack.

  private walk(): void {
    const stack: { container: ModdleElement; scope?: string }[] = [{ container: this.root }];
    while (stack.length) {
      const { container, scope } = stack.pop()!;
      for (const artifact of (container.artifacts as ModdleElement[] | undefined) ?? []) {
        if (artifact.$type === 'bpmn:Association') this.associations.push(artifact);
      }
      for (const element of (container.flowElements as ModdleElement[] | undefined) ?? []) {
        if (!element.id) {
          this.problem(scope, `a <${element.$type.replace('bpmn:', '')}> has no id`);
          continue;
        }
        this.elements.set(element.id, element);
        if (element.$type === 'bpmn:SequenceFlow') {
          this.flows[element.id] = this.toFlow(element, scope);
          continue;
        }
        if (IGNORED_TYPES.has(element.$type)) continue;
        const kind = KIND_BY_TYPE[element.$type];
        if (!kind) {
          this.problem(element.id, `<${element.$type.replace('bpmn:', '')}> is not supported by the engine`, 'unsupported');
          continue;
        }
        const node = this.toNode(element, kind, scope);
        this.nodes[node.id] = node;
        if (kind === 'subProcess' || kind === 'adHocSubProcess' || kind === 'transaction') {
          stack.push({ container: element, scope: node.id });
        }
      }
    }
    this.collectScopeEntries();
  }

  private toFlow(element: ModdleElement, scope: string | undefined): FlowModel {
    const source = (element.sourceRef as ModdleElement | undefined)?.id;
    const target = (element.targetRef as ModdleElement | undefined)?.id;
    if (!source) this.problem(element.id, 'the sequence flow has no source');
    if (!target) this.problem(element.id, 'the sequence flow has no target');
    const flow: FlowModel = { id: element.id!, source: source ?? '', target: target ?? '' };
    const condition = element.conditionExpression as ModdleElement | undefined;
    if (condition) {
      const expr = this.expr.element(condition, element.id!, 'the condition');
      if (expr) flow.condition = expr;
    }
    void scope;
    return flow;
  }

  // ------------------------------------------------------------------------------------------
  // Nodes.

  private toNode(el: ModdleElement, kind: NodeKind, scope: string | undefined): NodeModel {
    const id = el.id!;
    const node: NodeModel = { id, kind, incoming: [], outgoing: [] };
    if (scope) node.scope = scope;
    if (el.name) node.name = String(el.name);
    const isActivity = !kind.endsWith('Event') && !kind.endsWith('Gateway');
    if (isActivity) this.activityCommon(el, node);
    if (kind.endsWith('Event')) this.eventCommon(el, node);
    if ((kind === 'intermediateThrowEvent' || kind === 'endEvent') && node.events?.some((e) => e.kind === 'message')) {
      // Camunda 8 implements message throw events by a job worker.
      const service = this.serviceOf(el, id, false);
      if (service) node.service = service;
    }
    const dflt = el.default as ModdleElement | undefined;
    if (dflt?.id) node.defaultFlow = dflt.id;

    switch (kind) {
      case 'userTask':
        node.userTask = this.assignmentOf(el, id, node);
        break;
      case 'serviceTask':
        node.service = this.serviceOf(el, id, true);
        break;
      case 'sendTask': {
        const message = el.messageRef as ModdleElement | undefined;
        if (message) node.message = this.messageDef(message, id);
        const service = this.serviceOf(el, id, !message);
        if (service) node.service = service;
        break;
      }
      case 'receiveTask': {
        const message = el.messageRef as ModdleElement | undefined;
        if (message) node.message = this.messageDef(message, id);
        else this.problem(id, 'the receive task names no message (messageRef)');
        if (el.instantiate === true) node.instantiate = true;
        break;
      }
      case 'scriptTask':
        node.script = this.scriptOf(el, id);
        break;
      case 'businessRuleTask':
        node.script = this.decisionOf(el, id);
        break;
      case 'callActivity':
        this.callActivity(el, node);
        break;
      case 'subProcess':
      case 'adHocSubProcess':
      case 'transaction':
        if (el.triggeredByEvent === true) node.triggeredByEvent = true;
        if (kind === 'adHocSubProcess') {
          const completion = el.completionCondition as ModdleElement | undefined;
          const cc = completion ? this.expr.element(completion, id, 'the completion condition') : undefined;
          node.adHoc = {
            sequential: String(el.ordering ?? 'Parallel') === 'Sequential',
            cancelRemaining: el.cancelRemainingInstances !== false,
            ...(cc ? { completionCondition: cc } : {}),
          };
        }
        break;
      case 'boundaryEvent': {
        const attached = el.attachedToRef as ModdleElement | undefined;
        if (!attached?.id) this.problem(id, 'the boundary event is not attached to an activity');
        else node.attachedTo = attached.id;
        node.interrupting = el.cancelActivity !== false;
        break;
      }
      case 'complexGateway': {
        const activation = el.activationCondition as ModdleElement | undefined;
        if (activation) {
          const expr = this.expr.element(activation, id, 'the activation condition');
          if (expr) node.activationCondition = expr;
        }
        break;
      }
      default:
        break;
    }
    return node;
  }

  private activityCommon(el: ModdleElement, node: NodeModel): void {
    const id = node.id;
    const startQuantity = el.startQuantity as number | undefined;
    const completionQuantity = el.completionQuantity as number | undefined;
    if (startQuantity !== undefined && startQuantity !== 1) {
      if (!Number.isInteger(startQuantity) || startQuantity < 1) this.problem(id, `startQuantity must be at least 1 (it is ${startQuantity})`);
      else node.startQuantity = startQuantity;
    }
    if (completionQuantity !== undefined && completionQuantity !== 1) {
      if (!Number.isInteger(completionQuantity) || completionQuantity < 1) this.problem(id, `completionQuantity must be at least 1 (it is ${completionQuantity})`);
      else node.completionQuantity = completionQuantity;
    }
    if (el.isForCompensation === true) node.isForCompensation = true;
    const io = extensionValues(el).find((v) => v.$type === 'zeebe:IoMapping');
    if (io) {
      const inputs = this.mappings((io.inputParameters as ModdleElement[] | undefined) ?? [], id, 'input');
      const outputs = this.mappings((io.outputParameters as ModdleElement[] | undefined) ?? [], id, 'output');
      if (inputs.length) node.inputs = inputs;
      if (outputs.length) node.outputs = outputs;
    }
    const loop = el.loopCharacteristics as ModdleElement | undefined;
    if (loop?.$type === 'bpmn:MultiInstanceLoopCharacteristics') node.multiInstance = this.multiInstance(loop, id);
    else if (loop?.$type === 'bpmn:StandardLoopCharacteristics') {
      const maximum = loop.loopMaximum as number | undefined;
      if (maximum !== undefined && maximum < 0) this.problem(id, `loopMaximum must not be negative (it is ${maximum})`);
      const condition = loop.loopCondition as ModdleElement | undefined;
      const expr = condition ? this.expr.element(condition, id, 'the loop condition') : undefined;
      if (!condition && maximum === undefined) this.problem(id, 'the loop has neither a loopCondition nor a loopMaximum, so it would never end');
      node.loop = { testBefore: loop.testBefore === true, ...(expr ? { condition: expr } : {}), ...(maximum !== undefined ? { maximum } : {}) };
    }
  }

  private mappings(params: ModdleElement[], id: string, what: 'input' | 'output'): Mapping[] {
    const out: Mapping[] = [];
    for (const p of params) {
      const target = String(p.target ?? '').trim();
      if (!/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/.test(target)) {
        this.problem(id, `the ${what} mapping target "${target}" is not a variable name`);
        continue;
      }
      if (target.split('.').some((key) => key === '__proto__' || key === 'constructor' || key === 'prototype')) {
        this.problem(id, `the ${what} mapping target "${target}" uses a reserved name (__proto__, constructor or prototype); choose another`);
        continue;
      }
      const source = this.expr.zeebe(p.source as string | undefined, id, `the ${what} mapping for "${target}"`);
      if (source) out.push({ target, source });
    }
    return out;
  }

  private multiInstance(loop: ModdleElement, id: string): MultiInstanceDef | undefined {
    const zeebe = extensionValues(loop).find((v) => v.$type === 'zeebe:LoopCharacteristics');
    const def: MultiInstanceDef = { sequential: loop.isSequential === true, behavior: 'all' };
    const cardinality = loop.loopCardinality as ModdleElement | undefined;
    if (cardinality) {
      const expr = this.expr.element(cardinality, id, 'the loop cardinality');
      const literal = expr ? Number(expr.src) : NaN;
      if (expr && Number.isFinite(literal) && literal < 0) this.problem(id, `the loop cardinality must not be negative (it is ${literal})`);
      else if (expr) def.cardinality = expr;
    }
    if (zeebe?.inputCollection) {
      const expr = this.expr.text(zeebe.inputCollection as string, id, 'the input collection');
      if (expr) def.collection = expr;
      if (zeebe.inputElement) def.element = String(zeebe.inputElement);
    }
    if (zeebe?.outputCollection) {
      def.outputCollection = String(zeebe.outputCollection);
      const expr = zeebe.outputElement ? this.expr.text(zeebe.outputElement as string, id, 'the output element') : undefined;
      if (expr) def.outputElement = expr;
    }
    const inputItem = loop.inputDataItem as ModdleElement | undefined;
    if (!def.element && inputItem?.name) def.element = String(inputItem.name);
    const completion = loop.completionCondition as ModdleElement | undefined;
    if (completion) {
      const expr = this.expr.element(completion, id, 'the completion condition');
      if (expr) def.completionCondition = expr;
    }
    const behavior = String(loop.behavior ?? 'All').toLowerCase() as MultiInstanceDef['behavior'];
    def.behavior = behavior;
    const none = loop.noneBehaviorEventRef as ModdleElement | undefined;
    const one = loop.oneBehaviorEventRef as ModdleElement | undefined;
    if (none) def.noneEvent = this.eventDef(none, id);
    if (one) def.oneEvent = this.eventDef(one, id);
    const complex = (loop.complexBehaviorDefinition as ModdleElement[] | undefined) ?? [];
    if (complex.length) {
      def.complex = [];
      for (const c of complex) {
        const condition = this.expr.element(c.condition as ModdleElement | undefined, id, 'the complex behaviour condition');
        const event = c.event as ModdleElement | undefined;
        const eventDefs = ((event?.eventDefinitions as ModdleElement[] | undefined) ?? []).map((d) => this.eventDef(d, id));
        if (condition && eventDefs[0]) def.complex.push({ condition, event: eventDefs[0] });
      }
    }
    if (!def.cardinality && !def.collection) {
      this.problem(id, 'the multi-instance activity has neither a loop cardinality nor an input collection');
      return undefined;
    }
    return def;
  }

  private eventCommon(el: ModdleElement, node: NodeModel): void {
    const defs = [
      ...((el.eventDefinitions as ModdleElement[] | undefined) ?? []),
      ...((el.eventDefinitionRef as ModdleElement[] | undefined) ?? []),
    ];
    node.events = defs.length ? defs.map((d) => this.eventDef(d, node.id)) : [{ kind: 'none' }];
    if (el.parallelMultiple === true && defs.length > 1) node.parallelMultiple = true;
    if (node.kind === 'startEvent') node.interrupting = el.isInterrupting !== false;
  }

  private eventDef(def: ModdleElement, id: string): EventDef {
    const kind = EVENT_KIND[def.$type];
    if (!kind) {
      this.problem(id, `the event definition <${def.$type.replace('bpmn:', '')}> is not supported`, 'unsupported');
      return { kind: 'none' };
    }
    const out: EventDef = { kind };
    switch (kind) {
      case 'message': {
        const message = def.messageRef as ModdleElement | undefined;
        const owner = this.elements.get(id);
        const throwsByWorker = owner && /Throw|End/.test(owner.$type) && extensionValues(owner).some((v) => v.$type === 'zeebe:TaskDefinition' || v.$type === 'referral:Service');
        if (message) Object.assign(out, this.messageDef(message, id));
        else if (!throwsByWorker) this.problem(id, 'the message event names no message (messageRef)');
        break;
      }
      case 'signal': {
        const signal = def.signalRef as ModdleElement | undefined;
        if (!signal) this.problem(id, 'the signal event names no signal (signalRef)');
        else out.name = String(signal.name ?? signal.id);
        break;
      }
      case 'timer': {
        const timer = this.expr.timer(def, id);
        if (timer) out.timer = timer;
        break;
      }
      case 'conditional': {
        const condition = this.expr.element(def.condition as ModdleElement | undefined, id, 'the event condition');
        if (condition) out.condition = condition;
        break;
      }
      case 'error': {
        const error = def.errorRef as ModdleElement | undefined;
        if (error) {
          out.code = String(error.errorCode ?? error.name ?? error.id);
          out.name = String(error.name ?? out.code);
        }
        break;
      }
      case 'escalation': {
        const escalation = def.escalationRef as ModdleElement | undefined;
        if (escalation) {
          out.code = String(escalation.escalationCode ?? escalation.name ?? escalation.id);
          out.name = String(escalation.name ?? out.code);
        }
        break;
      }
      case 'compensate': {
        const activity = def.activityRef as ModdleElement | undefined;
        if (activity?.id) out.activityRef = activity.id;
        out.waitForCompletion = def.waitForCompletion !== false;
        break;
      }
      case 'link':
        out.name = String(def.name ?? '').trim();
        if (!out.name) this.problem(id, 'the link event has no name');
        break;
      default:
        break;
    }
    return out;
  }

  private messageDef(message: ModdleElement, id: string): EventDef {
    const out: EventDef = { kind: 'message', name: String(message.name ?? message.id) };
    const subscription = extensionValues(message).find((v) => v.$type === 'zeebe:Subscription');
    if (subscription?.correlationKey) {
      const expr = this.expr.text(subscription.correlationKey as string, id, `the correlation key of message "${out.name}"`);
      if (expr) out.correlationKey = expr;
    }
    return out;
  }

  private serviceOf(el: ModdleElement, id: string, required: boolean): NodeModel['service'] {
    const values = extensionValues(el);
    const referral = values.find((v) => v.$type === 'referral:Service');
    const zeebe = values.find((v) => v.$type === 'zeebe:TaskDefinition');
    const type = String(referral?.type ?? zeebe?.type ?? '').trim();
    const attrs = (el.$attrs as Record<string, string> | undefined) ?? {};
    const delegate = Object.keys(attrs).find((k) => /:(class|delegateExpression|expression|type)$/.test(k) && !k.startsWith('xmlns'));
    if (!type && delegate) {
      this.problem(id, `the task is implemented by ${delegate}="${attrs[delegate]}" (a Camunda 7 Java delegate or expression), which the engine never runs; give it a task type (referral:service type="…")`, 'unsupported');
      return undefined;
    }
    if (!type) {
      if (required) this.problem(id, `the ${el.$type === 'bpmn:SendTask' ? 'send task names neither a message nor' : 'service task has no'} task type (referral:service type="…" or zeebe:taskDefinition)`);
      return undefined;
    }
    let retry = String(referral?.retry ?? '').trim();
    if (!retry && zeebe?.retries !== undefined) retry = `R${Number(String(zeebe.retries).replace(/^=/, '')) || 3}/PT10S`;
    if (!retry) retry = DEFAULT_RETRY;
    const cycle = parseRepeating(retry);
    if (!cycle || cycle.repetitions < 1) {
      this.problem(id, `the retry cycle "${retry}" is not an ISO repeating interval with a count, such as R3/PT10S`);
      retry = DEFAULT_RETRY;
    }
    const headers = values.find((v) => v.$type === 'zeebe:TaskHeaders');
    const out: NonNullable<NodeModel['service']> = { type, retry };
    if (headers) {
      out.headers = {};
      for (const h of (headers.values as ModdleElement[] | undefined) ?? []) out.headers[String(h.key)] = String(h.value ?? '');
    }
    return out;
  }

  private scriptOf(el: ModdleElement, id: string): NodeModel['script'] {
    const zeebe = extensionValues(el).find((v) => v.$type === 'zeebe:Script');
    const resultVariable = String(zeebe?.resultVariable ?? el.resultVariable ?? '').trim() || undefined;
    if (zeebe?.expression) {
      const expr = this.expr.text(zeebe.expression as string, id, 'the script');
      return expr ? { expr, ...(resultVariable ? { resultVariable } : {}) } : undefined;
    }
    const format = String(el.scriptFormat ?? el.scriptLanguage ?? '').trim().toLowerCase();
    const body = el.script as string | undefined;
    if (!body?.trim()) {
      this.problem(id, 'the script task has no script');
      return undefined;
    }
    if (!FEEL_SCRIPT_FORMATS.has(format)) {
      this.problem(
        id,
        format
          ? `the script is in "${format}"; only FEEL scripts run (scriptFormat="feel"), JavaScript and other languages are never executed`
          : 'the script has no scriptFormat; write it in FEEL and set scriptFormat="feel"',
        format ? 'unsupported' : 'structure',
      );
      return undefined;
    }
    const expr = this.expr.text(body, id, 'the script');
    return expr ? { expr, ...(resultVariable ? { resultVariable } : {}) } : undefined;
  }

  private decisionOf(el: ModdleElement, id: string): NodeModel['script'] {
    const values = extensionValues(el);
    if (values.some((v) => v.$type === 'zeebe:CalledDecision')) {
      this.problem(id, 'DMN decisions (zeebe:calledDecision) are not supported; write the decision as a FEEL expression in <referral:decision expression="…" resultVariable="…"/>', 'unsupported');
      return undefined;
    }
    const decision = values.find((v) => v.$type === 'referral:Decision');
    if (!decision) {
      this.problem(id, 'the business rule task has no decision; add <referral:decision expression="…" resultVariable="…"/>');
      return undefined;
    }
    const expr = this.expr.text(decision.expression as string | undefined, id, 'the decision');
    const resultVariable = String(decision.resultVariable ?? '').trim();
    if (!resultVariable) this.problem(id, 'the decision has no resultVariable');
    return expr && resultVariable ? { expr, resultVariable } : undefined;
  }

  private callActivity(el: ModdleElement, node: NodeModel): void {
    const called = calledElementOf(el);
    if (!called) {
      this.problem(node.id, 'the call activity names no process to call (calledElement)');
      return;
    }
    node.calledElement = called;
    const target = this.parsed.elementsById.get(called);
    if (target && target.$type !== 'bpmn:Process' && !GLOBAL_TASK_KINDS[target.$type]) {
      this.problem(node.id, `the call activity calls "${called}", which is a ${target.$type.replace('bpmn:', '')}, not a process`);
    }
    const zeebe = extensionValues(el).find((v) => v.$type === 'zeebe:CalledElement');
    node.propagateAll = {
      in: zeebe?.propagateAllParentVariables !== false,
      out: zeebe?.propagateAllChildVariables !== false,
    };
  }

  /**
   * The assignment of a user task. Agency, role, assignee, candidate groups and users, SLA and
   * reminder may be FEEL (`=…`): they are evaluated when the task is created (an action plan's
   * tasks belong to the agency each action names; SLAs can be partnership parameters).
   */
  private assignmentOf(el: ModdleElement, id: string, node: NodeModel): TaskAssignment {
    const values = extensionValues(el);
    const task = values.find((v) => v.$type === 'referral:Task');
    const zeebe = values.find((v) => v.$type === 'zeebe:AssignmentDefinition');
    const dynamic = (key: keyof NonNullable<NodeModel['assignmentExprs']>, value: unknown): boolean => {
      const text = String(value ?? '').trim();
      if (!text.startsWith('=')) return false;
      const expr = this.expr.text(text, id, `the task's ${key}`);
      if (expr) (node.assignmentExprs ??= {})[key] = expr;
      return true;
    };
    const isDynamic = {
      agency: dynamic('agency', task?.agency),
      role: dynamic('role', task?.role),
      assignee: dynamic('assignee', zeebe?.assignee),
      candidateGroups: dynamic('candidateGroups', zeebe?.candidateGroups),
      candidateUsers: dynamic('candidateUsers', zeebe?.candidateUsers),
      sla: dynamic('sla', task?.sla),
      reminder: dynamic('reminder', task?.reminder),
    };
    const list = (v: unknown) =>
      String(v ?? '')
        .replace(/^=/, '')
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter(Boolean);
    const out: TaskAssignment = { escalation: [], dataScopes: [], form: [] };
    const agency = String(task?.agency ?? '').trim();
    if (agency && !isDynamic.agency) out.agency = agency;
    const role = String(task?.role ?? '').trim();
    if (role && !isDynamic.role) out.role = role;
    if (zeebe?.candidateGroups && !isDynamic.candidateGroups) out.candidateGroups = list(zeebe.candidateGroups);
    if (zeebe?.candidateUsers && !isDynamic.candidateUsers) out.candidateUsers = list(zeebe.candidateUsers);
    if (zeebe?.assignee && !isDynamic.assignee) out.assignee = String(zeebe.assignee);
    if (!out.agency && out.candidateGroups?.length) out.agency = out.candidateGroups[0];
    const duration = (value: unknown, what: string) => {
      const text = String(value ?? '').trim();
      if (!text) return undefined;
      if (!parseDuration(text)) {
        this.problem(id, `${what} "${text}" is not an ISO 8601 duration (e.g. P2D for two working days)`);
        return undefined;
      }
      return text;
    };
    const sla = isDynamic.sla ? undefined : duration(task?.sla, 'the SLA');
    if (sla) out.sla = sla;
    const reminder = isDynamic.reminder ? undefined : duration(task?.reminder, 'the reminder');
    if (reminder) out.reminder = reminder;
    const hasSla = !!sla || isDynamic.sla;
    const calendar = String(task?.calendar ?? '').trim();
    if (calendar) out.calendar = calendar;
    if ((reminder || isDynamic.reminder) && !hasSla) this.problem(id, 'the task has a reminder but no SLA to be reminded of');
    for (const step of (task?.escalations as ModdleElement[] | undefined) ?? []) {
      const to = String(step.to ?? '').trim();
      const after = duration(step.after, `the escalation to "${to}" after`) ?? undefined;
      if (!to) this.problem(id, 'an escalation step names no one to escalate to (to="…")');
      else if (after) out.escalation.push({ to, after } satisfies EscalationStep);
    }
    if (out.escalation.length && !hasSla) this.problem(id, 'the task has an escalation chain but no SLA to escalate from');
    for (const scope of list(task?.scopes)) {
      if (!DATA_SCOPES.includes(scope)) this.problem(id, `unknown data scope "${scope}"; use ${DATA_SCOPES.join(', ')}`);
      else if (!out.dataScopes.includes(scope)) out.dataScopes.push(scope);
    }
    const names = new Set<string>();
    for (const f of (task?.fields as ModdleElement[] | undefined) ?? []) {
      const name = String(f.name ?? '').trim();
      const type = String(f.type ?? 'string').trim() as FormField['type'];
      if (!/^[A-Za-z_]\w*$/.test(name)) {
        this.problem(id, `the form field name "${name}" is not a variable name`);
        continue;
      }
      if (names.has(name)) this.problem(id, `the form field "${name}" is declared twice`);
      names.add(name);
      if (!FIELD_TYPES.has(type)) {
        this.problem(id, `the form field "${name}" has an unknown type "${type}"; use ${[...FIELD_TYPES].join(', ')}`);
        continue;
      }
      const field: FormField = { name, type, required: f.required === true };
      const scope = String(f.scope ?? '').trim();
      if (scope) {
        if (!DATA_SCOPES.includes(scope)) this.problem(id, `the form field "${name}" has an unknown data scope "${scope}"`);
        else field.scope = scope;
      }
      if (f.label) field.label = String(f.label);
      if (type === 'enum') {
        field.options = list(f.options);
        if (!field.options.length) this.problem(id, `the enum field "${name}" lists no options`);
      }
      out.form.push(field);
    }
    return out;
  }

  // ------------------------------------------------------------------------------------------
  // Scope entries, flows, compensation, checks.

  private collectScopeEntries(): void {
    for (const node of Object.values(this.nodes)) {
      const parent = node.scope ? this.nodes[node.scope] : undefined;
      if (node.triggeredByEvent) {
        if (parent) (parent.eventSubProcesses ??= []).push(node.id);
        else this.eventSubProcesses.push(node.id);
      }
      if (node.kind === 'startEvent') {
        if (!parent) this.startEvents.push(node.id);
        else (parent.startNodes ??= []).push(node.id);
      }
      if (node.kind === 'boundaryEvent' && node.attachedTo) {
        const activity = this.nodes[node.attachedTo];
        if (!activity || activity.kind.endsWith('Gateway') || activity.kind.endsWith('Event')) {
          this.problem(node.id, `the boundary event is attached to "${node.attachedTo}", which is not an activity`);
        } else if (activity.scope !== node.scope) {
          this.problem(node.id, 'the boundary event must be in the same (sub-)process as its activity');
        } else (activity.boundaries ??= []).push(node.id);
      }
      if (node.kind === 'intermediateCatchEvent' && node.events?.[0]?.kind === 'link') {
        const key = `${node.scope ?? ''}/${node.events[0].name}`;
        if (this.links[key]) this.problem(node.id, `two link catch events are named "${node.events[0].name}" in the same scope`);
        else this.links[key] = node.id;
      }
    }
  }

  private wireFlows(): void {
    for (const flow of Object.values(this.flows)) {
      const source = this.nodes[flow.source];
      const target = this.nodes[flow.target];
      if (flow.source && !source && !this.elements.has(flow.source)) this.problem(flow.id, `the flow starts at "${flow.source}", which is not in this process`);
      if (flow.target && !target && !this.elements.has(flow.target)) this.problem(flow.id, `the flow ends at "${flow.target}", which is not in this process`);
      if (!source || !target) {
        if (flow.source && flow.target && (!source || !target)) this.problem(flow.id, 'the flow must connect two flow nodes');
        continue;
      }
      if (source.scope !== target.scope) {
        this.problem(flow.id, 'a sequence flow cannot cross the boundary of a sub-process');
        continue;
      }
      source.outgoing.push(flow.id);
      target.incoming.push(flow.id);
    }
    // Keep the order the element itself lists its flows in (it decides which branch runs first).
    for (const node of Object.values(this.nodes)) {
      const el = this.elements.get(node.id);
      for (const key of ['outgoing', 'incoming'] as const) {
        const declared = ((el?.[key] as ModdleElement[] | undefined) ?? []).map((f) => f.id);
        const rank = (id: string) => {
          const i = declared.indexOf(id);
          return i < 0 ? declared.length : i;
        };
        node[key].sort((a, b) => rank(a) - rank(b));
      }
    }
  }

  private linkCompensationHandlers(): void {
    for (const association of this.associations) {
      const source = this.nodes[(association.sourceRef as ModdleElement | undefined)?.id ?? ''];
      const target = this.nodes[(association.targetRef as ModdleElement | undefined)?.id ?? ''];
      if (!source || !target || source.kind !== 'boundaryEvent' || source.events?.[0]?.kind !== 'compensate') continue;
      if (!target.isForCompensation) {
        this.problem(target.id, 'a compensation handler must be marked isForCompensation="true"');
        continue;
      }
      const activity = source.attachedTo ? this.nodes[source.attachedTo] : undefined;
      if (activity) activity.compensationHandler = target.id;
    }
  }

  private checkNodes(): void {
    for (const node of Object.values(this.nodes)) {
      const parent = node.scope ? this.nodes[node.scope] : undefined;
      const kinds = (node.events ?? []).map((e) => e.kind);
      let allowedKey: string = node.kind;
      if (node.kind === 'startEvent') allowedKey = parent?.triggeredByEvent ? 'eventSubProcessStart' : parent ? 'subProcessStart' : 'startEvent';
      const allowed = ALLOWED_EVENTS[allowedKey];
      if (allowed) {
        for (const k of kinds) {
          if (!allowed.includes(k)) this.problem(node.id, `${article(this.describe(allowedKey))} cannot have ${article(k)} trigger`);
        }
        if (allowedKey === 'eventSubProcessStart' && kinds.includes('none')) this.problem(node.id, 'the start event of an event sub-process needs a trigger (message, timer, signal, conditional, error, escalation or compensation)');
        if ((node.kind === 'intermediateCatchEvent' || node.kind === 'boundaryEvent') && kinds.includes('none')) this.problem(node.id, `the ${this.describe(node.kind)} has no trigger`);
      }
      if (kinds.includes('cancel') && node.kind === 'endEvent' && parent?.kind !== 'transaction') this.problem(node.id, 'a cancel end event must be inside a transaction');
      if (kinds.includes('cancel') && node.kind === 'boundaryEvent' && this.nodes[node.attachedTo ?? '']?.kind !== 'transaction') this.problem(node.id, 'a cancel boundary event must be attached to a transaction');
      if (node.kind === 'boundaryEvent' && node.interrupting === false && kinds.some((k) => k === 'error' || k === 'cancel' || k === 'compensate')) {
        this.problem(node.id, `${article(`${kinds[0]} boundary event`)} is always interrupting (cancelActivity cannot be false)`);
      }
      if (node.kind === 'endEvent' && kinds.includes('error') && !node.events?.find((e) => e.kind === 'error')?.code) this.problem(node.id, 'the error end event names no error (errorRef with an errorCode)');
      if (node.kind === 'startEvent' && node.incoming.length) this.problem(node.id, 'a start event cannot have incoming flows');
      if (node.kind === 'endEvent' && node.outgoing.length) this.problem(node.id, 'an end event cannot have outgoing flows');
      if (node.kind === 'boundaryEvent' && node.incoming.length) this.problem(node.id, 'a boundary event cannot have incoming flows');
      if (node.triggeredByEvent && (node.incoming.length || node.outgoing.length)) this.problem(node.id, 'an event sub-process cannot have incoming or outgoing flows');
      if (node.isForCompensation && (node.incoming.length || node.outgoing.length)) this.problem(node.id, 'a compensation handler cannot have incoming or outgoing flows');
      if (node.kind === 'intermediateThrowEvent' && kinds[0] === 'link') {
        if (node.outgoing.length) this.problem(node.id, 'a link throw event cannot have outgoing flows');
        if (!this.links[`${node.scope ?? ''}/${node.events?.[0]?.name}`]) this.problem(node.id, `no link catch event named "${node.events?.[0]?.name}" in the same scope`);
      }
      if (node.kind === 'intermediateCatchEvent' && kinds[0] === 'link' && node.incoming.length) this.problem(node.id, 'a link catch event cannot have incoming flows');
      if (node.defaultFlow) {
        const flow = this.flows[node.defaultFlow];
        if (!flow || flow.source !== node.id) this.problem(node.id, `the default flow "${node.defaultFlow}" does not leave this element`);
        else if (flow.condition) this.problem(flow.id, 'the default flow cannot have a condition');
      }
      if (node.kind === 'parallelGateway' || node.kind === 'eventBasedGateway') {
        for (const f of node.outgoing) if (this.flows[f]?.condition) this.problem(f, `a flow leaving ${article(this.describe(node.kind))} cannot have a condition`);
      }
      if (node.kind === 'eventBasedGateway') this.checkEventBasedGateway(node);
      if (node.kind.endsWith('Gateway') && node.incoming.length === 0 && node.outgoing.length === 0) this.problem(node.id, 'the gateway is not connected');
      if (node.kind === 'subProcess' || node.kind === 'transaction') {
        const starts = node.startNodes ?? [];
        if (!node.triggeredByEvent && starts.length > 1) this.problem(node.id, 'an embedded sub-process may have only one start event');
      }
      if (node.kind === 'subProcess' && node.triggeredByEvent && (node.startNodes ?? []).length !== 1) {
        this.problem(node.id, 'an event sub-process needs exactly one start event');
      }
      if (node.kind === 'receiveTask' && node.instantiate && node.incoming.length) this.problem(node.id, 'a receive task that instantiates the process cannot have incoming flows');
    }
  }

  private checkEventBasedGateway(node: NodeModel): void {
    if (node.outgoing.length < 2) this.problem(node.id, 'an event-based gateway needs at least two outgoing flows');
    for (const f of node.outgoing) {
      const target = this.nodes[this.flows[f]?.target ?? ''];
      if (!target) continue;
      const trigger = target.events?.[0]?.kind;
      const ok =
        (target.kind === 'intermediateCatchEvent' && ['message', 'timer', 'signal', 'conditional'].includes(trigger ?? '')) ||
        target.kind === 'receiveTask';
      if (!ok) this.problem(target.id, 'after an event-based gateway there must be intermediate catch events (message, timer, signal, conditional) or receive tasks');
      else if (target.incoming.length > 1) this.problem(target.id, 'an event after an event-based gateway cannot have other incoming flows');
    }
  }

  private describe(key: string): string {
    return (
      {
        startEvent: 'start event',
        eventSubProcessStart: 'start event of an event sub-process',
        subProcessStart: 'start event of an embedded sub-process',
        endEvent: 'end event',
        intermediateCatchEvent: 'intermediate catch event',
        intermediateThrowEvent: 'intermediate throw event',
        boundaryEvent: 'boundary event',
        parallelGateway: 'parallel gateway',
        eventBasedGateway: 'event-based gateway',
      }[key] ?? key
    );
  }
}
