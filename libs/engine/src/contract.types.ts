/**
 * The engine's public contract: what callers pass in (events, context) and what comes out
 * (state, commands, history events). Everything here is plain JSON so that it can be stored
 * in PostgreSQL, sent through a queue by id, replayed and compared byte for byte.
 */

/** Semantics version of the stored state; an instance replays with the semantics it started with. */
export const ENGINE_VERSION = 1;

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type Variables = Record<string, JsonValue>;

// ---------------------------------------------------------------------------------------------
// Context: time, ids and calendars are inputs, never read by the engine itself.

/** A working-day calendar supplied as data (weekends and holidays), used for SLAs and timers. */
export interface CalendarData {
  /** IANA time zone, e.g. `Europe/London`. Working days and due hours are computed in it. */
  timeZone: string;
  /** ISO weekday numbers (1 = Monday … 7 = Sunday) that are not working days. Default [6, 7]. */
  weekend?: number[];
  /** Non-working dates as `YYYY-MM-DD` in the calendar's time zone. */
  holidays?: string[];
  /** Hour of the day (0–23) at which a working-day deadline falls due; default: the start time's hour. */
  dueHour?: number;
}

export interface EngineContext {
  /** The current time (from the clock port). */
  now: Date;
  /** Calendars by name; a task or timer naming a calendar counts days as working days in it. */
  calendars?: Record<string, CalendarData>;
  /** Name of the calendar used when a model names none but asks for working days. */
  defaultCalendar?: string;
  /** Variables visible to every expression as `params` (partnership parameters, thresholds). */
  params?: Variables;
  /** Time budget of a FEEL evaluation that iterates (ms); default 250. */
  feelBudgetMs?: number;
}

// ---------------------------------------------------------------------------------------------
// Events in.

export type EngineEvent =
  /** A user, receive or manual task was completed by a person (output validated by the engine against the declared form). */
  | { type: 'task-completed'; elementInstanceId: number; variables?: Variables }
  /** A service task's handler succeeded. */
  | { type: 'service-completed'; elementInstanceId: number; variables?: Variables }
  /** A service task's handler raised a BPMN error (a business outcome that boundaries catch by code). */
  | { type: 'service-error'; elementInstanceId: number; errorCode: string; message?: string; variables?: Variables }
  /** A service task's handler failed and its retries ran out: an incident. */
  | { type: 'service-failed'; elementInstanceId: number; message: string }
  | { type: 'timer-fired'; timerId: number }
  | { type: 'message'; name: string; correlationKey?: string; variables?: Variables }
  | { type: 'signal'; name: string; variables?: Variables }
  /** A child instance started by a call activity ended. */
  | { type: 'child-completed'; elementInstanceId: number; variables?: Variables }
  /** A child instance ended with an uncaught BPMN error: rethrown at the call activity. */
  | { type: 'child-error'; elementInstanceId: number; errorCode: string; message?: string }
  /** A child instance could not run (e.g. the called process does not exist, or it was cancelled). */
  | { type: 'child-failed'; elementInstanceId: number; message: string }
  /** Set variables from outside (re-evaluates conditional events). */
  | { type: 'set-variables'; variables: Variables; elementInstanceId?: number }
  /** An operator retries an incident (after fixing its cause). */
  | { type: 'resolve-incident'; incidentId: number; variables?: Variables }
  /** Cancel the whole instance. */
  | { type: 'cancel'; reason?: string };

export type EngineEventType = EngineEvent['type'];

// ---------------------------------------------------------------------------------------------
// Commands out: side effects the engine asks the runtime to perform. The engine never performs them.

export interface FormField {
  name: string;
  type: 'string' | 'text' | 'number' | 'integer' | 'boolean' | 'date' | 'enum' | 'list';
  required: boolean;
  /** The case-data scope the value belongs to (e.g. `dash`, `safe-contact`). */
  scope?: string;
  label?: string;
  /** Allowed values for `enum` fields. */
  options?: string[];
}

export interface EscalationStep {
  /** Who is escalated to: a role such as `agency-spoc`, `pathway-coordinator`, `steering-group`. */
  to: string;
  /** ISO 8601 duration after the due time (working days when the task names a calendar). */
  after: string;
}

/** What the `referral` extension says about a user task. */
export interface TaskAssignment {
  agency?: string;
  role?: string;
  candidateGroups?: string[];
  candidateUsers?: string[];
  assignee?: string;
  sla?: string;
  calendar?: string;
  reminder?: string;
  escalation: EscalationStep[];
  dataScopes: string[];
  form: FormField[];
}

export type SlaEventKind = 'reminder' | 'breach' | 'escalation';

export type EngineCommand =
  | {
      type: 'create-user-task';
      elementInstanceId: number;
      elementId: string;
      name?: string;
      assignment: TaskAssignment;
      /** ISO time the task is due (from the SLA), if it has one. */
      dueAt?: string;
      /** Task-local input (from input mappings), never the whole variable set. */
      input?: Variables;
    }
  | { type: 'cancel-user-task'; elementInstanceId: number; reason: 'terminated' | 'interrupted' }
  | {
      type: 'schedule-timer';
      timerId: number;
      dueAt: string;
      elementInstanceId: number;
      elementId: string;
      /** `event`: a BPMN timer; `sla`: a task's SLA reminder, breach or escalation step. */
      purpose: 'event' | 'sla';
    }
  | { type: 'cancel-timer'; timerId: number }
  | {
      type: 'invoke-service';
      elementInstanceId: number;
      elementId: string;
      taskType: string;
      /** ISO repeating interval for retries, e.g. `R3/PT10S` (3 tries, 10 s apart). */
      retry: string;
      input?: Variables;
      headers?: Record<string, string>;
    }
  | { type: 'cancel-service'; elementInstanceId: number }
  | {
      type: 'start-child';
      elementInstanceId: number;
      elementId: string;
      processId: string;
      variables: Variables;
    }
  | { type: 'cancel-child'; elementInstanceId: number }
  | { type: 'open-subscription'; subscriptionId: number; kind: 'message' | 'signal'; name: string; correlationKey?: string; elementId: string }
  | { type: 'close-subscription'; subscriptionId: number }
  | { type: 'publish-message'; name: string; correlationKey?: string; variables: Variables; elementId: string }
  /** Broadcast to every other instance and start event; the throwing instance already caught its own. */
  | { type: 'broadcast-signal'; name: string; variables: Variables; elementId: string }
  | {
      type: 'sla-event';
      kind: SlaEventKind;
      elementInstanceId: number;
      elementId: string;
      /** For escalations: the step's index in the chain and whom it goes to. */
      step?: number;
      to?: string;
      dueAt: string;
    }
  | { type: 'raise-incident'; incidentId: number; elementInstanceId: number; elementId: string; kind: IncidentKind; message: string }
  | { type: 'resolve-incident'; incidentId: number }
  | {
      type: 'end-instance';
      status: 'completed' | 'terminated';
      variables: Variables;
      /** Set when the instance ended by an error that nothing caught (a child's parent rethrows it). */
      error?: { code: string; message?: string };
    };

export type EngineCommandType = EngineCommand['type'];

// ---------------------------------------------------------------------------------------------
// History events out: the audit trail of what happened, in order.

export type Transition =
  | 'activated'
  | 'completed'
  | 'terminated'
  | 'taken'
  | 'triggered'
  | 'incident'
  | 'incident-resolved'
  | 'sla-reminder'
  | 'sla-breach'
  | 'sla-escalation';

export interface HistoryEvent {
  /** Element (or sequence flow, for `taken`) id. */
  elementId: string;
  elementInstanceId?: number;
  transition: Transition;
  /** ISO time (the context's `now`). */
  at: string;
  /** A short non-personal detail (error code, incident kind, escalation target). */
  detail?: string;
}

// ---------------------------------------------------------------------------------------------
// State.

export type InstanceStatus = 'active' | 'completed' | 'terminated';

export type IncidentKind =
  | 'service-failed'
  | 'expression-failed'
  | 'no-outgoing-flow'
  | 'unhandled-error'
  | 'child-failed'
  | 'invalid-collection'
  | 'loop-limit';

export interface Incident {
  id: number;
  elementInstanceId: number;
  elementId: string;
  kind: IncidentKind;
  message: string;
  at: string;
}

/** One live element instance (a token at an element, or a scope holding tokens). */
export interface ElementInstance {
  id: number;
  /** Element id. */
  el: string;
  /** Parent element instance (the scope); 0 is the process instance itself. */
  p: number;
  /** Local variables (input mappings, multi-instance item, sub-process scope). */
  v?: Variables;
  /** Marks the body of a multi-instance or loop activity (its children are the iterations). */
  body?: 1;
  /** Multi-instance body bookkeeping. */
  mi?: MultiInstanceState;
  /** Standard loop body: iterations started. */
  loop?: number;
  /** An open incident on this element instance. */
  inc?: number;
  /** A compensation handler: the element instance waiting for it to finish. */
  comp?: number;
  /** Waiting for the compensation handlers it started (compensation throw, cancel end event). */
  waitComp?: 1;
  /** Parallel-multiple catch event: indices of the triggers already received. */
  got?: number[];
  /** Sequential ad-hoc sub-process: activities still to run. */
  rest?: string[];
  /** Completed its work but could not leave (an outgoing condition failed): retried on resolve. */
  leaving?: 1;
  /** SLA due time of a user task. */
  due?: string;
}

export interface MultiInstanceState {
  /** Number of instances (collection length or cardinality). */
  n: number;
  /** Index of the next instance to start (sequential). */
  next: number;
  done: number;
  /** Collected outputs by index (when an output collection is declared). */
  out?: JsonValue[];
  /** The input collection, kept only for sequential instances that are not started yet. */
  items?: JsonValue[];
}

/** An open wait: a timer, message, signal or condition that an element instance waits for. */
export interface Subscription {
  id: number;
  kind: 'timer' | 'message' | 'signal' | 'condition' | 'sla';
  /** The element instance that owns it (the waiting event, the activity its boundary is on, or the scope of an event sub-process). */
  ei: number;
  /** The event element that triggers (catch event, boundary event, event sub-process start). */
  el: string;
  name?: string;
  key?: string;
  due?: string;
  /** Remaining repetitions of a cycle (-1: unbounded). */
  rep?: number;
  /** For SLA subscriptions: what fires (reminder / breach / escalation step index). */
  sla?: SlaEventKind;
  step?: number;
  /** Conditions fire on a change from false to true. */
  last?: boolean;
}

/** A completed activity that can still be compensated. */
export interface Compensable {
  /** The completed activity. */
  el: string;
  /** The scope instance it completed in. */
  p: number;
  /** The instance id it had (a completed sub-process keeps its own compensables under this id). */
  ei: number;
  /** Variables of its scope when it completed (for a sub-process: its locals). */
  v?: Variables;
}

export interface InstanceState {
  engineVersion: number;
  processId: string;
  status: InstanceStatus;
  businessKey?: string;
  /** Next id for element instances, subscriptions, timers and incidents (unique within the instance). */
  nextId: number;
  variables: Variables;
  elements: ElementInstance[];
  subscriptions: Subscription[];
  /** Tokens waiting at a join (parallel, inclusive, complex gateway, or an activity's start quantity): key `scopeId/elementId` → flow id → count. */
  joins?: Record<string, Record<string, number>>;
  compensables?: Compensable[];
  incidents?: Incident[];
  /** A complex gateway that fired and now absorbs the rest of its tokens: key `scopeId/elementId`. */
  fired?: string[];
  /** Set when a call activity started this instance: an uncaught error ends it and goes to the parent. */
  calledBy?: { instanceId: string; elementInstanceId: number };
}

export interface StepResult {
  state: InstanceState;
  commands: EngineCommand[];
  events: HistoryEvent[];
  /** Set when the event did not apply (stale, unknown, or invalid); state is then unchanged. */
  rejection?: { code: RejectionCode; message: string };
}

export type RejectionCode = 'stale' | 'invalid-event' | 'invalid-output' | 'not-found' | 'instance-ended' | 'engine-error';

export interface StartOptions {
  variables?: Variables;
  businessKey?: string;
  /** Start at this start event (message, timer, signal or conditional start); default: the none start event. */
  startEventId?: string;
  /** Which process of the definition to start; default: the first executable one. */
  processId?: string;
  /** The parent instance and call activity, when a call activity starts this instance. */
  calledBy?: { instanceId: string; elementInstanceId: number };
}

// ---------------------------------------------------------------------------------------------
// Compile.

export interface Problem {
  elementId?: string;
  message: string;
  severity: 'error' | 'warning';
  /** What kind of problem: `unsupported` means valid BPMN outside what the engine executes. */
  code?: ProblemCode;
}

export type ProblemCode = 'limit' | 'xml' | 'schema' | 'reference' | 'unsupported' | 'expression' | 'structure' | 'extension';

export interface CompileLimits {
  /** Default 5 MB. */
  maxBytes: number;
  /** Default 200. */
  maxDepth: number;
  /** Default 20,000. */
  maxElements: number;
}

export interface CompileOptions {
  limits?: Partial<CompileLimits>;
}
