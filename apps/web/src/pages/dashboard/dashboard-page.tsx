// The manager's dashboard: open and overdue work by agency, the breach rate over time,
// time-to-complete (p50/p90) and the partnership KPIs, filtered by period, pathway and agency,
// with a CSV export. Aggregates only. Charts (echarts) and the wait heat-map on the diagram come
// with the statistics endpoints; the tables stay as the accessible view of the same figures.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/api-client';
import type { DashboardFilter } from '../../api/api.types';
import { ApiView } from '../../components/api-status';
import { PageHeader } from '../../components/page-header';
import { useApi } from '../../components/use-api.hook';

function defaultFilter(): DashboardFilter {
  const to = new Date();
  const from = new Date(to.getTime() - 90 * 86400_000);
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

export function DashboardPage() {
  const [filter, setFilter] = useState<DashboardFilter>(defaultFilter);
  const [summary] = useApi(() => api.dashboard.summary(filter), [filter.from, filter.to, filter.pathway, filter.agency]);

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (k: string) => String(form.get(k) ?? '').trim() || undefined;
    setFilter({ from: value('from') ?? filter.from, to: value('to') ?? filter.to, pathway: value('pathway'), agency: value('agency') });
  }

  return (
    <>
      <PageHeader title="Dashboard" />
      <form onSubmit={apply} className="filters" aria-label="Filters">
        <div className="field">
          <label htmlFor="f-from">From</label>
          <input id="f-from" name="from" type="date" defaultValue={filter.from} />
        </div>
        <div className="field">
          <label htmlFor="f-to">To</label>
          <input id="f-to" name="to" type="date" defaultValue={filter.to} />
        </div>
        <div className="field">
          <label htmlFor="f-pathway">Pathway</label>
          <input id="f-pathway" name="pathway" defaultValue={filter.pathway} />
        </div>
        <div className="field">
          <label htmlFor="f-agency">Agency</label>
          <input id="f-agency" name="agency" defaultValue={filter.agency} />
        </div>
        <button type="submit">Apply filters</button>
        <a className="button" href={api.dashboard.csvUrl(filter)} download>
          Export CSV
        </a>
      </form>
      <ApiView state={summary} what="the dashboard" endpoint="GET /api/dashboard/summary">
        {(s) => (
          <div className="dashboard-grid">
            <section aria-labelledby="d-work">
              <h2 id="d-work">Open and overdue by agency</h2>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Agency</th>
                      <th scope="col">Open</th>
                      <th scope="col">Overdue</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.workload.map((w) => (
                      <tr key={w.agency}>
                        <th scope="row">{w.agency}</th>
                        <td>{w.open}</td>
                        <td>{w.overdue}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
            <section aria-labelledby="d-breach">
              <h2 id="d-breach">SLA breach rate</h2>
              <ul>
                {s.breachRate.map((b) => (
                  <li key={b.period}>
                    {b.period}: {(b.rate * 100).toFixed(1)} %
                  </li>
                ))}
              </ul>
            </section>
            <section aria-labelledby="d-times">
              <h2 id="d-times">Time to complete</h2>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Task</th>
                      <th scope="col">p50 (h)</th>
                      <th scope="col">p90 (h)</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.completion.map((c) => (
                      <tr key={c.elementId}>
                        <th scope="row">{c.name}</th>
                        <td>{c.p50Hours.toFixed(1)}</td>
                        <td>{c.p90Hours.toFixed(1)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
            <section aria-labelledby="d-kpi">
              <h2 id="d-kpi">Partnership KPIs</h2>
              <dl className="fields">
                {s.kpis.map((k) => (
                  <div key={k.key}>
                    <dt>{k.label}</dt>
                    <dd>
                      {k.value}
                      {k.unit ? ` ${k.unit}` : ''}
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          </div>
        )}
      </ApiView>
    </>
  );
}
