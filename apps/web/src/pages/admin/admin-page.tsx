// Administration: users, agencies, partnerships (with retention), calendars, incidents with
// retry, and the operators' queue view (bull-board, served by the API behind the admin role).
import { useState, type FormEvent } from 'react';
import type { Partnership } from '../../api/api.types';
import { api } from '../../api/api-client';
import { ApiView, ErrorNote } from '../../components/api-status';
import { formatDateTime } from '../../components/format.util';
import { PageHeader } from '../../components/page-header';
import { useApi } from '../../components/use-api.hook';

export function AdminPage() {
  const [users] = useApi(() => api.admin.users(), []);
  const [agencies] = useApi(() => api.admin.agencies(), []);
  const [partnerships, reloadPartnerships] = useApi(() => api.admin.partnerships(), []);
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
                      <td>{(agencies.status === 'ok' ? agencies.data.find((a) => a.id === u.agencyId)?.name : undefined) ?? u.agencyId ?? '—'}</td>
                      <td>{u.roles.join(', ')}</td>
                      <td>{u.status}</td>
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
                  <RetentionForm partnership={p} onSaved={reloadPartnerships} />
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
                  {c.country ? `, ${c.country}` : ''}, {c.holidays.length} holidays this year and next
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
                    {formatDateTime(i.createdAt)} {i.elementId} ({i.kind}, instance {i.instanceId}): {i.message}{' '}
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
          <a href={api.admin.queuesUrl()}>Open the queue view</a> (bull-board: waiting, delayed and failed jobs; administrators only).
        </p>
      </section>
    </>
  );
}

function RetentionForm({ partnership, onSaved }: { partnership: Partnership; onSaved: () => void }) {
  const [status, setStatus] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const id = `retention-${partnership.id}`;
  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const months = Number(new FormData(event.currentTarget).get('months'));
    setError(null);
    try {
      await api.admin.setRetention(partnership.id, months);
      setStatus(`Retention set to ${months} months.`);
      onSaved();
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    }
  }
  return (
    <form onSubmit={save} className="form-grid" aria-label={`Retention of ${partnership.name}`}>
      <div className="field">
        <label htmlFor={id}>Keep closed cases for (months)</label>
        <input id={id} name="months" type="number" min={1} max={600} defaultValue={partnership.retentionMonths} required />
      </div>
      <button type="submit">Save retention</button>
      <span role="status">{status}</span>
      {error && <ErrorNote error={error} />}
    </form>
  );
}
