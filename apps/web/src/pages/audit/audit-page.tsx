// The data-protection officer's audit search and subject-access export.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/api-client';
import type { AuditQuery } from '../../api/api.types';
import { ApiView } from '../../components/api-status';
import { formatDateTime } from '../../components/format.util';
import { PageHeader } from '../../components/page-header';
import { useApi } from '../../components/use-api.hook';

export function AuditPage() {
  const [query, setQuery] = useState<AuditQuery | null>(null);
  const [results] = useApi(query ? () => api.audit.search(query) : null, [JSON.stringify(query)]);
  const [sarRef, setSarRef] = useState('');
  const [sarPurpose, setSarPurpose] = useState('');

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (k: string) => String(form.get(k) ?? '').trim() || undefined;
    const outcome = value('outcome');
    setQuery({ user: value('user'), caseReference: value('caseReference'), action: value('action'), ...(outcome === 'allowed' || outcome === 'denied' ? { outcome } : {}), from: value('from'), to: value('to') });
  }

  return (
    <>
      <PageHeader title="Audit" />
      <section aria-labelledby="au-search">
        <h2 id="au-search">Search the audit log</h2>
        <form onSubmit={search} className="filters">
          <div className="field">
            <label htmlFor="au-user">User</label>
            <input id="au-user" name="user" />
          </div>
          <div className="field">
            <label htmlFor="au-case">Case reference</label>
            <input id="au-case" name="caseReference" />
          </div>
          <div className="field">
            <label htmlFor="au-action">Action</label>
            <select id="au-action" name="action" defaultValue="">
              <option value="">Any</option>
              <option value="case.read">Case read</option>
              <option value="case.share">Case shared</option>
              <option value="case.break-glass">Break-glass</option>
              <option value="task.complete">Task completed</option>
              <option value="auth.login">Sign-in</option>
              <option value="route">Refused route</option>
              <option value="statistics.read">Statistics read</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="au-outcome">Outcome</label>
            <select id="au-outcome" name="outcome" defaultValue="">
              <option value="">Any</option>
              <option value="allowed">Allowed</option>
              <option value="denied">Refused</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="au-from">From</label>
            <input id="au-from" name="from" type="date" />
          </div>
          <div className="field">
            <label htmlFor="au-to">To</label>
            <input id="au-to" name="to" type="date" />
          </div>
          <button type="submit" className="button-primary">
            Search
          </button>
        </form>
        {query && (
          <ApiView state={results} what="audit entries" endpoint="GET /api/audit">
            {(page) => (
              <div className="table-wrap">
                <table>
                  <caption>
                    {page.items.length} entr{page.items.length === 1 ? 'y' : 'ies'}
                    {page.next ? ' (more: narrow the search)' : ''}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">When</th>
                      <th scope="col">Who</th>
                      <th scope="col">Action</th>
                      <th scope="col">Case</th>
                      <th scope="col">Why</th>
                      <th scope="col">Outcome</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((e) => (
                      <tr key={e.id}>
                        <td>{formatDateTime(e.at)}</td>
                        <td>
                          {e.user} ({e.role}
                          {e.agency ? `, ${e.agency}` : ''})
                        </td>
                        <td>{e.action}</td>
                        <td>{e.caseReference ?? '—'}</td>
                        <td>{e.reason ?? e.target ?? '—'}</td>
                        <td>{e.outcome}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </ApiView>
        )}
      </section>
      <section aria-labelledby="au-sar">
        <h2 id="au-sar">Subject access export</h2>
        <div className="field">
          <label htmlFor="sar-ref">Case reference</label>
          <input id="sar-ref" value={sarRef} onChange={(e) => setSarRef(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="sar-purpose">The request being answered (its reference)</label>
          <input id="sar-purpose" value={sarPurpose} onChange={(e) => setSarPurpose(e.target.value)} />
        </div>
        {sarRef.trim() && sarPurpose.trim().length >= 3 ? (
          <a className="button" href={api.audit.subjectAccessExportUrl(sarRef.trim(), sarPurpose.trim())} download>
            Download the export
          </a>
        ) : (
          <p className="muted">Enter a case reference and the request it answers to export what the partnership holds.</p>
        )}
      </section>
    </>
  );
}
