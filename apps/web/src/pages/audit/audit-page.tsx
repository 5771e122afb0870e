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

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (k: string) => String(form.get(k) ?? '').trim() || undefined;
    setQuery({ user: value('user'), caseReference: value('caseReference'), action: value('action'), from: value('from'), to: value('to') });
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
              <option value="read">Read</option>
              <option value="change">Change</option>
              <option value="denied">Refusal</option>
              <option value="break-glass">Break-glass</option>
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
                    {page.total} entr{page.total === 1 ? 'y' : 'ies'}
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
                        <td>{e.reason ?? '—'}</td>
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
        {sarRef.trim() ? (
          <a className="button" href={api.audit.subjectAccessExportUrl(sarRef.trim())} download>
            Download the export
          </a>
        ) : (
          <p className="muted">Enter a case reference to export what the partnership holds.</p>
        )}
      </section>
    </>
  );
}
