/**
 * The executable model: what `compile` makes of a BPMN file. Plain data (no functions, no
 * class instances) so that it can cross a worker-thread boundary and be cached by hash.
 * Expressions are kept as FEEL source; the evaluator caches their parsed form.
 */
import type { FormField, TaskAssignment } from './contract.types';

export type NodeKind =
  | 'startEvent'
  | 'endEvent'
  | 'intermediateCatchEvent'
  | 'intermediateThrowEvent'
  | 'boundaryEvent'
  | 'task'
  | 'manualTask'
  | 'userTask'
  | 'serviceTask'
  | 'scriptTask'
  | 'businessRuleTask'
  | 'sendTask'
  | 'receiveTask'
  | 'subProcess'
  | 'adHocSubProcess'
  | 'transaction'
  | 'callActivity'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'inclusiveGateway'
  | 'eventBasedGateway'
  | 'complexGateway';

export type EventKind =
  | 'none'
  | 'message'
  | 'timer'
  | 'signal'
  | 'conditional'
  | 'error'
  | 'escalation'
  | 'compensate'
  | 'cancel'
  | 'terminate'
  | 'link';

/** A FEEL expression with what the evaluator needs to know about it. */
export interface Expr {
  /** FEEL source, without a leading `=`. */
  src: string;
}

export interface TimerDef {
  kind: 'date' | 'duration' | 'cycle';
  /** Literal ISO 8601 / cron text, or a FEEL expression when `expr` is set. */
  text?: string;
  expr?: Expr;
  /** Count durations in working days of this calendar (the `referral:calendar` attribute). */
  calendar?: string;
}

export interface EventDef {
  kind: EventKind;
  /** Message, signal, error, escalation or link name (error and escalation: their code). */
  name?: string;
  /** Error / escalation: the code to match; absent on a catch means "catch all". */
  code?: string;
  /** Message correlation key expression (zeebe:subscription). */
  correlationKey?: Expr;
  timer?: TimerDef;
  condition?: Expr;
  /** Compensation: the activity to compensate (absent: all in scope). */
  activityRef?: string;
  waitForCompletion?: boolean;
}

export interface Mapping {
  /** Target variable name. */
  target: string;
  source: Expr;
}

export interface MultiInstanceDef {
  sequential: boolean;
  cardinality?: Expr;
  collection?: Expr;
  /** Local variable name for each item. */
  element?: string;
  outputCollection?: string;
  outputElement?: Expr;
  completionCondition?: Expr;
  /** BPMN `behavior` and the event thrown on instance completion (none / one / complex). */
  behavior: 'all' | 'none' | 'one' | 'complex';
  noneEvent?: EventDef;
  oneEvent?: EventDef;
  complex?: { condition: Expr; event: EventDef }[];
}

export interface StandardLoopDef {
  condition?: Expr;
  maximum?: number;
  testBefore: boolean;
}

export interface ServiceDef {
  type: string;
  retry: string;
  headers?: Record<string, string>;
}

export interface NodeModel {
  id: string;
  name?: string;
  kind: NodeKind;
  /** Id of the enclosing sub-process; undefined at process level. */
  scope?: string;
  incoming: string[];
  outgoing: string[];
  defaultFlow?: string;
  /** Events: the trigger(s). Several = a multiple event (`parallelMultiple` = all required). */
  events?: EventDef[];
  parallelMultiple?: boolean;
  /** Boundary events attached to this activity. */
  boundaries?: string[];
  /** Boundary event: the activity it is attached to, and whether it interrupts. */
  attachedTo?: string;
  interrupting?: boolean;
  /** Sub-process / process scopes: event sub-processes directly inside. */
  eventSubProcesses?: string[];
  /** Sub-process: the start event of its inner flow (none start), and whether it is an event sub-process. */
  startNodes?: string[];
  triggeredByEvent?: boolean;
  /** Activities inside an ad-hoc sub-process that start on their own (no incoming flows). */
  adHoc?: { sequential: boolean; completionCondition?: Expr; cancelRemaining: boolean };
  inputs?: Mapping[];
  outputs?: Mapping[];
  multiInstance?: MultiInstanceDef;
  loop?: StandardLoopDef;
  startQuantity?: number;
  completionQuantity?: number;
  /** Activities: compensation handler (via the compensation boundary event's association). */
  compensationHandler?: string;
  isForCompensation?: boolean;
  /** Tasks. */
  service?: ServiceDef;
  script?: { expr: Expr; resultVariable?: string };
  userTask?: TaskAssignment;
  /** Parts of the assignment given as FEEL, evaluated when the task is created. */
  assignmentExprs?: Partial<Record<'agency' | 'role' | 'assignee' | 'candidateGroups' | 'candidateUsers' | 'sla' | 'reminder', Expr>>;
  /** Receive task / message events: the message. */
  message?: EventDef;
  instantiate?: boolean;
  calledElement?: string;
  /** Call activity: propagate all variables in and out (zeebe default). */
  propagateAll?: { in: boolean; out: boolean };
  /** Gateways: complex gateway activation condition. */
  activationCondition?: Expr;
}

export interface FlowModel {
  id: string;
  source: string;
  target: string;
  condition?: Expr;
}

export interface ProcessModel {
  id: string;
  name?: string;
  executable: boolean;
  nodes: Record<string, NodeModel>;
  flows: Record<string, FlowModel>;
  /** Start events at process level (none, message, timer, signal, conditional). */
  startEvents: string[];
  /** Event sub-processes at process level. */
  eventSubProcesses: string[];
  /** Link catch events by scope + name: key `scope/name` (scope '' = process). */
  links: Record<string, string>;
  /** What each scope starts with ('' = the process: its none start events or implicit start nodes). */
  scopeEntries: Record<string, string[]>;
  /** Inclusive / complex joins: for each, the nodes from which each incoming flow is reachable (not through the join). */
  joinSources: Record<string, Record<string, string[]>>;
}

export interface ExecutableModel {
  modelVersion: 1;
  processes: Record<string, ProcessModel>;
  /** The process started by default (the first executable one). */
  mainProcessId: string;
  /** Form fields by user task id, for validation of completions outside the engine. */
  forms: Record<string, FormField[]>;
}
