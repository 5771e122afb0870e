/**
 * Shapes of the HTTP API the web app talks to. Where the engine contract already defines a shape
 * (form fields, history transitions, problems) it is mirrored here, because apps/web is built
 * separately from the Node tsconfig. API-NEEDS.md lists the endpoints these belong to.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Mirrors `Problem` in libs/engine/src/contract.types.ts. */
export interface Problem {
  elementId?: string;
  message: string;
  severity?: 'error' | 'warning';
}

export interface ValidationResult {
  problems: Problem[];
}

export interface TemplateSummary {
  /** File name without `.bpmn` = process id. */
  id: string;
  name: string;
  description?: string;
}

export interface Template extends TemplateSummary {
  xml: string;
}

export interface DefinitionVersion {
  key: string;
  version: number;
  note?: string;
  deployedBy?: string;
  deployedAt: string;
  hash?: string;
}

export interface DefinitionVersionWithXml extends DefinitionVersion {
  xml: string;
}

export interface DeployRequest {
  xml: string;
  note: string;
}

/** Mirrors `Transition` in libs/engine/src/contract.types.ts. */
export type Transition =
  | 'activated' | 'completed' | 'terminated' | 'taken' | 'triggered' | 'incident' | 'incident-resolved'
  | 'sla-reminder' | 'sla-breach' | 'sla-escalation';

export interface TraceEntry {
  elementId: string;
  transition: Transition;
  at: string;
  detail?: string;
}

export interface SimulationRequest {
  xml: string;
  /** Non-personal decision data only (scores, flags, dates). */
  variables?: Record<string, JsonValue>;
}

export interface SimulationResult {
  status: 'completed' | 'waiting' | 'incident' | 'terminated';
  trace: TraceEntry[];
}

// ---------------------------------------------------------------------------------------------
// Identity (issue 4)

export type Role =
  | 'partnership-coordinator' | 'marac-coordinator' | 'marac-chair' | 'agency-spoc' | 'agency-worker' | 'idva'
  | 'manager' | 'steering-group' | 'dpo' | 'admin';

export interface Me {
  id: string;
  displayName: string;
  partnership: { id: string; name: string };
  agency: { id: string; name: string } | null;
  roles: Role[];
}

// ---------------------------------------------------------------------------------------------
// Inbox and tasks (issues 3 and 4)

/** Mirrors `FormField` in libs/engine/src/contract.types.ts. */
export interface FormField {
  name: string;
  type: 'string' | 'text' | 'number' | 'integer' | 'boolean' | 'date' | 'enum' | 'list';
  required: boolean;
  scope?: string;
  label?: string;
  options?: string[];
}

export interface TaskSummary {
  id: string;
  name: string;
  elementId: string;
  pathway: string;
  /** Non-personal case reference, e.g. `MARAC-2026-0142`. */
  caseReference: string;
  caseId: string;
  agency: string;
  role?: string;
  assignee: { id: string; displayName: string } | null;
  status: 'open' | 'claimed' | 'completed' | 'cancelled';
  createdAt: string;
  dueAt?: string;
}

export interface TaskDetail extends TaskSummary {
  form: FormField[];
  /** Task-local input, already filtered by the access layer to the task's data scopes. */
  input?: Record<string, JsonValue>;
}

export interface Page<T> {
  items: T[];
  total: number;
  /** Opaque cursor for the next page, absent on the last page. */
  next?: string;
}

export interface TaskQuery {
  queue: 'agency' | 'mine';
  cursor?: string;
}

/** An event on the user's live stream (`GET /api/notifications/stream`, server-sent events). */
export interface LiveNotification {
  id: string;
  kind: 'task-created' | 'task-reminder' | 'task-breached' | 'task-escalated' | 'task-reassigned';
  taskId?: string;
  /** A short text with no personal data. */
  text: string;
  at: string;
}

// ---------------------------------------------------------------------------------------------
// Case view (issue 4)

export interface CaseTimelineEntry {
  at: string;
  elementId: string;
  elementName?: string;
  transition: Transition;
  actor?: string;
  agency?: string;
  detail?: string;
}

export interface CaseAction {
  id: string;
  description: string;
  agency: string;
  owner?: string;
  dueAt?: string;
  status: 'open' | 'done' | 'not-possible' | 'not-acted';
}

export interface CaseView {
  id: string;
  reference: string;
  pathway: string;
  status: 'open' | 'closed';
  openedAt: string;
  /** Fields by data scope; only the scopes the user's role and tasks may see are present. */
  fields: Record<string, Record<string, JsonValue>>;
  /** Scopes present in the case but withheld from this user (names only). */
  withheldScopes: string[];
  actions: CaseAction[];
  timeline: CaseTimelineEntry[];
}

// ---------------------------------------------------------------------------------------------
// Coordinator (issue 5)

export interface EscalationItem {
  id: string;
  taskId: string;
  taskName: string;
  caseReference: string;
  agency: string;
  step: number;
  to: string;
  reason: string;
  raisedAt: string;
  status: 'open' | 'acknowledged' | 'resolved';
}

export interface MeetingSummary {
  id: string;
  date: string;
  kind: 'scheduled' | 'emergency';
}

export interface AgendaCase {
  caseId: string;
  caseReference: string;
  hasChildren: boolean;
  repeat: boolean;
  referringAgency: string;
  riskReason: string;
}

export interface MeetingAgenda {
  meeting: MeetingSummary;
  /** Server order: cases with children first. */
  cases: AgendaCase[];
  incompleteActions: CaseAction[];
}

export interface NewAction {
  caseId: string;
  description: string;
  agency: string;
  dueAt: string;
}

// ---------------------------------------------------------------------------------------------
// Manager dashboard (issue 5 and issue 6's statistics)

export interface DashboardFilter {
  from: string;
  to: string;
  pathway?: string;
  agency?: string;
}

export interface DashboardSummary {
  workload: { agency: string; open: number; overdue: number }[];
  breachRate: { period: string; rate: number }[];
  completion: { elementId: string; name: string; p50Hours: number; p90Hours: number }[];
  kpis: { key: string; label: string; value: number; unit?: string }[];
}

export interface ElementWaitStat {
  elementId: string;
  count: number;
  meanWaitHours: number;
  p90WaitHours: number;
}

// ---------------------------------------------------------------------------------------------
// Administration (issues 3 and 4)

export interface UserAccount {
  id: string;
  displayName: string;
  email: string;
  agency: string | null;
  roles: Role[];
  disabled: boolean;
}

export interface Agency {
  id: string;
  name: string;
  kind: string;
  spoc?: string;
}

export interface Partnership {
  id: string;
  name: string;
  timeZone: string;
  retentionMonths: number;
}

export interface CalendarSummary {
  name: string;
  timeZone: string;
  country?: string;
  holidays: number;
}

export interface IncidentItem {
  id: string;
  instanceId: string;
  elementId: string;
  kind: string;
  message: string;
  at: string;
}

// ---------------------------------------------------------------------------------------------
// Audit (issue 4)

export interface AuditQuery {
  user?: string;
  caseReference?: string;
  action?: string;
  from?: string;
  to?: string;
  cursor?: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  user: string;
  role: string;
  agency: string | null;
  action: string;
  caseReference?: string;
  reason?: string;
  outcome: 'allowed' | 'denied';
}
