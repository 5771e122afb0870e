// Administration: users, agencies, partnerships (with retention), calendars, incidents with
// retry, and the operators' queue view (bull-board, served by the API behind the admin role).
import { useState } from 'react';
import { api } from '../../api/api-client';
import { ApiView, ErrorNote } from '../../components/api-status';
import { formatDateTime } from '../../components/format.util';
import { PageHeader } from '../../components/page-header';
import { useApi } from '../../components/use-api.hook';

export function AdminPage() {
  const [users] = useApi(() => api.admin.users(), []);
  const [agencies] = useApi(() => api.admin.agencies(), []);
  const [partnerships] = useApi(() => api.admin.partnerships(), []);
  const [calendars] = useApi(() => api.admin.calendars(), []);
  const [incidents, reloadIncidents] = useApi(() => api.admin.incidents(), []);
  const [error, setError] = useState<Error | null>(null);

  return (
    <>
      <PageHeader title="Administration" />
      <section aria-labelledby="a-users">
        <h2 id="a-users">Users</h2>
        <ApiView state={users} what="users" endpoint="GET /api/admin/users">
          {(page) => (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Agency</th>
                    <th scope="col">Roles</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((u) => (
                    <tr key={u.id}>
                      <th scope="row">{u.displayName}</th>
                      <td>{u.agency ?? '—'}</td>
                      <td>{u.roles.join(', ')}</td>
                      <td>{u.disabled ? 'disabled' : 'active'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </ApiView>
      </section>
      <section aria-labelledby="a-agencies">
        <h2 id="a-agencies">Agencies</h2>
        <ApiView state={agencies} what="agencies" endpoint="GET /api/admin/agencies">
          {(list) => (
            <ul>
              {list.map((a) => (
                <li key={a.id}>
                  {a.name} ({a.kind}){a.spoc ? `, single point of contact: ${a.spoc}` : ''}
                </li>
              ))}
            </ul>
          )}
        </ApiView>
      </section>
      <section aria-labelledby="a-partnerships">
        <h2 id="a-partnerships">Partnerships and retention</h2>
        <ApiView state={partnerships} what="partnerships" endpoint="GET /api/admin/partnerships">
          {(list) => (
            <ul>
              {list.map((p) => (
                <li key={p.id}>
                  {p.name}: {p.timeZone}, closed cases kept {p.retentionMonths} months
                </li>
              ))}
            </ul>
          )}
        </ApiView>
      </section>
      <section aria-labelledby="a-calendars">
        <h2 id="a-calendars">Calendars</h2>
        <ApiView state={calendars} what="calendars" endpoint="GET /api/admin/calendars">
          {(list) => (
            <ul>
              {list.map((c) => (
                <li key={c.name}>
                  {c.name}: {c.timeZone}
                  {c.country ? `, ${c.country}` : ''}, {c.holidays} holidays
                </li>
              ))}
            </ul>
          )}
        </ApiView>
      </section>
      <section aria-labelledby="a-incidents">
        <h2 id="a-incidents">Incidents</h2>
        {error && <ErrorNote error={error} />}
        <ApiView state={incidents} what="incidents" endpoint="GET /api/incidents">
          {(page) =>
            page.items.length === 0 ? (
              <p>No open incidents.</p>
            ) : (
              <ul>
                {page.items.map((i) => (
                  <li key={i.id}>
                    {formatDateTime(i.at)} {i.elementId} ({i.kind}): {i.message}{' '}
                    <button type="button" onClick={() => api.admin.retryIncident(i.id).then(reloadIncidents, (e: unknown) => setError(e instanceof Error ? e : new Error(String(e))))}>
                      Retry<span className="visually-hidden"> incident at {i.elementId}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )
          }
        </ApiView>
      </section>
      <section aria-labelledby="a-queues">
        <h2 id="a-queues">Queues</h2>
        <p>
          <a href={api.admin.queuesUrl()}>Open the queue view</a> (operators; administrators only).
        </p>
      </section>
    </>
  );
}
