// The manager's dashboard: open and overdue work by agency, the SLA breach rate over time,
// time to complete (p50/p90), the partnership figures, and a heat-map over the pathway's diagram
// showing where cases wait longest; filtered by period, pathway and agency; CSV export. Aggregates
// only. Every chart has its figures as a table beside it (the accessible view of the same data).
import { useState, type FormEvent } from 'react';
import { api } from '../../api/api-client';
import type { DashboardFilter, DashboardSummary } from '../../api/api.types';
import { hasRole, useMe, useServerSkew } from '../../app/session';
import { ApiView } from '../../components/api-status';
import { FigureTable } from '../../components/figure-table';
import { PageHeader } from '../../components/page-header';
import { useApi } from '../../components/use-api.hook';
import { EChart } from './echart';
import { HeatMap } from './heat-map';
import { MissFlags } from '../coordinator/escalations';
import { PartnershipKpis } from './kpi-section';
import './dashboard.css';

function day(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function defaultFilter(now: Date): DashboardFilter {
  return { from: day(new Date(now.getTime() - 90 * 86400_000)), to: day(new Date(now.getTime() + 30 * 86400_000)) };
}

const pct = (r: number) => `${(r * 100).toFixed(1)} %`;

export default function DashboardPage() {
  const skew = useServerSkew();
  const me = useMe();
  const [filter, setFilter] = useState<DashboardFilter>(() => defaultFilter(new Date(Date.now() + skew)));
  const key = [filter.from, filter.to, filter.pathway, filter.agency];
  const [summary, reload] = useApi(() => api.dashboard.summary(filter), key);
  const [pathways] = useApi(() => api.dashboard.pathways(), []);
  const [agencies] = useApi(() => api.admin.agencies(), []);
  const agencyList = agencies.status === 'ok' ? agencies.data : [];
  const pathwayList = pathways.status === 'ok' ? pathways.data : [];
  const heatPathway = filter.pathway ?? pathwayList[0]?.key;

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (k: string) => String(form.get(k) ?? '').trim() || undefined;
    setFilter({ from: value('from') ?? filter.from, to: value('to') ?? filter.to, pathway: value('pathway'), agency: value('agency') });
    reload();
  }

  return (
    <>
      <PageHeader title="Dashboard" />
      <form onSubmit={apply} className="filters" aria-label="Filters">
        <div className="field">
          <label htmlFor="f-from">From</label>
          <input id="f-from" name="from" type="date" defaultValue={filter.from} required />
        </div>
        <div className="field">
          <label htmlFor="f-to">To</label>
          <input id="f-to" name="to" type="date" defaultValue={filter.to} required />
        </div>
        <div className="field">
          <label htmlFor="f-pathway">Pathway</label>
          <select id="f-pathway" name="pathway" defaultValue={filter.pathway ?? ''}>
            <option value="">All pathways</option>
            {pathwayList.map((p) => (
              <option key={p.key} value={p.key}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-agency">Agency</label>
          <select id="f-agency" name="agency" defaultValue={filter.agency ?? ''}>
            <option value="">All agencies</option>
            {agencyList.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Apply filters</button>
        <a className="button" href={api.dashboard.csvUrl(filter)} download data-testid="csv-export">
          Export CSV
        </a>
      </form>
      <ApiView state={summary} what="the dashboard" endpoint="GET /api/statistics/dashboard">
        {(s) => <Figures s={s} />}
      </ApiView>
      <PartnershipKpis filter={filter} agencies={agencyList} today={day(new Date(Date.now() + skew))} />
      <MissFlags
        agencyName={(id) => (id ? (agencyList.find((a) => a.id === id)?.name ?? id) : '—')}
        takesUp={hasRole(me, ['steering-group', 'partnership-coordinator'])}
      />
      <section aria-labelledby="d-heat">
        <h2 id="d-heat">Where cases wait longest</h2>
        {heatPathway ? (
          <HeatMap pathway={heatPathway} filter={filter} />
        ) : (
          <p>{pathways.status === 'loading' ? 'Loading pathways…' : 'No pathway has been deployed yet.'}</p>
        )}
      </section>
    </>
  );
}

function Figures({ s }: { s: DashboardSummary }) {
  const overall = s.completion.find((c) => c.elementId === '*');
  const tasks = s.completion.filter((c) => c.elementId !== '*');
  const totalOverdue = s.workload.reduce((n, w) => n + w.overdue, 0);
  const totalOpen = s.workload.reduce((n, w) => n + w.open, 0);
  return (
    <div className="dashboard-grid">
      <section aria-labelledby="d-work">
        <h2 id="d-work">Open and overdue work by agency</h2>
        <p data-testid="workload-total">
          {totalOpen} open task{totalOpen === 1 ? '' : 's'}, {totalOverdue} overdue.
        </p>
        <EChart
          label={`Bar chart of open and overdue tasks by agency: ${s.workload.map((w) => `${w.agency} ${w.open} open, ${w.overdue} overdue`).join('; ')}`}
          option={{
            tooltip: { trigger: 'axis' },
            legend: { top: 0 },
            grid: { left: 8, right: 8, bottom: 8, top: 32, containLabel: true },
            xAxis: { type: 'category', data: s.workload.map((w) => w.agency), axisLabel: { interval: 0, width: 110, overflow: 'break' } },
            yAxis: { type: 'value', minInterval: 1 },
            series: [
              { name: 'Open', type: 'bar', data: s.workload.map((w) => w.open), itemStyle: { color: '#1f4e8c' } },
              { name: 'Overdue', type: 'bar', data: s.workload.map((w) => w.overdue), itemStyle: { color: '#b00020' } },
            ],
          }}
        />
        <FigureTable
          testId="workload-table"
          caption="Open and overdue tasks by agency"
          columns={['Agency', 'Open', 'Overdue']}
          rows={s.workload.map((w) => ({ key: w.agencyId, head: w.agency, cells: [w.open, w.overdue] }))}
        />
      </section>
      <section aria-labelledby="d-breach">
        <h2 id="d-breach">SLA breach rate</h2>
        {s.breachRate.length === 0 ? (
          <p>No task fell due in this period.</p>
        ) : (
          <>
            <EChart
              label={`Line chart of the share of tasks that breached their SLA by ${s.periodUnit}: ${s.breachRate.map((b) => `${b.period} ${pct(b.rate)}`).join('; ')}`}
              option={{
                tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${(Number(v) * 100).toFixed(1)} %` },
                grid: { left: 8, right: 16, bottom: 8, top: 16, containLabel: true },
                xAxis: { type: 'category', data: s.breachRate.map((b) => b.period) },
                yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)} %` } },
                series: [{ name: 'Breach rate', type: 'line', data: s.breachRate.map((b) => b.rate), itemStyle: { color: '#b00020' }, symbolSize: 8 }],
              }}
            />
            <FigureTable
              testId="breach-table"
              caption={`SLA breaches by ${s.periodUnit} of the due date`}
              columns={[s.periodUnit === 'week' ? 'Week of' : 'Month', 'Fell due', 'Breached', 'Rate']}
              rows={s.breachRate.map((b) => ({ key: b.period, head: b.period, cells: [b.due, b.breached, pct(b.rate)] }))}
            />
          </>
        )}
        {s.breachByAgency.length > 0 && (
          <FigureTable
            testId="breach-agency-table"
            caption="Breaches by agency over the period"
            captionVisible
            columns={['Agency', 'Fell due', 'Breached', 'Rate']}
            rows={s.breachByAgency.map((b) => ({ key: b.agencyId || b.agency, head: b.agency, cells: [b.due, b.breached, pct(b.rate)] }))}
          />
        )}
      </section>
      <section aria-labelledby="d-times">
        <h2 id="d-times">Time to complete</h2>
        {overall && overall.count > 0 ? (
          <p>
            All tasks: half done within {overall.p50Hours.toFixed(1)} h, nine in ten within {overall.p90Hours.toFixed(1)} h ({overall.count} completed).
          </p>
        ) : (
          <p>No task was completed in this period.</p>
        )}
        {tasks.length > 0 && (
          <>
            <EChart
              label={`Bar chart of hours to complete, p50 and p90, by task: ${tasks.map((c) => `${c.name} ${c.p50Hours.toFixed(1)} and ${c.p90Hours.toFixed(1)} hours`).join('; ')}`}
              option={{
                tooltip: { trigger: 'axis' },
                legend: { top: 0 },
                grid: { left: 8, right: 16, bottom: 8, top: 32, containLabel: true },
                xAxis: { type: 'value', name: 'hours' },
                yAxis: { type: 'category', data: tasks.map((c) => c.name), axisLabel: { width: 120, overflow: 'truncate' } },
                series: [
                  { name: 'p50', type: 'bar', data: tasks.map((c) => c.p50Hours), itemStyle: { color: '#1e6b34' } },
                  { name: 'p90', type: 'bar', data: tasks.map((c) => c.p90Hours), itemStyle: { color: '#8a4b00' } },
                ],
              }}
            />
            <FigureTable
              testId="completion-table"
              caption="Hours from a task's creation to its completion"
              columns={['Task', 'Completed', 'p50 (h)', 'p90 (h)']}
              rows={tasks.map((c) => ({ key: c.elementId, head: c.name, cells: [c.count, c.p50Hours.toFixed(1), c.p90Hours.toFixed(1)] }))}
            />
          </>
        )}
      </section>
    </div>
  );
}
