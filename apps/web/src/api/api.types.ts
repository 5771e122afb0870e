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

/** A 422 problem+json answer: the compile problems, or the fields a completion got wrong. */
export interface ProblemDetails {
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  problems?: (Problem & { field?: string })[];
}

export interface TemplateSummary {
  /** File name without `.bpmn`. */
  id: string;
  name: string;
  description?: string;
  /** The main process id (the key a deployment gets). */
  processId?: string;
}

export interface Template extends TemplateSummary {
  xml: string;
}

export interface DefinitionVersion {
  id?: number;
  key: string;
  version: number;
  name?: string | null;
  note?: string | null;
  deployedBy?: string;
  deployedAt: string;
  hash?: string;
  /** Only on a deploy's answer: false when the model was unchanged (nothing deployed). */
  created?: boolean;
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
  openTasks?: { elementId: string; name?: string; agency?: string; dueAt?: string }[];
  incidents?: { elementId?: string; message?: string }[];
  steps?: number;
  truncated?: boolean;
  assumedCalendars?: string[];
}

// ---------------------------------------------------------------------------------------------
// Identity (issue 4)

export type Role =
  | 'partnership-coordinator' | 'marac-coordinator' | 'marac-chair' | 'agency-spoc' | 'agency-worker' | 'idva'
  | 'manager' | 'steering-group' | 'dpo' | 'administrator';

export interface Me {
  id: string;
  displayName: string;
  partnership: { id: string; name: string };
  agency: { id: string; name: string; type?: string } | null;
  roles: Role[];
  mfa?: boolean;
  /** The roles need a second factor that is not enrolled yet. */
  mfaEnrolmentRequired?: boolean;
}

/** `POST /api/auth/login`: tokens (set as cookies too), or a second-factor challenge. */
export type LoginAnswer =
  | { mfaRequired: true; mfaToken: string }
  | { mfaRequired?: false; accessToken: string; expiresIn: number; mfaEnrolmentRequired?: boolean };

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
  pathway?: string;
  /** Non-personal case reference, e.g. `MARAC-2026-0142`. */
  caseReference: string | null;
  caseId: string | null;
  agency: string | null;
  role?: string | null;
  assignee: { id: string; displayName: string } | null;
  status: 'open' | 'claimed' | 'completed' | 'cancelled';
  createdAt: string;
  dueAt?: string | null;
}

export interface TaskDetail extends TaskSummary {
  form: FormField[];
  /** Task-local input, already filtered by the access layer to the task's data scopes. */
  input?: Record<string, JsonValue> | null;
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
  link?: string;
  caseReference?: string;
  dueAt?: string;
  at: string;
}

// ---------------------------------------------------------------------------------------------
// Case view (issue 4)

export interface CaseTimelineEntry {
  at: string;
  elementId: string;
  elementName?: string;
  transition: Transition;
  actor?: string | null;
  agency?: string | null;
  detail?: string | null;
}

export interface CaseAction {
  id: string | number;
  description: string;
  elementId?: string;
  /** The owning agency (its id as the API gives it). */
  agency: string | null;
  owner?: string | null;
  dueAt?: string | null;
  status: 'open' | 'done' | 'not-possible' | 'not-acted' | 'cancelled';
}

export interface CaseView {
  id: string;
  reference: string;
  pathway: string;
  status: string;
  openedAt: string;
  closedAt?: string | null;
  hasChildren?: boolean;
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

/** `GET /api/statistics/dashboard` (issue 6). */
export interface DashboardSummary {
  at: string;
  periodUnit: 'week' | 'month';
  workload: { agencyId: string; agency: string; open: number; overdue: number }[];
  breachRate: { period: string; due: number; breached: number; rate: number }[];
  breachByAgency: { agencyId: string; agency: string; due: number; breached: number; rate: number }[];
  completion: { elementId: string; name: string; count: number; p50Hours: number; p90Hours: number }[];
}

/** Partnership figures: issue 5's KPIs when served, else the case counts of `GET /api/dashboard/summary`. */
export interface Kpi {
  key: string;
  label: string;
  value: number;
  unit?: string;
}

export interface PathwaySummary {
  key: string;
  name: string;
  latestVersion: number;
}

export interface ElementWaitStat {
  elementId: string;
  count: number;
  completed: number;
  open: number;
  meanWaitHours: number | null;
  p50WaitHours: number | null;
  p90WaitHours: number | null;
  oldestOpenHours: number | null;
}

// ---------------------------------------------------------------------------------------------
// Administration (issues 3 and 4)

export interface UserAccount {
  id: string;
  displayName: string;
  email: string;
  agencyId: string | null;
  roles: Role[];
  status: 'active' | 'disabled';
}

export interface Agency {
  id: string;
  code?: string;
  name: string;
  kind: string;
  spoc?: string;
  status?: string;
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
  holidays: unknown[];
}

export interface IncidentItem {
  id: number;
  instanceId: number;
  elementId: string;
  kind: string;
  message: string;
  status: string;
  createdAt: string;
}

// ---------------------------------------------------------------------------------------------
// Audit (issue 4)

export interface AuditQuery {
  user?: string;
  caseReference?: string;
  action?: string;
  outcome?: 'allowed' | 'denied';
  from?: string;
  to?: string;
  cursor?: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  user: string | null;
  role: string;
  agency: string | null;
  action: string;
  caseReference?: string | null;
  target?: string | null;
  reason?: string | null;
  outcome: 'allowed' | 'denied';
}

/** The server's list pages: `{ items, total, limit, offset }` (offset paging) or `{ items, next }` (cursor). */
export interface ServerPage<T> {
  items: T[];
  total?: number;
  limit?: number;
  offset?: number;
  next?: string;
}
