// The partnership KPIs (issue 5's `GET /api/kpis`, aggregates only): the SafeLives measures
// (cases per 10,000 adult females, repeat rate, referrals by source agency and the partner-agency
// share, diversity), time from referral to the meeting and to IDVA contact, action completion
// ("not possible" kept apart from "did not act"), the SLA breach rate by agency and by task; under
// the dashboard's filters (period, pathway, agency). Each chart has its figures in a table beside
// it. The quarterly return in SafeLives' layout, shown and downloadable as CSV.
import { useState } from 'react';
import { api } from '../../api/api-client';
import type { Agency, DashboardFilter, KpiReport, QuarterlyReturn } from '../../api/api.types';
import { ApiError } from '../../api/http-client';
import { ApiView } from '../../components/api-status';
import { FigureTable } from '../../components/figure-table';
import { formatDateTime } from '../../components/format.util';
import { useApi } from '../../components/use-api.hook';
import { formatDay } from '../coordinator/coordinator.util';
import { EChart } from './echart';
import { breachRows, completionRows, diversityRows, formatKpi, percent, quartersUpTo, rateText, sourceRows, type RateRow } from './kpi.util';

const one = (n: number | null, unit: string) => (n === null ? '—' : `${n.toFixed(1)} ${unit}`);

export function PartnershipKpis({ filter, agencies, today }: { filter: DashboardFilter; agencies: Agency[]; today: string }) {
  const [report] = useApi(() => api.dashboard.kpis(filter), [filter.from, filter.to, filter.pathway, filter.agency]);
  const byCode = new Map<string, string>();
  for (const a of agencies) {
    byCode.set(a.id, a.name);
    if (a.code) byCode.set(a.code, a.name);
  }
  const agencyName = (key: string) => (key === 'unrouted' ? 'Not routed to an agency' : (byCode.get(key) ?? key));
  return (
    <section aria-labelledby="d-kpi" data-testid="kpis">
      <h2 id="d-kpi">Partnership KPIs</h2>
      <p className="muted">
        Cases by referral date, actions by due date and SLAs by due time between {formatDay(filter.from)} and {formatDay(filter.to)}
        {filter.pathway ? `, pathway ${filter.pathway}` : ''}
        {filter.agency ? `, agency ${agencyName(filter.agency)}` : ''}.{' '}
        <a href={api.dashboard.kpiCsvUrl(filter)} download data-testid="kpi-csv">
          Download the KPIs (CSV)
        </a>
      </p>
      <ApiView state={report} what="the partnership KPIs" endpoint="GET /api/kpis">
        {(r) => <KpiView r={r} agencyName={agencyName} />}
      </ApiView>
      <QuarterlyReturnView today={today} />
    </section>
  );
}

function KpiView({ r, agencyName }: { r: KpiReport; agencyName: (key: string) => string }) {
  const s = r.summary;
  const sources = sourceRows(r);
  const diversity = diversityRows(r);
  const completion = completionRows(r);
  const byAgency = breachRows(r.slaBreach.byAgency, agencyName);
  const byTask = breachRows(r.slaBreach.byTask);
  return (
    <>
      <p>
        Figures as of {formatDateTime(r.asOf)}.{' '}
        {r.population ? `Adult female population of the area: ${r.population.toLocaleString('en-GB')}.` : 'Cases per 10,000 adult females are for the whole area only (no pathway or agency filter) and need the area’s population.'}
      </p>
      <div className="dashboard-grid">
        <section aria-labelledby="k-headline">
          <h3 id="k-headline">SafeLives measures</h3>
          <FigureTable
            testId="kpi-headline"
            caption="Headline measures for the period"
            columns={['Measure', 'Value']}
            rows={r.kpis.map((k) => ({ key: k.key, attrs: { 'data-kpi': k.key }, head: k.label, cells: [formatKpi(k)] }))}
          />
          <p className="muted">
            SafeLives’ capacity guide for this rate of referrals: {r.capacity.idvaFte.toFixed(1)} IDVA and {r.capacity.adminFte.toFixed(1)} administrator full-time
            posts.
          </p>
        </section>

        <section aria-labelledby="k-sources">
          <h3 id="k-sources">Referrals by source agency</h3>
          <p>
            {s.cases} case{s.cases === 1 ? '' : 's'}; from partner agencies (not the police): {rateText(s.partnerAgencyShare)}; repeats: {rateText(s.repeatRate)}.
          </p>
          {sources.length === 0 ? (
            <p>No referral in this period.</p>
          ) : (
            <>
              <EChart
                label={`Bar chart of referrals by source agency: ${sources.map((x) => `${x.label} ${x.count}`).join('; ')}`}
                height={Math.max(160, 40 + sources.length * 28)}
                option={{
                  tooltip: { trigger: 'axis' },
                  grid: { left: 8, right: 16, bottom: 8, top: 8, containLabel: true },
                  xAxis: { type: 'value', minInterval: 1 },
                  yAxis: { type: 'category', inverse: true, data: sources.map((x) => x.label), axisLabel: { width: 120, overflow: 'truncate' } },
                  series: [{ name: 'Referrals', type: 'bar', data: sources.map((x) => x.count), itemStyle: { color: '#1f4e8c' } }],
                }}
              />
              <FigureTable
                testId="kpi-sources"
                caption="Referrals by source agency"
                columns={['Source agency', 'Referrals', 'Share']}
                rows={sources.map((x) => ({ key: x.source, attrs: { 'data-source': x.source }, head: x.label, cells: [x.count, percent(x.share)] }))}
              />
            </>
          )}
        </section>

        <section aria-labelledby="k-diversity">
          <h3 id="k-diversity">Diversity of victims</h3>
          {s.cases === 0 ? (
            <p>No referral in this period.</p>
          ) : (
            <>
              <EChart
                label={`Bar chart of the share of victims: ${diversity.map((d) => `${d.label} ${percent(d.rate.rate)}`).join('; ')}`}
                height={220}
                option={{
                  tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${(Number(v) * 100).toFixed(1)} %` },
                  grid: { left: 8, right: 16, bottom: 8, top: 8, containLabel: true },
                  xAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)} %` } },
                  yAxis: { type: 'category', inverse: true, data: diversity.map((d) => d.label), axisLabel: { width: 130, overflow: 'truncate' } },
                  series: [{ name: 'Share of victims', type: 'bar', data: diversity.map((d) => d.rate.rate ?? 0), itemStyle: { color: '#5b3c88' } }],
                }}
              />
              <RateTable testId="kpi-diversity" caption="Victims by diversity measure" head="Victims" rows={diversity} />
              <p>Perpetrators under 18: {s.diversity.perpetratorsUnder18}.</p>
            </>
          )}
        </section>

        <section aria-labelledby="k-times">
          <h3 id="k-times">Time from referral</h3>
          <FigureTable
            testId="kpi-times"
            caption="Time from referral to the meeting and to the first IDVA contact"
            columns={['From referral to', 'Cases', 'Median', 'Mean']}
            rows={[
              { key: 'meeting', attrs: { 'data-time': 'meeting' }, head: 'the meeting that heard the case', cells: [s.daysReferralToMeeting.count, one(s.daysReferralToMeeting.median, 'days'), one(s.daysReferralToMeeting.mean, 'days')] },
              { key: 'idva', attrs: { 'data-time': 'idva' }, head: 'the first IDVA contact', cells: [s.hoursReferralToIdvaContact.count, one(s.hoursReferralToIdvaContact.median, 'hours'), one(s.hoursReferralToIdvaContact.mean, 'hours')] },
            ]}
          />
          <p>Victims not (yet) contacted: {s.hoursReferralToIdvaContact.notContacted}.</p>
        </section>

        <section aria-labelledby="k-actions">
          <h3 id="k-actions">Action completion</h3>
          <p data-testid="kpi-completion-rates">
            Completion rate: {percent(s.actionCompletion.completionRate)} of closed actions. The agencies’ own rate, leaving out actions not possible through a change
            in circumstance: {percent(s.actionCompletion.agencyCompletionRate)}.
          </p>
          {s.actionCompletion.total === 0 ? (
            <p>No action fell due in this period.</p>
          ) : (
            <>
              <EChart
                label={`Bar chart of action outcomes: ${completion.map((c) => `${c.label} ${c.count}`).join('; ')}`}
                height={200}
                option={{
                  tooltip: { trigger: 'axis' },
                  grid: { left: 8, right: 16, bottom: 8, top: 8, containLabel: true },
                  xAxis: { type: 'value', minInterval: 1 },
                  yAxis: { type: 'category', inverse: true, data: completion.map((c) => c.label), axisLabel: { width: 150, overflow: 'break' } },
                  series: [
                    {
                      name: 'Actions',
                      type: 'bar',
                      data: completion.map((c) => ({ value: c.count, itemStyle: { color: { completed: '#1e6b34', notPossibleChangeInCircumstance: '#4a5360', agencyDidNotAct: '#b00020', open: '#8a4b00' }[c.key] } })),
                    },
                  ],
                }}
              />
              <FigureTable
                testId="kpi-actions"
                caption="Actions of meeting plans by outcome"
                columns={['Outcome', 'Actions']}
                rows={[
                  ...completion.map((c) => ({ key: c.key, attrs: { 'data-outcome': c.key }, head: c.label, cells: [c.count] })),
                  { key: 'all', head: 'All actions', cells: [s.actionCompletion.total] },
                ]}
              />
            </>
          )}
        </section>

        <section aria-labelledby="k-sla-agency">
          <h3 id="k-sla-agency">SLA breach rate by agency</h3>
          <p>All tasks: {rateText(r.slaBreach.overall)}. A task breached when it was completed after its due time, or is still open past it.</p>
          <BreachChart rows={byAgency} what="agency" testId="kpi-sla-agency" />
        </section>

        <section aria-labelledby="k-sla-task">
          <h3 id="k-sla-task">SLA breach rate by task</h3>
          <BreachChart rows={byTask} what="task" testId="kpi-sla-task" />
        </section>
      </div>
    </>
  );
}

function RateTable({ rows, caption, head, testId }: { rows: RateRow[]; caption: string; head: string; testId: string }) {
  return (
    <FigureTable
      testId={testId}
      caption={caption}
      columns={[head, 'Counted', 'Rate']}
      rows={rows.map((d) => ({ key: d.key, attrs: { 'data-key': d.key }, head: d.label, cells: [`${d.rate.hits} of ${d.rate.total}`, percent(d.rate.rate)] }))}
    />
  );
}

function BreachChart({ rows, what, testId }: { rows: RateRow[]; what: string; testId: string }) {
  if (rows.length === 0) return <p>No task fell due in this period.</p>;
  return (
    <>
      <EChart
        label={`Bar chart of the SLA breach rate by ${what}: ${rows.map((b) => `${b.label} ${percent(b.rate.rate)}`).join('; ')}`}
        height={Math.max(160, 40 + rows.length * 28)}
        option={{
          tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${(Number(v) * 100).toFixed(1)} %` },
          grid: { left: 8, right: 16, bottom: 8, top: 8, containLabel: true },
          xAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)} %` } },
          yAxis: { type: 'category', inverse: true, data: rows.map((b) => b.label), axisLabel: { width: 150, overflow: 'truncate' } },
          series: [{ name: 'Breach rate', type: 'bar', data: rows.map((b) => b.rate.rate ?? 0), itemStyle: { color: '#b00020' } }],
        }}
      />
      <FigureTable
        testId={testId}
        caption={`SLA breaches by ${what}: tasks breached of those due`}
        columns={[what === 'agency' ? 'Agency' : 'Task', 'Breached', 'Rate']}
        rows={rows.map((b) => ({
          key: b.key,
          attrs: { 'data-key': b.key },
          head: what === 'task' ? <code>{b.label}</code> : b.label,
          cells: [`${b.rate.hits} of ${b.rate.total}`, percent(b.rate.rate)],
        }))}
      />
    </>
  );
}

const RETURN_COLUMNS: [keyof QuarterlyReturn['total'], string][] = [
  ['casesDiscussed', 'Cases discussed'],
  ['repeatCases', 'Repeat cases'],
  ['childrenInHouseholds', 'Children in households'],
  ['bmeVictims', 'BME victims'],
  ['lgbtVictims', 'LGBT victims'],
  ['victimsWithDisability', 'Victims with a disability'],
  ['maleVictims', 'Male victims'],
  ['victimsAged16to17', 'Victims aged 16–17'],
  ['perpetratorsUnder18', 'Perpetrators under 18'],
];

function QuarterlyReturnView({ today }: { today: string }) {
  const quarters = quartersUpTo(today, 8);
  const [quarter, setQuarter] = useState(quarters[0]!);
  const [ret] = useApi(() => api.dashboard.quarterlyReturn(quarter), [quarter]);
  return (
    <section aria-labelledby="k-return" data-testid="quarterly-return">
      <h3 id="k-return">Quarterly return (SafeLives MARAC dataset)</h3>
      <div className="filters">
        <div className="field">
          <label htmlFor="k-quarter">Quarter</label>
          <select id="k-quarter" value={quarter} onChange={(e) => setQuarter(e.target.value)}>
            {quarters.map((q) => (
              <option key={q} value={q}>
                {q}
              </option>
            ))}
          </select>
        </div>
        <a className="button" href={api.dashboard.quarterlyReturnCsvUrl(quarter)} download data-testid="quarterly-csv">
          Download the {quarter} return (CSV)
        </a>
      </div>
      {ret.status === 'error' && ret.error instanceof ApiError && ret.error.status === 409 ? (
        <p role="status" className="note note-unavailable">
          The quarterly return cannot be made yet: {ret.error.message}.
        </p>
      ) : (
        <ApiView state={ret} what="the quarterly return" endpoint="GET /api/kpis/quarterly-return">
          {(q) => (
            <>
              <p>
                Cases heard at the area’s meetings in {q.quarter}: {q.total.casesDiscussed}; {q.casesPer10kAdultFemales.toFixed(1)} per 10,000 adult females;
                repeats {percent(q.repeatRate)}; referred by partner agencies {percent(q.partnerAgencyReferralRate)}.
              </p>
              {q.rows.length === 0 ? (
                <p>No meeting heard a case in {q.quarter}.</p>
              ) : (
                <div className="table-wrap">
                  <table data-testid="quarterly-table">
                    <caption className="visually-hidden">The quarterly return: one row per meeting and the total</caption>
                    <thead>
                      <tr>
                        <th scope="col">Meeting</th>
                        {RETURN_COLUMNS.map(([, label]) => (
                          <th key={label} scope="col">
                            {label}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {[...q.rows, q.total].map((row) => (
                        <tr key={row.meetingDate}>
                          <th scope="row">{row.meetingDate === 'TOTAL' ? 'Total' : formatDay(row.meetingDate)}</th>
                          {RETURN_COLUMNS.map(([k]) => (
                            <td key={k}>{String(row[k])}</td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          )}
        </ApiView>
      )}
    </section>
  );
}
