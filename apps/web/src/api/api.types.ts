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
// Coordinator (issue 5, `apps/api/src/{escalations,meetings,intake}`)

/** Who an escalation step went to (the template's chain). */
export type EscalationTarget = 'agency-spoc' | 'pathway-coordinator' | 'partnership-coordinator' | 'steering-group';

export const RESOLUTIONS = ['chased', 'reassigned', 'completed-late', 'not-possible', 'referred-to-steering-group', 'other'] as const;
export type EscalationResolution = (typeof RESOLUTIONS)[number];

/**
 * A breach or one step of an escalation chain, with its reason and time (`GET /api/escalations`).
 * The steering group and managers get `caseId`/`caseReference` null; `agency` is the agency's id.
 */
export interface EscalationItem {
  id: number;
  kind: 'breach' | 'escalation';
  taskId: number | null;
  taskName: string;
  elementId: string;
  pathway: string | null;
  caseId: string | null;
  caseReference: string | null;
  agency: string | null;
  step: number | null;
  to: string | null;
  reason: string;
  dueAt: string;
  raisedAt: string;
  /** Working days of the partnership calendar between the due time and the step. */
  workingDaysOverdue: number;
  status: 'open' | 'acknowledged' | 'resolved';
  taskStatus: string | null;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  resolution: string | null;
}

export type EscalationStatusFilter = 'open' | 'acknowledged' | 'resolved' | 'all';

/** An agency with a pattern of misses in a quarter, flagged to the steering group. */
export interface MissFlag {
  id: number;
  agencyId: string;
  quarter: string;
  misses: number;
  threshold: number;
  flaggedAt: string;
  acknowledgedAt: string | null;
}

/** A proposed repeat match (references, score and coded reasons only). */
export interface RepeatProposal {
  id: number;
  caseId: string;
  caseReference: string;
  candidateCaseId: string;
  candidateReference: string;
  score: number;
  reasons: string[];
  withinRepeatWindow: boolean;
  daysSinceLastReferral: number;
  status: 'proposed' | 'confirmed' | 'rejected';
  proposedAt?: string;
  decidedAt?: string | null;
}

export interface MeetingSummary {
  id: string;
  pathway: string;
  /** `YYYY-MM-DD` in the partnership's time zone. */
  date: string;
  startTime: string;
  kind: 'scheduled' | 'emergency';
  status: string;
  caseCount: number;
  cutOffDate: string;
  circulationDate: string;
}

export type AgendaSection =
  | 'introductions' | 'confidentiality-statement' | 'incomplete-actions' | 'children-cases' | 'adult-cases' | 'twelve-month-notices' | 'any-other-business';

export interface AgendaItem {
  position: number;
  section: AgendaSection;
  caseRef?: string;
  isRepeat?: boolean;
  transferredFrom?: string;
}

export interface AgendaCase {
  position: number;
  caseId: string;
  caseReference: string;
  hasChildren: boolean;
  repeat: boolean;
  /** SafeLives referring-agency category (e.g. `housing`), not a person. */
  referringAgency: string | null;
  /** Coded criteria: visibleHighRisk, professionalJudgement, potentialEscalation, repeat, selfHarm. */
  riskReason: string[];
  /** Why the case is on this meeting: before-cut-off, after-cut-off, meeting-full, imminent-risk, already-listed. */
  listedFor: string[];
  heard: boolean;
  transferredFrom?: string;
}

export interface IncompleteAction {
  id: string;
  caseId: string;
  caseReference: string;
  agency: string;
  dueAt: string;
  status: string;
  fromMeeting: string;
}

export interface MeetingAgenda {
  meeting: { id: string; pathway: string; date: string; startTime: string; kind: 'scheduled' | 'emergency'; status: string };
  items: AgendaItem[];
  /** Server order: cases with children first. */
  cases: AgendaCase[];
  incompleteActions: IncompleteAction[];
  twelveMonthNotices: string[];
}

export interface NewAction {
  caseId: string;
  description: string;
  /** The owner agency's id (or code). */
  agency: string;
  /** `YYYY-MM-DD`; the server's default (actionDueDefault working days after the meeting) when absent. */
  dueAt?: string;
}

/** `POST /api/meetings/:id/actions`: a draft, issued when the case is concluded. */
export interface DraftAction {
  id: string;
  agency: string;
  dueDate: string;
  status: 'draft';
}

/** `POST /api/meetings/:id/cases/:caseId/conclude`: the plan went into the instance, one task per action. */
export interface ConcludeResult {
  caseId: string;
  actions: { id: string; agency: string; dueDate: string; statusDue: string }[];
  nextMeetingDate: string;
  taskId: number;
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

/** A headline measure as `GET /api/kpis` lists it (`unit: 'fraction'` is a share 0–1). */
export interface Kpi {
  key: string;
  label: string;
  value: number | null;
  unit?: string;
}

/** `{ total, hits, rate }`: `rate` is `hits / total` (0–1), null when nothing was counted. */
export interface KpiRate {
  total: number;
  hits: number;
  rate: number | null;
}

export interface KpiStat {
  count: number;
  mean: number | null;
  median: number | null;
}

/** SafeLives' referring-agency categories. */
export type ReferringAgency =
  | 'police' | 'idva' | 'probation' | 'childrens-social-care' | 'health' | 'mental-health' | 'housing' | 'education'
  | 'adult-social-care' | 'substance-misuse' | 'voluntary-sector' | 'other';

export interface KpiSummary {
  cases: number;
  casesPer10kAdultFemales: number | null;
  repeatRate: KpiRate;
  partnerAgencyShare: KpiRate;
  referralsBySource: Partial<Record<ReferringAgency, number>>;
  diversity: { bme: KpiRate; lgbt: KpiRate; disability: KpiRate; male: KpiRate; aged16to17: KpiRate; perpetratorsUnder18: number };
  daysReferralToMeeting: KpiStat;
  hoursReferralToIdvaContact: KpiStat & { notContacted: number };
  actionCompletion: {
    total: number;
    completed: number;
    notPossibleChangeInCircumstance: number;
    agencyDidNotAct: number;
    open: number;
    completionRate: number | null;
    agencyCompletionRate: number | null;
  };
  slaBreachRate: KpiRate;
}

/** `GET /api/kpis?from&to&pathway&agency` (aggregates only). */
export interface KpiReport {
  period: { from: string | null; to: string | null };
  filter: { pathway: string | null; agency: string | null };
  asOf: string;
  /** The adult female population (only for the whole area: null when filtered by pathway or agency). */
  population: number | null;
  summary: KpiSummary;
  /** Keys of `byAgency` are agency codes (or `unrouted`), of `byTask` the tasks' element ids. */
  slaBreach: { overall: KpiRate; byAgency: Record<string, KpiRate>; byTask: Record<string, KpiRate> };
  capacity: { idvaFte: number; adminFte: number };
  kpis: Kpi[];
}

export interface QuarterlyReturnRow {
  meetingDate: string;
  casesDiscussed: number;
  repeatCases: number;
  childrenInHouseholds: number;
  referralsBy: Record<ReferringAgency, number>;
  bmeVictims: number;
  lgbtVictims: number;
  victimsWithDisability: number;
  maleVictims: number;
  victimsAged16to17: number;
  perpetratorsUnder18: number;
}

/** `GET /api/kpis/quarterly-return?quarter=` (SafeLives' dataset layout: a row per meeting and a total). */
export interface QuarterlyReturn {
  maracArea: string;
  quarter: string;
  rows: QuarterlyReturnRow[];
  total: QuarterlyReturnRow;
  casesPer10kAdultFemales: number;
  repeatRate: number | null;
  partnerAgencyReferralRate: number | null;
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
