// The SLA escalation queue (breaches and each step of the chain, with reason and time):
// acknowledge, resolve with what was done; and the agencies flagged to the steering group for a
// pattern of misses.
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/api-client';
import { RESOLUTIONS, type EscalationItem, type EscalationResolution, type EscalationStatusFilter } from '../../api/api.types';
import { ApiView, ErrorNote } from '../../components/api-status';
import { formatDateTime } from '../../components/format.util';
import { useApi } from '../../components/use-api.hook';
import type { AgencyNames } from './coordinator-page';
import { RESOLUTION_LABELS, stepText } from './coordinator.util';

const STATUSES: { value: EscalationStatusFilter; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'acknowledged', label: 'Acknowledged' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'all', label: 'All' },
];

const STATUS_LABEL: Record<EscalationItem['status'], string> = { open: 'Open', acknowledged: 'Acknowledged', resolved: 'Resolved' };

const toError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

function what(e: EscalationItem): string {
  return `${e.taskName}${e.caseReference ? `, ${e.caseReference}` : ''}`;
}

export function Escalations({ agencyName }: { agencyName: AgencyNames }) {
  const [status, setStatus] = useState<EscalationStatusFilter>('open');
  const [offset, setOffset] = useState(0);
  const [state, reload] = useApi(() => api.coordinator.escalations(status, offset), [status, offset], { keepOnReload: true });
  const [error, setError] = useState<Error | null>(null);
  const [message, setMessage] = useState('');
  const [resolving, setResolving] = useState<number | null>(null);
  // an escalation acknowledged here stays in view (with its new status) until the list is reloaded
  const [acknowledged, setAcknowledged] = useState<Map<number, EscalationItem>>(new Map());
  const statusRef = useRef<HTMLParagraphElement>(null);

  function say(text: string) {
    setError(null);
    setMessage(text);
    statusRef.current?.focus();
  }

  function resolved(text: string) {
    setResolving(null);
    setAcknowledged(new Map());
    reload();
    say(text);
  }

  async function acknowledge(e: EscalationItem) {
    try {
      const now = await api.coordinator.acknowledge(e.id);
      setAcknowledged((m) => new Map(m).set(e.id, now));
      say(`Acknowledged: ${what(e)}.`);
    } catch (err) {
      setError(toError(err));
    }
  }

  return (
    <section aria-labelledby="esc-heading">
      <h2 id="esc-heading">Escalations</h2>
      <p className="muted">
        Tasks that passed their SLA and each step of their escalation chain, newest first. Acknowledge an escalation when you take it up; resolve it with
        what was done.
      </p>
      <div className="segmented" role="group" aria-label="Show escalations">
        {STATUSES.map((s) => (
          <button
            key={s.value}
            type="button"
            aria-pressed={status === s.value}
            onClick={() => {
              setStatus(s.value);
              setOffset(0);
              setResolving(null);
              setAcknowledged(new Map());
            }}
          >
            {s.label}
          </button>
        ))}
      </div>
      <p role="status" tabIndex={-1} ref={statusRef} data-testid="escalation-status">
        {message}
      </p>
      {error && <ErrorNote error={error} />}
      <ApiView state={state} what="escalations" endpoint="GET /api/escalations">
        {(page) =>
          page.items.length === 0 ? (
            <p>{status === 'all' ? 'No escalations.' : `No ${status} escalations.`}</p>
          ) : (
            <>
              <p data-testid="escalation-count">
                {page.total} {status === 'all' ? '' : `${status} `}escalation{page.total === 1 ? '' : 's'}
                {page.total > page.items.length ? `, showing ${offset + 1}–${offset + page.items.length}` : ''}.
              </p>
              <div className="table-wrap">
                <table data-testid="escalation-table">
                  <caption className="visually-hidden">Escalations: task and case, agency, step and reason, times, status and actions</caption>
                  <thead>
                    <tr>
                      <th scope="col">Task and case</th>
                      <th scope="col">Agency</th>
                      <th scope="col">Step and reason</th>
                      <th scope="col">Due and escalated</th>
                      <th scope="col">Status</th>
                      <th scope="col">Actions</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((x) => acknowledged.get(x.id) ?? x).flatMap((e) => {
                      const row = (
                        <tr key={e.id} data-escalation-id={e.id} aria-current={resolving === e.id ? 'true' : undefined}>
                          <th scope="row">
                            {e.taskName}
                            <br />
                            {e.caseId && e.caseReference ? <Link to={`/cases/${e.caseId}`}>{e.caseReference}</Link> : <span className="muted">{e.caseReference ?? 'no case reference'}</span>}
                          </th>
                          <td>{agencyName(e.agency)}</td>
                          <td>
                            <strong>{stepText(e)}</strong>
                            <br />
                            {e.reason}
                          </td>
                          <td>
                            Due {formatDateTime(e.dueAt)}
                            <br />
                            {e.kind === 'breach' ? 'Breached' : 'Escalated'} {formatDateTime(e.raisedAt)}
                            <br />
                            <span className="muted">
                              {e.workingDaysOverdue} working day{e.workingDaysOverdue === 1 ? '' : 's'} overdue
                            </span>
                          </td>
                          <td>
                            {STATUS_LABEL[e.status]}
                            {e.resolution && (
                              <>
                                <br />
                                <span className="muted">{RESOLUTION_LABELS[e.resolution as EscalationResolution] ?? e.resolution}</span>
                              </>
                            )}
                            {e.taskStatus && e.taskStatus !== 'open' && (
                              <>
                                <br />
                                <span className="muted">task {e.taskStatus}</span>
                              </>
                            )}
                          </td>
                          <td className="actions">
                            {e.status === 'open' && (
                              <button type="button" onClick={() => void acknowledge(e)}>
                                Acknowledge<span className="visually-hidden"> {what(e)} ({stepText(e)})</span>
                              </button>
                            )}
                            {e.status !== 'resolved' && (
                              <button type="button" aria-expanded={resolving === e.id} aria-controls={`resolve-${e.id}`} onClick={() => setResolving(resolving === e.id ? null : e.id)}>
                                Resolve…<span className="visually-hidden"> {what(e)} ({stepText(e)})</span>
                              </button>
                            )}
                          </td>
                        </tr>
                      );
                      if (resolving !== e.id) return [row];
                      return [
                        row,
                        <tr key={`${e.id}-resolve`} id={`resolve-${e.id}`}>
                          <td colSpan={6}>
                            <ResolveForm escalation={e} onCancel={() => setResolving(null)} onResolved={(r) => resolved(`Resolved: ${what(e)} (${RESOLUTION_LABELS[r]}).`)} />
                          </td>
                        </tr>,
                      ];
                    })}
                  </tbody>
                </table>
              </div>
              {page.total > page.items.length && (
                <div className="button-row">
                  <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - 50))}>
                    Newer
                  </button>
                  <button type="button" disabled={!page.next} onClick={() => setOffset(Number(page.next))}>
                    Older
                  </button>
                </div>
              )}
            </>
          )
        }
      </ApiView>
    </section>
  );
}

function ResolveForm({ escalation, onCancel, onResolved }: { escalation: EscalationItem; onCancel: () => void; onResolved: (r: EscalationResolution) => void }) {
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `resolve-form-${escalation.id}`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const resolution = String(form.get('resolution') ?? 'other') as EscalationResolution;
    const note = String(form.get('note') ?? '').trim();
    setBusy(true);
    try {
      await api.coordinator.resolve(escalation.id, { resolution, ...(note ? { note } : {}) });
      onResolved(resolution);
    } catch (err) {
      setError(toError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} aria-labelledby={`${id}-heading`} className="inline-form">
      <h3 id={`${id}-heading`}>
        Resolve: {what(escalation)} ({stepText(escalation)})
      </h3>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-resolution`}>What was done</label>
          <select id={`${id}-resolution`} name="resolution" defaultValue="chased" autoFocus>
            {RESOLUTIONS.map((r) => (
              <option key={r} value={r}>
                {RESOLUTION_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-wide">
          <label htmlFor={`${id}-note`}>Note (optional)</label>
          <span id={`${id}-note-hint`} className="muted">
            No personal data: the note is kept with the escalation and goes to the steering group. Up to 500 characters.
          </span>
          <textarea id={`${id}-note`} name="note" rows={2} maxLength={500} aria-describedby={`${id}-note-hint`} />
        </div>
      </div>
      {error && <ErrorNote error={error} />}
      <div className="button-row">
        <button type="submit" className="button-primary" disabled={busy}>
          Resolve escalation
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function MissFlags({ agencyName, takesUp }: { agencyName: AgencyNames; takesUp: boolean }) {
  const [state, reload] = useApi(() => api.coordinator.flags(), [], { keepOnReload: true });
  const [error, setError] = useState<Error | null>(null);
  const [message, setMessage] = useState('');

  async function takeUp(id: number, agency: string) {
    try {
      await api.coordinator.acknowledgeFlag(id);
      setError(null);
      setMessage(`Taken up by the steering group: ${agency}.`);
      reload();
    } catch (err) {
      setError(toError(err));
    }
  }

  return (
    <section aria-labelledby="flags-heading">
      <h2 id="flags-heading">Pattern of misses (steering group)</h2>
      <p className="muted">Agencies that missed SLAs or did not act on actions often enough in a quarter to be flagged to the steering group.</p>
      <p role="status">{message}</p>
      {error && <ErrorNote error={error} />}
      <ApiView state={state} what="the flags" endpoint="GET /api/escalations/flags">
        {(flags) =>
          flags.length === 0 ? (
            <p>No agency is flagged.</p>
          ) : (
            <div className="table-wrap">
              <table data-testid="flags-table">
                <caption className="visually-hidden">Agencies flagged to the steering group, by quarter</caption>
                <thead>
                  <tr>
                    <th scope="col">Agency</th>
                    <th scope="col">Quarter</th>
                    <th scope="col">Misses</th>
                    <th scope="col">Flagged</th>
                    <th scope="col">Steering group</th>
                  </tr>
                </thead>
                <tbody>
                  {flags.map((f) => (
                    <tr key={f.id}>
                      <th scope="row">{agencyName(f.agencyId)}</th>
                      <td>{f.quarter}</td>
                      <td>
                        {f.misses} <span className="muted">(flagged from {f.threshold})</span>
                      </td>
                      <td>{formatDateTime(f.flaggedAt)}</td>
                      <td>
                        {f.acknowledgedAt ? (
                          <>Taken up {formatDateTime(f.acknowledgedAt)}</>
                        ) : takesUp ? (
                          <button type="button" onClick={() => void takeUp(f.id, agencyName(f.agencyId))}>
                            Take up<span className="visually-hidden"> the flag of {agencyName(f.agencyId)} for {f.quarter}</span>
                          </button>
                        ) : (
                          'Not yet taken up'
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </ApiView>
    </section>
  );
}
