/**
 * Typed client for the back end. Each function is one endpoint listed in apps/web/API-NEEDS.md;
 * where the server's shape differs from what a page shows, it is mapped here, in one place.
 * Nothing here invents data: a missing endpoint surfaces as ApiError.unavailable.
 */
import { ApiError, downloadUrl, request } from './http-client';
import type {
  Agency, AuditEntry, AuditQuery, CalendarSummary, CaseView, ConcludeResult, DashboardFilter, DashboardSummary, DefinitionVersion, DefinitionVersionWithXml,
  DeployRequest, DraftAction, ElementWaitStat, EscalationItem, EscalationResolution, EscalationStatusFilter, FormField, IncidentItem, JsonValue, KpiReport,
  LoginAnswer, Me, MeetingAgenda, MeetingSummary, MissFlag, NewAction, Page, Partnership, PathwaySummary, ProblemDetails, QuarterlyReturn, RepeatProposal,
  ServerPage, SimulationRequest, SimulationResult, TaskDetail, TaskQuery, TaskSummary, Template, TemplateSummary, UserAccount, ValidationResult,
} from './api.types';

const enc = encodeURIComponent;

/** The runtime's task row as `GET /api/tasks` gives it. */
interface ServerTask {
  id: number;
  elementId: string;
  name: string | null;
  status: string;
  agency: string | null;
  role: string | null;
  assignee: string | null;
  dueAt: string | null;
  createdAt: string;
  form?: FormField[];
  input?: Record<string, JsonValue> | null;
  caseId: string | null;
  caseReference: string | null;
}

function toTask(t: ServerTask): TaskSummary {
  const status: TaskSummary['status'] = t.status === 'open' ? (t.assignee ? 'claimed' : 'open') : t.status === 'completed' ? 'completed' : 'cancelled';
  return {
    id: String(t.id), name: t.name ?? t.elementId, elementId: t.elementId, caseReference: t.caseReference, caseId: t.caseId, agency: t.agency, role: t.role,
    assignee: t.assignee ? { id: t.assignee, displayName: t.assignee } : null, status, createdAt: t.createdAt, dueAt: t.dueAt,
  };
}

function toPage<T, U>(page: ServerPage<T>, map: (t: T) => U): Page<U> {
  const offset = page.offset ?? 0;
  const total = page.total ?? page.items.length;
  const next = page.next ?? (page.limit !== undefined && offset + page.items.length < total ? String(offset + page.items.length) : undefined);
  return { items: page.items.map(map), total, ...(next ? { next } : {}) };
}

/** The fields a 422 completion names, as `{ field: message }`. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || error.status !== 422) return {};
  const body = error.body as ProblemDetails | undefined;
  const out: Record<string, string> = {};
  for (const p of body?.problems ?? []) if (p.field) out[p.field] = p.message;
  return out;
}

export const api = {
  me: () => request<Me>('/api/me'),
  clock: () => request<{ now: string }>('/api/clock'),

  auth: {
    login: (email: string, password: string) => request<LoginAnswer>('/api/auth/login', { method: 'POST', json: { email, password } }),
    loginTotp: (mfaToken: string, code: string) => request<LoginAnswer>('/api/auth/login/totp', { method: 'POST', json: { mfaToken, code } }),
    enrol: () => request<{ secret: string; otpauthUri: string }>('/api/auth/totp/enrol', { method: 'POST', json: {} }),
    verify: (code: string) => request<LoginAnswer>('/api/auth/totp/verify', { method: 'POST', json: { code } }),
    logout: () => request<void>('/api/auth/logout', { method: 'POST', json: {} }),
  },

  templates: {
    list: () => request<TemplateSummary[]>('/api/templates'),
    get: (id: string) => request<Template>(`/api/templates/${enc(id)}`),
  },

  definitions: {
    /** 200 `{ problems: [] }` or 422 problem+json with `problems`: both are answers. */
    validate: (xml: string) =>
      request<ValidationResult>('/api/definitions/validate', { method: 'POST', body: xml, contentType: 'application/xml', acceptStatuses: [422] }),
    deploy: (body: DeployRequest) =>
      request<DefinitionVersion | ValidationResult>('/api/definitions/deploy', { method: 'POST', json: body, acceptStatuses: [422] }),
    versions: (key: string) => request<DefinitionVersion[]>(`/api/definitions/${enc(key)}/versions`),
    version: (key: string, version: number) => request<DefinitionVersionWithXml>(`/api/definitions/${enc(key)}/versions/${version}`),
  },

  simulations: {
    run: (body: SimulationRequest) =>
      request<SimulationResult | ValidationResult>('/api/simulations', { method: 'POST', json: body, acceptStatuses: [422] }),
  },

  tasks: {
    list: async (query: TaskQuery) =>
      toPage(await request<ServerPage<ServerTask>>('/api/tasks', { query: { queue: query.queue, status: 'open', offset: query.cursor, limit: 100 } }), toTask),
    get: async (id: string): Promise<TaskDetail> => {
      const t = await request<ServerTask>(`/api/tasks/${enc(id)}`);
      return { ...toTask(t), form: t.form ?? [], input: t.input ?? null };
    },
    claim: async (id: string) => toTask(await request<ServerTask>(`/api/tasks/${enc(id)}/claim`, { method: 'POST' })),
    handBack: async (id: string) => toTask(await request<ServerTask>(`/api/tasks/${enc(id)}/unclaim`, { method: 'POST' })),
    complete: (id: string, variables: Record<string, JsonValue>) =>
      request<unknown>(`/api/tasks/${enc(id)}/complete`, { method: 'POST', json: { variables } }),
  },

  notifications: {
    /** Server-sent events for the signed-in user. */
    streamUrl: () => downloadUrl('/api/notifications/stream'),
    unreadCount: () => request<{ count: number }>('/api/notifications/unread-count'),
    readAll: () => request<{ updated: number }>('/api/notifications/read-all', { method: 'POST', json: {} }),
  },

  cases: {
    get: (id: string) => request<CaseView>(`/api/cases/${enc(id)}`),
  },

  coordinator: {
    escalations: async (status: EscalationStatusFilter, offset = 0) =>
      toPage(await request<ServerPage<EscalationItem>>('/api/escalations', { query: { status, limit: 50, offset } }), (e) => e),
    acknowledge: (id: number) => request<EscalationItem>(`/api/escalations/${id}/acknowledge`, { method: 'POST' }),
    resolve: (id: number, body: { resolution: EscalationResolution; note?: string }) =>
      request<EscalationItem>(`/api/escalations/${id}/resolve`, { method: 'POST', json: body }),
    /** Every quarter's flags (the current quarter is reviewed first by the server). */
    flags: (quarter?: string) => request<MissFlag[]>('/api/escalations/flags', { query: { quarter } }),
    acknowledgeFlag: (id: number) => request<MissFlag>(`/api/escalations/flags/${id}/acknowledge`, { method: 'POST' }),
    proposals: async (offset = 0) =>
      toPage(await request<ServerPage<RepeatProposal>>('/api/intake/repeat-proposals', { query: { status: 'proposed', limit: 50, offset } }), (p) => p),
    decideProposal: (id: number, confirm: boolean) =>
      request<RepeatProposal & { dedupeTaskCompleted?: boolean }>(`/api/intake/repeat-proposals/${id}/${confirm ? 'confirm' : 'reject'}`, { method: 'POST' }),
    meetings: () => request<MeetingSummary[]>('/api/meetings', { query: { upcoming: 'true' } }),
    emergency: (body: { pathway: string; date: string; startTime?: string }) =>
      request<{ id: string; date: string; kind: 'emergency' }>('/api/meetings/emergency', { method: 'POST', json: body }),
    agenda: (meetingId: string) => request<MeetingAgenda>(`/api/meetings/${enc(meetingId)}/agenda`),
    addAction: (meetingId: string, action: NewAction) => request<DraftAction>(`/api/meetings/${enc(meetingId)}/actions`, { method: 'POST', json: action }),
    conclude: (meetingId: string, caseId: string, body: { riskAnalysisRecorded: boolean; nextMeetingDate?: string }) =>
      request<ConcludeResult>(`/api/meetings/${enc(meetingId)}/cases/${enc(caseId)}/conclude`, { method: 'POST', json: body }),
    pathways: () => request<{ id: string; title: string }[]>('/api/pathways'),
  },

  dashboard: {
    summary: (filter: DashboardFilter) => request<DashboardSummary>('/api/statistics/dashboard', { query: { ...filter } }),
    pathways: () => request<PathwaySummary[]>('/api/statistics/pathways'),
    waits: (pathway: string, filter: DashboardFilter) =>
      request<ElementWaitStat[]>(`/api/statistics/pathways/${enc(pathway)}/element-waits`, { query: { ...filter, pathway: undefined } }),
    csvUrl: (filter: DashboardFilter) => downloadUrl('/api/statistics/export.csv', { ...filter }),
    /** The partnership KPIs (issue 5): SafeLives measures, times, action completion, SLA breaches by agency and task. */
    kpis: (filter: DashboardFilter) => request<KpiReport>('/api/kpis', { query: { ...filter } }),
    kpiCsvUrl: (filter: DashboardFilter) => downloadUrl('/api/kpis/export.csv', { ...filter }),
    quarterlyReturn: (quarter: string) => request<QuarterlyReturn>('/api/kpis/quarterly-return', { query: { quarter } }),
    quarterlyReturnCsvUrl: (quarter: string) => downloadUrl('/api/kpis/quarterly-return.csv', { quarter }),
  },

  admin: {
    users: async () => toPage(await request<ServerPage<UserAccount>>('/api/admin/users', { query: { limit: 200 } }), (u) => u),
    agencies: () => request<Agency[]>('/api/admin/agencies'),
    partnerships: () => request<Partnership[]>('/api/admin/partnerships'),
    setRetention: (id: string, retentionMonths: number) => request<Partnership>(`/api/admin/partnerships/${enc(id)}`, { method: 'PATCH', json: { retentionMonths } }),
    calendars: () => request<CalendarSummary[]>('/api/admin/calendars'),
    incidents: async () => toPage(await request<ServerPage<IncidentItem>>('/api/incidents', { query: { status: 'open' } }), (i) => i),
    retryIncident: (id: number) => request<unknown>(`/api/incidents/${id}/retry`, { method: 'POST', json: {} }),
    queuesUrl: () => downloadUrl('/api/admin/queues'),
  },

  audit: {
    search: async (query: AuditQuery) => toPage(await request<ServerPage<AuditEntry>>('/api/audit', { query: { ...query } }), (e) => e),
    subjectAccessExportUrl: (caseReference: string, purpose: string) => downloadUrl('/api/audit/subject-access-export', { caseReference, purpose }),
  },
};

export function isValidationResult(value: unknown): value is ValidationResult {
  return !!value && typeof value === 'object' && 'problems' in value && Array.isArray((value as ValidationResult).problems);
}
