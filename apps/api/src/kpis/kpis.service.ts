import { DomainError, ErrorCode, type PartnershipContextProvider, type RuntimeServices } from '@app/application';
import type { AuditLog } from '@app/audit';
import type { Principal } from '@app/identity';
import {
  capacityNeeded, kpisBy, kpiSummary, localDate, quarterlyReturn, quarterlyReturnCsv, quarterRange, REFERRING_AGENCIES, slaBreachRate,
  type ActionRecord, type KpiSummary, type MaracCaseRecord, type ReferringAgency, type SlaRecord,
} from '@app/pathways';
import { who } from '../pathways/pathway-support';

/**
 * Partnership KPIs (domain §2.5) over the runtime's records, aggregates only: the SafeLives
 * measures (cases per 10,000 adult females with the population a partnership setting, repeat
 * rate, referrals by source agency, partner-agency share, diversity), time from referral to
 * meeting and to IDVA contact, action completion, SLA breach rate by agency and task; by
 * pathway, agency and period; and the quarterly return in SafeLives' dataset layout. The
 * arithmetic is libs/pathways' (pure, specified against a hand-worked fixture); this class only
 * reads the records: cases with their monitoring data, the actions of meeting plans, and the
 * user tasks with their due times.
 */
export interface KpiFilter {
  from?: string;
  to?: string;
  pathway?: string;
  agency?: string;
}

/** Tasks whose completion is the first contact with the victim (the IDVA's, or the country's victim service). */
export const CONTACT_TASKS = ['ContactVictim', 'ProactiveContact', 'VictimSupportContact', 'ContactPerson'];
/** Tasks whose completion is the meeting that heard the case (when the meeting module was not used). */
const MEETING_TASKS = ['HoldMeeting', 'HoldMarak', 'HoldCaseConference'];

export class KpisService {
  constructor(
    private readonly rt: RuntimeServices,
    private readonly contexts: PartnershipContextProvider,
    private readonly audit: AuditLog,
  ) {}

  private async agencyCodes(partnershipId: string): Promise<Map<string, string>> {
    const rows = await this.rt.db.query('SELECT id, code FROM agencies WHERE partnership_id = $1', [partnershipId]);
    return new Map(rows.map((r) => [String(r.id), String(r.code)]));
  }

  /** The agency filter as an id (an agency code is accepted too). */
  private async agencyId(partnershipId: string, agency?: string): Promise<string | undefined> {
    if (!agency) return undefined;
    const r = await this.rt.db.query('SELECT id FROM agencies WHERE partnership_id = $1 AND (id = $2 OR code = $2)', [partnershipId, agency]);
    if (!r[0]) throw new DomainError(ErrorCode.InvalidInput, 'no such agency in the partnership');
    return String(r[0].id);
  }

  async population(partnershipId: string): Promise<number | undefined> {
    const s = await this.contexts.settings(partnershipId);
    const pop = s?.population ?? {};
    const v = Number(pop.adultFemales ?? pop.adultFemales16Plus ?? pop.population16PlusFemales);
    if (v > 0) return v;
    const params = await this.contexts.params(partnershipId, 'marac-safelives', this.rt.clock.now()).catch(() => ({}) as Record<string, unknown>);
    const d = Number(params.population16PlusFemales);
    return d > 0 ? d : undefined;
  }

  /** The records of a partnership (all periods; filters apply in `select`). */
  async records(partnershipId: string): Promise<{ cases: MaracCaseRecord[]; actions: ActionRecord[]; slas: SlaRecord[]; caseAgency: Map<string, string | null> }> {
    const tz = (await this.contexts.settings(partnershipId))?.timeZone ?? 'UTC';
    const codes = await this.agencyCodes(partnershipId);
    const cases = await this.rt.db.query(
      `SELECT c.id, c.pathway, c.opened_at, c.referring_agency_id, a.type AS agency_type, c.has_children,
              cm.referral_date::text AS referral_date, cm.referring_agency_kind, cm.is_repeat, cm.victim_gender, cm.victim_age_band, cm.bme, cm.lgbt, cm.disability,
              cm.perpetrators_under_18, cm.perpetrator_count, cm.children_count,
              EXISTS (SELECT 1 FROM case_links l JOIN repeat_proposals r ON r.id = l.proposal_id WHERE l.case_id = c.id AND r.case_id = c.id AND r.within_repeat_window) AS linked_repeat,
              (SELECT min(m.date)::text FROM meeting_cases mc JOIN meetings m ON m.id = mc.meeting_id WHERE mc.case_id = c.id AND mc.heard_at IS NOT NULL) AS meeting_date,
              (SELECT min(t.ended_at) FROM user_tasks t WHERE t.case_id = c.id AND t.status = 'completed' AND t.element_id = ANY($3)) AS meeting_task_at,
              (SELECT min(t.ended_at) FROM user_tasks t JOIN instance_events e ON e.instance_id = t.instance_id AND e.event->>'type' = 'task-completed'
                  AND (e.event->>'elementInstanceId')::int = t.element_instance_id
                WHERE t.case_id = c.id AND t.status = 'completed' AND t.element_id = ANY($2)
                  AND COALESCE(e.event->'variables'->>'contactMade', CASE WHEN e.event->'variables'->>'contactOutcome' = 'reached' THEN 'true' END) = 'true') AS contact_at
         FROM cases c LEFT JOIN case_monitoring cm ON cm.case_id = c.id LEFT JOIN agencies a ON a.id = c.referring_agency_id
        WHERE c.partnership_id = $1`,
      [partnershipId, CONTACT_TASKS, MEETING_TASKS],
    );
    const kinds = new Set<string>(REFERRING_AGENCIES);
    const fromType = (t: unknown): ReferringAgency => {
      switch (t) {
        case 'police': return 'police';
        case 'idva': return 'idva';
        case 'children-social-work': return 'childrens-social-care';
        case 'health': return 'health';
        case 'housing': return 'housing';
        case 'ngo-refuge': return 'voluntary-sector';
        case 'probation': return 'probation';
        default: return 'other';
      }
    };
    const caseAgency = new Map<string, string | null>();
    const caseRecords: MaracCaseRecord[] = cases.map((r) => {
      const received = r.opened_at as Date;
      const kind = r.referring_agency_kind && kinds.has(String(r.referring_agency_kind)) ? (String(r.referring_agency_kind) as ReferringAgency) : fromType(r.agency_type);
      const under18 = Number(r.perpetrators_under_18 ?? 0);
      const perps = Math.max(Number(r.perpetrator_count ?? 0), under18);
      caseAgency.set(String(r.id), r.referring_agency_id ? (codes.get(String(r.referring_agency_id)) ?? String(r.referring_agency_id)) : null);
      return {
        caseId: String(r.id), pathway: String(r.pathway), maracArea: partnershipId,
        referralDate: (r.referral_date as string | null) ?? localDate(received, tz), receivedAt: received.toISOString(), referringAgency: kind,
        isRepeat: Boolean(r.is_repeat) || Boolean(r.linked_repeat),
        ...(r.meeting_date ? { meetingDate: String(r.meeting_date) } : r.meeting_task_at ? { meetingDate: localDate(r.meeting_task_at as Date, tz) } : {}),
        ...(r.contact_at ? { idvaFirstContactAt: (r.contact_at as Date).toISOString() } : {}),
        victim: {
          gender: (r.victim_gender as MaracCaseRecord['victim']['gender'] | null) ?? 'unknown',
          ...(r.victim_age_band === '16-17' ? { age: 17 } : r.victim_age_band ? { age: 30 } : {}),
          ...(r.bme !== null && r.bme !== undefined ? { bme: Boolean(r.bme) } : {}),
          ...(r.lgbt !== null && r.lgbt !== undefined ? { lgbt: Boolean(r.lgbt) } : {}),
          ...(r.disability !== null && r.disability !== undefined ? { disability: Boolean(r.disability) } : {}),
        },
        perpetratorAges: Array.from({ length: perps }, (_, i) => (i < under18 ? 17 : null)),
        childrenInHousehold: r.children_count !== null && r.children_count !== undefined ? Number(r.children_count) : r.has_children ? 1 : 0,
      };
    });
    const actions = await this.rt.db.query(
      `SELECT a.id, a.case_id, m.pathway, a.agency_id, a.due_date::text AS due_date, a.outcome FROM meeting_actions a JOIN meetings m ON m.id = a.meeting_id
        WHERE a.partnership_id = $1 AND a.status = 'issued'`,
      [partnershipId],
    );
    const actionRecords: ActionRecord[] = actions.map((a) => ({
      actionId: String(a.id), caseId: String(a.case_id), pathway: String(a.pathway), agency: codes.get(String(a.agency_id)) ?? String(a.agency_id), dueDate: String(a.due_date), outcome: a.outcome as ActionRecord['outcome'],
    }));
    const tasks = await this.rt.db.query(
      `SELECT t.id, i.process_id, t.element_id, t.agency_id, t.due_at, t.status, t.ended_at FROM user_tasks t JOIN instances i ON i.id = t.instance_id
        WHERE t.partnership_id = $1 AND t.due_at IS NOT NULL AND t.status <> 'cancelled'`,
      [partnershipId],
    );
    const slas: SlaRecord[] = tasks.map((t) => ({
      taskId: String(t.id), pathway: String(t.process_id), task: String(t.element_id), agency: t.agency_id ? (codes.get(String(t.agency_id)) ?? String(t.agency_id)) : 'unrouted',
      dueAt: (t.due_at as Date).toISOString(), completedAt: t.status === 'completed' && t.ended_at ? (t.ended_at as Date).toISOString() : null,
    }));
    return { cases: caseRecords, actions: actionRecords, slas, caseAgency };
  }

  /** The records within the filter: cases by referral date, actions by due date, SLAs by due time. */
  async select(p: Principal, f: KpiFilter) {
    if (f.from && f.to && f.to < f.from) throw new DomainError(ErrorCode.InvalidInput, 'to is before from');
    const r = await this.records(p.partnershipId);
    const agencyId = await this.agencyId(p.partnershipId, f.agency);
    const code = agencyId ? (await this.agencyCodes(p.partnershipId)).get(agencyId) : undefined;
    const inRange = (d: string) => (!f.from || d.slice(0, 10) >= f.from) && (!f.to || d.slice(0, 10) <= f.to);
    const cases = r.cases.filter((c) => inRange(c.referralDate) && (!f.pathway || c.pathway === f.pathway) && (!code || r.caseAgency.get(c.caseId) === code));
    const actions = r.actions.filter((a) => inRange(a.dueDate) && (!f.pathway || a.pathway === f.pathway) && (!code || a.agency === code));
    const slas = r.slas.filter((s) => inRange(s.dueAt) && (!f.pathway || s.pathway === f.pathway) && (!code || s.agency === code));
    return { cases, actions, slas };
  }

  async summary(p: Principal, f: KpiFilter) {
    const { cases, actions, slas } = await this.select(p, f);
    const asOf = this.rt.clock.now().toISOString();
    const population = f.agency || f.pathway ? undefined : await this.population(p.partnershipId);
    const summary = kpiSummary({ cases, actions, slas, asOf, ...(population ? { adultFemalePopulation: population } : {}) });
    const breach = slaBreachRate(slas, asOf);
    const days = f.from && f.to ? (Date.parse(f.to) - Date.parse(f.from)) / 86_400_000 + 1 : 365;
    await this.audit.record({ who: who(p), action: 'kpi.read', outcome: 'allowed', detail: { ...f, cases: cases.length } });
    return {
      period: { from: f.from ?? null, to: f.to ?? null }, filter: { pathway: f.pathway ?? null, agency: f.agency ?? null }, asOf,
      population: population ?? null, summary, slaBreach: breach, capacity: capacityNeeded((cases.length * 365) / Math.max(1, days)),
      kpis: kpiList(summary),
    };
  }

  async by(p: Principal, dimension: 'pathway' | 'agency' | 'period', f: KpiFilter): Promise<Record<string, KpiSummary>> {
    const { cases, actions, slas } = await this.select(p, f);
    await this.audit.record({ who: who(p), action: 'kpi.read', outcome: 'allowed', detail: { ...f, by: dimension } });
    return kpisBy(dimension, { cases, actions, slas, asOf: this.rt.clock.now().toISOString() });
  }

  async quarterly(p: Principal, quarter: string) {
    quarterRange(quarter);
    const population = await this.population(p.partnershipId);
    if (!population) throw new DomainError(ErrorCode.Conflict, 'set the partnership\'s adult female population (population.adultFemales) for the quarterly return');
    const { cases } = await this.records(p.partnershipId);
    const r = quarterlyReturn(cases, p.partnershipId, quarter, population);
    await this.audit.record({ who: who(p), action: 'kpi.quarterly-return', outcome: 'allowed', detail: { quarter, cases: r.total.casesDiscussed } });
    return { ret: r, csv: quarterlyReturnCsv(r) };
  }

  /** The KPIs as CSV: one line per dimension value and measure. */
  async exportCsv(p: Principal, f: KpiFilter): Promise<string> {
    const lines = ['dimension,key,measure,value'];
    const s = await this.summary(p, f);
    for (const k of s.kpis) lines.push(['all', 'all', k.key, k.value ?? ''].join(','));
    for (const dim of ['pathway', 'agency', 'period'] as const) {
      const by = await this.by(p, dim, f);
      for (const [key, v] of Object.entries(by)) for (const k of kpiList(v)) lines.push([dim, csvCell(key), k.key, k.value ?? ''].join(','));
    }
    return `${lines.join('\n')}\n`;
  }
}

function csvCell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const round = (x: number | null, d = 3) => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);

/** The headline measures as the dashboard shows them (`{ key, label, value, unit }`). */
export function kpiList(s: KpiSummary): { key: string; label: string; value: number | null; unit?: string }[] {
  return [
    { key: 'cases', label: 'Cases', value: s.cases },
    { key: 'casesPer10kAdultFemales', label: 'Cases per 10,000 adult females', value: round(s.casesPer10kAdultFemales, 2) },
    { key: 'repeatRate', label: 'Repeat rate', value: round(s.repeatRate.rate), unit: 'fraction' },
    { key: 'partnerAgencyShare', label: 'Referrals from partner agencies (not police)', value: round(s.partnerAgencyShare.rate), unit: 'fraction' },
    { key: 'bme', label: 'Black, Asian or racially minoritised victims', value: round(s.diversity.bme.rate), unit: 'fraction' },
    { key: 'lgbt', label: 'LGBT+ victims', value: round(s.diversity.lgbt.rate), unit: 'fraction' },
    { key: 'disability', label: 'Victims with a disability', value: round(s.diversity.disability.rate), unit: 'fraction' },
    { key: 'male', label: 'Male victims', value: round(s.diversity.male.rate), unit: 'fraction' },
    { key: 'aged16to17', label: 'Victims aged 16–17', value: round(s.diversity.aged16to17.rate), unit: 'fraction' },
    { key: 'perpetratorsUnder18', label: 'Perpetrators under 18', value: s.diversity.perpetratorsUnder18 },
    { key: 'daysReferralToMeetingMedian', label: 'Referral to meeting (median)', value: round(s.daysReferralToMeeting.median, 1), unit: 'days' },
    { key: 'hoursReferralToIdvaContactMedian', label: 'Referral to IDVA contact (median)', value: round(s.hoursReferralToIdvaContact.median, 1), unit: 'hours' },
    { key: 'notContacted', label: 'Victims not (yet) contacted', value: s.hoursReferralToIdvaContact.notContacted },
    { key: 'actionCompletionRate', label: 'Action completion rate', value: round(s.actionCompletion.completionRate), unit: 'fraction' },
    { key: 'agencyCompletionRate', label: 'Action completion (not-possible left out)', value: round(s.actionCompletion.agencyCompletionRate), unit: 'fraction' },
    { key: 'slaBreachRate', label: 'SLA breach rate', value: round(s.slaBreachRate.rate), unit: 'fraction' },
  ];
}
