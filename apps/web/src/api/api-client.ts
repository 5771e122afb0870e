/**
 * Typed client for the back end. Each function is one endpoint listed in apps/web/API-NEEDS.md;
 * nothing here invents data: a missing endpoint surfaces as ApiError.unavailable.
 */
import { downloadUrl, request } from './http-client';
import type {
  Agency, AuditEntry, AuditQuery, CalendarSummary, CaseView, DashboardFilter, DashboardSummary,
  DefinitionVersion, DefinitionVersionWithXml, DeployRequest, ElementWaitStat, EscalationItem,
  IncidentItem, JsonValue, Me, MeetingAgenda, MeetingSummary, NewAction, Page, Partnership, SimulationRequest,
  SimulationResult, TaskDetail, TaskQuery, TaskSummary, Template, TemplateSummary, UserAccount, ValidationResult,
} from './api.types';

const enc = encodeURIComponent;

export const api = {
  me: () => request<Me>('/api/me'),

  templates: {
    list: () => request<TemplateSummary[]>('/api/templates'),
    get: (id: string) => request<Template>(`/api/templates/${enc(id)}`),
  },

  definitions: {
    /** 200 `{ problems: [] }` or 422 `{ problems: [...] }`: both are answers. */
    validate: (xml: string) =>
      request<ValidationResult>('/api/definitions/validate', { method: 'POST', body: xml, contentType: 'application/xml', acceptStatuses: [422] }),
    deploy: (body: DeployRequest) =>
      request<DefinitionVersion | ValidationResult>('/api/definitions', { method: 'POST', json: body, acceptStatuses: [422] }),
    versions: (key: string) => request<DefinitionVersion[]>(`/api/definitions/${enc(key)}/versions`),
    version: (key: string, version: number) => request<DefinitionVersionWithXml>(`/api/definitions/${enc(key)}/versions/${version}`),
  },

  simulations: {
    run: (body: SimulationRequest) =>
      request<SimulationResult | ValidationResult>('/api/simulations', { method: 'POST', json: body, acceptStatuses: [422] }),
  },

  tasks: {
    list: (query: TaskQuery) => request<Page<TaskSummary>>('/api/tasks', { query: { queue: query.queue, cursor: query.cursor } }),
    get: (id: string) => request<TaskDetail>(`/api/tasks/${enc(id)}`),
    claim: (id: string) => request<TaskSummary>(`/api/tasks/${enc(id)}/claim`, { method: 'POST' }),
    handBack: (id: string) => request<TaskSummary>(`/api/tasks/${enc(id)}/unclaim`, { method: 'POST' }),
    complete: (id: string, variables: Record<string, JsonValue>) =>
      request<void>(`/api/tasks/${enc(id)}/complete`, { method: 'POST', json: { variables } }),
  },

  /** Server-sent events for the signed-in user. */
  notificationStreamUrl: () => downloadUrl('/api/notifications/stream'),

  cases: {
    get: (id: string) => request<CaseView>(`/api/cases/${enc(id)}`),
  },

  coordinator: {
    escalations: (status: 'open' | 'acknowledged' | 'resolved' = 'open') =>
      request<Page<EscalationItem>>('/api/escalations', { query: { status } }),
    acknowledge: (id: string) => request<EscalationItem>(`/api/escalations/${enc(id)}/acknowledge`, { method: 'POST' }),
    resolve: (id: string, note: string) => request<EscalationItem>(`/api/escalations/${enc(id)}/resolve`, { method: 'POST', json: { note } }),
    meetings: () => request<MeetingSummary[]>('/api/meetings', { query: { upcoming: 'true' } }),
    agenda: (meetingId: string) => request<MeetingAgenda>(`/api/meetings/${enc(meetingId)}/agenda`),
    addAction: (meetingId: string, action: NewAction) =>
      request<{ id: string }>(`/api/meetings/${enc(meetingId)}/actions`, { method: 'POST', json: action }),
  },

  dashboard: {
    summary: (filter: DashboardFilter) => request<DashboardSummary>('/api/dashboard/summary', { query: { ...filter } }),
    waits: (pathway: string, filter: DashboardFilter) =>
      request<ElementWaitStat[]>(`/api/pathways/${enc(pathway)}/element-waits`, { query: { ...filter } }),
    csvUrl: (filter: DashboardFilter) => downloadUrl('/api/dashboard/export.csv', { ...filter }),
  },

  admin: {
    users: () => request<Page<UserAccount>>('/api/admin/users'),
    agencies: () => request<Agency[]>('/api/admin/agencies'),
    partnerships: () => request<Partnership[]>('/api/admin/partnerships'),
    calendars: () => request<CalendarSummary[]>('/api/admin/calendars'),
    incidents: () => request<Page<IncidentItem>>('/api/incidents'),
    retryIncident: (id: string) => request<void>(`/api/incidents/${enc(id)}/retry`, { method: 'POST' }),
    queuesUrl: () => downloadUrl('/api/admin/queues'),
  },

  audit: {
    search: (query: AuditQuery) => request<Page<AuditEntry>>('/api/audit', { query: { ...query } }),
    subjectAccessExportUrl: (caseReference: string) => downloadUrl('/api/audit/subject-access-export', { caseReference }),
  },
};

export function isValidationResult(value: unknown): value is ValidationResult {
  return !!value && typeof value === 'object' && 'problems' in value && Array.isArray((value as ValidationResult).problems);
}
