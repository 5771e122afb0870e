import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../../actor';
import { DomainError, ErrorCode } from '../../errors/domain.error';
import { RUNTIME, type RuntimeServices } from '../../runtime/runtime-services';

/** Period, pathway and agency of a dashboard query (dates are whole days; `to` is included). */
export interface StatisticsFilter {
  from: string;
  to: string;
  pathway?: string;
  agency?: string;
}

export interface WorkloadRow {
  agencyId: string;
  agency: string;
  open: number;
  overdue: number;
}

export interface BreachRow {
  period: string;
  due: number;
  breached: number;
  rate: number;
}

export interface CompletionRow {
  elementId: string;
  name: string;
  count: number;
  p50Hours: number;
  p90Hours: number;
}

export interface DashboardStatistics {
  filter: StatisticsFilter;
  /** When the figures were taken, on the server's clock. */
  at: string;
  /** `week` or `month`: the breach rate's periods. */
  periodUnit: 'week' | 'month';
  workload: WorkloadRow[];
  breachRate: BreachRow[];
  breachByAgency: { agencyId: string; agency: string; due: number; breached: number; rate: number }[];
  /** Time from a task's creation to its completion, per task and for all tasks (`elementId` '*'). */
  completion: CompletionRow[];
}

export interface ElementWait {
  elementId: string;
  /** Element activations in the period. */
  count: number;
  completed: number;
  /** Still waiting now. */
  open: number;
  meanWaitHours: number | null;
  p50WaitHours: number | null;
  p90WaitHours: number | null;
  /** How long the oldest open one has waited so far. */
  oldestOpenHours: number | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 3 * 366;

interface Range {
  from: Date;
  /** Exclusive. */
  to: Date;
  days: number;
}

function range(f: StatisticsFilter): Range {
  if (!DAY.test(f.from) || !DAY.test(f.to)) throw new DomainError(ErrorCode.InvalidInput, 'from and to are dates (YYYY-MM-DD)');
  const from = new Date(`${f.from}T00:00:00Z`);
  const to = new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 86_400_000);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || to <= from) throw new DomainError(ErrorCode.InvalidInput, 'from must be on or before to');
  const days = Math.round((to.getTime() - from.getTime()) / 86_400_000);
  if (days > MAX_DAYS) throw new DomainError(ErrorCode.InvalidInput, 'a period of at most three years');
  return { from, to, days };
}

const hours = (v: unknown): number | null => (v === null || v === undefined ? null : Math.round((Number(v) / 3600) * 100) / 100);
const num = (v: unknown): number => Number(v ?? 0);

/**
 * Aggregates for the manager dashboard and the heat-map, from the runtime's tables: user tasks
 * (open, overdue, breaches by due time, time to complete) and the history (time between an
 * element's activation and its completion). Counts and durations only: no case, no person.
 */
@Injectable()
export class PathwayStatisticsUseCase {
  constructor(@Inject(RUNTIME) private readonly rt: RuntimeServices) {}

  /** The task filter shared by the queries: `$1` partnership, then pathway and agency when given. */
  private taskFilter(actor: Actor, f: StatisticsFilter, values: unknown[], alias = 't'): string {
    values.push(actor.partnershipId);
    const where = [`${alias}.partnership_id = $${values.length}`];
    if (f.pathway) {
      values.push(f.pathway);
      where.push(`${alias}.instance_id IN (SELECT i.id FROM instances i JOIN definitions d ON d.id = i.definition_id WHERE d.key = $${values.length} AND i.partnership_id = $1)`);
    }
    if (f.agency) {
      values.push(f.agency);
      where.push(`${alias}.agency_id = $${values.length}`);
    }
    return where.join(' AND ');
  }

  async dashboard(actor: Actor, f: StatisticsFilter): Promise<DashboardStatistics> {
    const r = range(f);
    const now = this.rt.clock.now();
    const unit: 'week' | 'month' = r.days <= 120 ? 'week' : 'month';
    const [tzRow] = await this.rt.db.query('SELECT time_zone FROM partnerships WHERE id = $1', [actor.partnershipId]);
    const tz = String(tzRow?.time_zone ?? 'UTC');

    const wv: unknown[] = [];
    const wf = this.taskFilter(actor, f, wv);
    wv.push(now);
    const nowP = `$${wv.length}`;
    const workload = await this.rt.db.query(
      `SELECT a.id, a.name, count(t.id) FILTER (WHERE t.status = 'open') AS open, count(t.id) FILTER (WHERE t.status = 'open' AND t.due_at < ${nowP}) AS overdue
       FROM agencies a LEFT JOIN user_tasks t ON t.agency_id = a.id AND ${wf}
       WHERE a.partnership_id = $1 ${f.agency ? `AND a.id = $${wv.indexOf(f.agency) + 1}` : ''}
       GROUP BY a.id, a.name ORDER BY a.name`,
      wv,
    );

    // A task that fell due in the period breached when it ended after its due time, or is still open past it.
    const bv: unknown[] = [];
    const bf = this.taskFilter(actor, f, bv);
    bv.push(r.from, r.to, now, tz, unit);
    const [fromP, toP, nowB, tzP, unitP] = [bv.length - 4, bv.length - 3, bv.length - 2, bv.length - 1, bv.length].map((n) => `$${n}`);
    const fallenDue = `${bf} AND t.due_at IS NOT NULL AND t.due_at >= ${fromP} AND t.due_at < ${toP} AND t.due_at <= ${nowB}
      AND NOT (t.status = 'cancelled' AND t.ended_at <= t.due_at)`;
    const breached = `((t.ended_at IS NOT NULL AND t.ended_at > t.due_at) OR (t.ended_at IS NULL AND t.status = 'open'))`;
    const breaches = await this.rt.db.query(
      `SELECT to_char(date_trunc(${unitP}::text, t.due_at AT TIME ZONE ${tzP}::text), 'YYYY-MM-DD') AS period, count(*) AS due, count(*) FILTER (WHERE ${breached}) AS breached
       FROM user_tasks t WHERE ${fallenDue} GROUP BY 1 ORDER BY 1`,
      bv,
    );
    const byAgency = await this.rt.db.query(
      `SELECT t.agency_id, COALESCE(a.name, t.agency, '(not routed)') AS name, count(*) AS due, count(*) FILTER (WHERE ${breached}) AS breached
       FROM user_tasks t LEFT JOIN agencies a ON a.id = t.agency_id WHERE ${fallenDue} AND ${unitP}::text IS NOT NULL AND ${tzP}::text IS NOT NULL
       GROUP BY 1, 2 ORDER BY 2`,
      bv,
    );

    const cv: unknown[] = [];
    const cf = this.taskFilter(actor, f, cv);
    cv.push(r.from, r.to);
    const secs = `extract(epoch FROM t.ended_at - t.created_at)`;
    const completion = await this.rt.db.query(
      `SELECT COALESCE(t.element_id, '*') AS element_id, COALESCE(max(t.name), max(t.element_id), 'All tasks') AS name, count(*) AS n,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ${secs}) AS p50, percentile_cont(0.9) WITHIN GROUP (ORDER BY ${secs}) AS p90
       FROM user_tasks t WHERE ${cf} AND t.status = 'completed' AND t.ended_at >= $${cv.length - 1} AND t.ended_at < $${cv.length}
       GROUP BY GROUPING SETS ((t.element_id), ()) ORDER BY (t.element_id IS NULL) DESC, p90 DESC NULLS LAST`,
      cv,
    );

    return {
      filter: f,
      at: now.toISOString(),
      periodUnit: unit,
      workload: workload.map((w) => ({ agencyId: String(w.id), agency: String(w.name), open: num(w.open), overdue: num(w.overdue) })),
      breachRate: breaches.map((b) => ({ period: String(b.period), due: num(b.due), breached: num(b.breached), rate: num(b.due) ? num(b.breached) / num(b.due) : 0 })),
      breachByAgency: byAgency.map((b) => ({ agencyId: String(b.agency_id ?? ''), agency: String(b.name), due: num(b.due), breached: num(b.breached), rate: num(b.due) ? num(b.breached) / num(b.due) : 0 })),
      completion: completion.map((c) => ({
        elementId: String(c.element_id), name: c.element_id === '*' ? 'All tasks' : String(c.name), count: num(c.n), p50Hours: hours(c.p50) ?? 0, p90Hours: hours(c.p90) ?? 0,
      })),
    };
  }

  /** Per element of a pathway: how long activations waited until completed (p50, p90), and how many still wait. */
  async elementWaits(actor: Actor, key: string, f: StatisticsFilter): Promise<ElementWait[]> {
    const r = range(f);
    const values: unknown[] = [actor.partnershipId, key, r.from, r.to, this.rt.clock.now()];
    let agencyJoin = '';
    if (f.agency) {
      values.push(f.agency);
      agencyJoin = `JOIN user_tasks t ON t.instance_id = a.instance_id AND t.element_instance_id = a.element_instance_id AND t.agency_id = $${values.length}`;
    }
    const secs = `extract(epoch FROM f.at - a.at)`;
    const rows = await this.rt.db.query(
      `WITH inst AS (SELECT i.id FROM instances i JOIN definitions d ON d.id = i.definition_id WHERE i.partnership_id = $1 AND d.key = $2),
       a AS (SELECT h.instance_id, h.element_instance_id, h.element_id, h.at FROM history h
             WHERE h.instance_id IN (SELECT id FROM inst) AND h.transition = 'activated' AND h.element_instance_id IS NOT NULL AND h.at >= $3 AND h.at < $4),
       f AS (SELECT h.instance_id, h.element_instance_id, min(h.at) AS at FROM history h
             WHERE h.instance_id IN (SELECT id FROM inst) AND h.transition IN ('completed', 'terminated') AND h.element_instance_id IS NOT NULL GROUP BY 1, 2)
       SELECT a.element_id, count(*) AS n, count(f.at) AS completed, count(*) FILTER (WHERE f.at IS NULL) AS open,
              avg(${secs}) AS mean, percentile_cont(0.5) WITHIN GROUP (ORDER BY ${secs}) AS p50, percentile_cont(0.9) WITHIN GROUP (ORDER BY ${secs}) AS p90,
              max(extract(epoch FROM $5::timestamptz - a.at)) FILTER (WHERE f.at IS NULL) AS oldest
       FROM a LEFT JOIN f ON f.instance_id = a.instance_id AND f.element_instance_id = a.element_instance_id ${agencyJoin}
       GROUP BY a.element_id ORDER BY p90 DESC NULLS LAST, a.element_id`,
      values,
    );
    return rows.map((w) => ({
      elementId: String(w.element_id), count: num(w.n), completed: num(w.completed), open: num(w.open),
      meanWaitHours: hours(w.mean), p50WaitHours: hours(w.p50), p90WaitHours: hours(w.p90), oldestOpenHours: hours(w.oldest),
    }));
  }

  /** The pathways (definition keys) of the partnership with their latest name, for the filters. */
  async pathways(actor: Actor): Promise<{ key: string; name: string; latestVersion: number }[]> {
    const rows = await this.rt.db.query(
      `SELECT DISTINCT ON (key) key, name, version FROM definitions WHERE partnership_id = $1 ORDER BY key, version DESC`,
      [actor.partnershipId],
    );
    return rows.map((p) => ({ key: String(p.key), name: String(p.name ?? p.key), latestVersion: Number(p.version) }));
  }
}

/** One CSV field: quoted when needed; a leading =, +, - or @ is neutralised (no formula injection in spreadsheets). */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(4).replace(/0+$/, '').replace(/\.$/, '')) : value;
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The dashboard as one tidy table: a row per figure (metric, period, agency, element, value, unit). */
export function dashboardCsv(d: DashboardStatistics, kpis: { key: string; label: string; value: number; unit?: string }[] = []): string {
  const rows: (string | number | null)[][] = [['metric', 'period', 'agency', 'element', 'value', 'unit']];
  for (const w of d.workload) {
    rows.push(['open_tasks', '', w.agency, '', w.open, 'tasks']);
    rows.push(['overdue_tasks', '', w.agency, '', w.overdue, 'tasks']);
  }
  for (const b of d.breachRate) {
    rows.push(['tasks_due', b.period, '', '', b.due, 'tasks']);
    rows.push(['tasks_breached', b.period, '', '', b.breached, 'tasks']);
    rows.push(['breach_rate', b.period, '', '', b.rate, 'ratio']);
  }
  for (const b of d.breachByAgency) rows.push(['breach_rate', `${d.filter.from}/${d.filter.to}`, b.agency, '', b.rate, 'ratio']);
  for (const c of d.completion) {
    rows.push(['time_to_complete_p50', `${d.filter.from}/${d.filter.to}`, '', c.elementId, c.p50Hours, 'hours']);
    rows.push(['time_to_complete_p90', `${d.filter.from}/${d.filter.to}`, '', c.elementId, c.p90Hours, 'hours']);
  }
  for (const k of kpis) rows.push([k.key, `${d.filter.from}/${d.filter.to}`, '', '', k.value, k.unit ?? '']);
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
