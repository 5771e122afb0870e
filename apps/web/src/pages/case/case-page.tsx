// A case as the user's role may see it: the fields of the visible scopes (withheld scopes are
// named, never shown), the actions and who owns them, and the timeline from the history.
import { useParams } from 'react-router';
import { api } from '../../api/api-client';
import type { JsonValue } from '../../api/api.types';
import { ApiView } from '../../components/api-status';
import { formatDateTime } from '../../components/format.util';
import { PageHeader } from '../../components/page-header';
import { useApi } from '../../components/use-api.hook';

function show(value: JsonValue): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.map(show).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function CasePage() {
  const { caseId = '' } = useParams();
  const [state] = useApi(() => api.cases.get(caseId), [caseId]);
  return (
    <>
      <PageHeader title="Case" />
      <ApiView state={state} what="the case" endpoint="GET /api/cases/:id">
        {(c) => (
          <>
            <p className="lead">
              {c.reference} · {c.pathway} · {c.status === 'open' ? 'open' : 'closed'} since {formatDateTime(c.openedAt)}
            </p>
            <section aria-labelledby="case-fields">
              <h2 id="case-fields">What you may see</h2>
              {Object.entries(c.fields).map(([scope, fields]) => (
                <div key={scope} className="scope-block">
                  <h3>{scope}</h3>
                  <dl className="fields">
                    {Object.entries(fields).map(([name, value]) => (
                      <div key={name}>
                        <dt>{name}</dt>
                        <dd>{show(value)}</dd>
                      </div>
                    ))}
                  </dl>
                </div>
              ))}
              {c.withheldScopes.length > 0 && <p className="muted">Not shared with your role: {c.withheldScopes.join(', ')}.</p>}
            </section>
            <section aria-labelledby="case-actions">
              <h2 id="case-actions">Actions</h2>
              {c.actions.length === 0 ? (
                <p>No actions.</p>
              ) : (
                <div className="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">Action</th>
                        <th scope="col">Agency</th>
                        <th scope="col">Owner</th>
                        <th scope="col">Due</th>
                        <th scope="col">Status</th>
                      </tr>
                    </thead>
                    <tbody>
                      {c.actions.map((a) => (
                        <tr key={a.id}>
                          <th scope="row">{a.description}</th>
                          <td>{a.agency}</td>
                          <td>{a.owner ?? '—'}</td>
                          <td>{formatDateTime(a.dueAt)}</td>
                          <td>{a.status}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
            <section aria-labelledby="case-timeline">
              <h2 id="case-timeline">Timeline</h2>
              <ol className="timeline">
                {c.timeline.map((t, i) => (
                  <li key={i}>
                    <time dateTime={t.at}>{formatDateTime(t.at)}</time> {t.elementName ?? t.elementId}: {t.transition}
                    {t.agency ? ` (${t.agency}${t.actor ? `, ${t.actor}` : ''})` : ''}
                    {t.detail ? ` — ${t.detail}` : ''}
                  </li>
                ))}
              </ol>
            </section>
          </>
        )}
      </ApiView>
    </>
  );
}
