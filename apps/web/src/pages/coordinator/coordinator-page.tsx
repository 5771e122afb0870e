// The coordinator's desk: the SLA escalation queue, the next meeting's agenda (cases with
// children first) and the action plan captured during the meeting.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/api-client';
import type { AgendaCase, MeetingAgenda } from '../../api/api.types';
import { ApiView, ErrorNote } from '../../components/api-status';
import { formatDateTime } from '../../components/format.util';
import { PageHeader } from '../../components/page-header';
import { useApi } from '../../components/use-api.hook';

/** Children's cases first (children's agencies may then leave), order otherwise kept. */
export function orderAgenda(cases: AgendaCase[]): AgendaCase[] {
  return [...cases.filter((c) => c.hasChildren), ...cases.filter((c) => !c.hasChildren)];
}

export function CoordinatorPage() {
  return (
    <>
      <PageHeader title="Coordinator" />
      <Escalations />
      <Meeting />
    </>
  );
}

function Escalations() {
  const [state, reload] = useApi(() => api.coordinator.escalations('open'), []);
  const [error, setError] = useState<Error | null>(null);
  const run = (p: Promise<unknown>) => p.then(reload, (e: unknown) => setError(e instanceof Error ? e : new Error(String(e))));
  return (
    <section aria-labelledby="esc-heading">
      <h2 id="esc-heading">Escalations</h2>
      {error && <ErrorNote error={error} />}
      <ApiView state={state} what="escalations" endpoint="GET /api/escalations">
        {(page) =>
          page.items.length === 0 ? (
            <p>No open escalations.</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Task</th>
                    <th scope="col">Case</th>
                    <th scope="col">Agency</th>
                    <th scope="col">Step</th>
                    <th scope="col">Raised</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((e) => (
                    <tr key={e.id}>
                      <th scope="row">{e.taskName}</th>
                      <td>{e.caseReference}</td>
                      <td>{e.agency}</td>
                      <td>
                        {e.step} → {e.to}: {e.reason}
                      </td>
                      <td>{formatDateTime(e.raisedAt)}</td>
                      <td className="actions">
                        {e.status === 'open' && (
                          <button type="button" onClick={() => run(api.coordinator.acknowledge(e.id))}>
                            Acknowledge<span className="visually-hidden"> {e.taskName}</span>
                          </button>
                        )}
                        <button type="button" onClick={() => run(api.coordinator.resolve(e.id, 'Resolved by the coordinator'))}>
                          Resolve<span className="visually-hidden"> {e.taskName}</span>
                        </button>
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

function Meeting() {
  const [meetings] = useApi(() => api.coordinator.meetings(), []);
  const [meetingId, setMeetingId] = useState('');
  return (
    <section aria-labelledby="meeting-heading">
      <h2 id="meeting-heading">Meeting agenda</h2>
      <ApiView state={meetings} what="meetings" endpoint="GET /api/meetings">
        {(list) =>
          list.length === 0 ? (
            <p>No meetings are scheduled.</p>
          ) : (
            <div className="field">
              <label htmlFor="meeting-select">Meeting</label>
              <select id="meeting-select" value={meetingId} onChange={(e) => setMeetingId(e.target.value)}>
                <option value="">Choose a meeting…</option>
                {list.map((m) => (
                  <option key={m.id} value={m.id}>
                    {formatDateTime(m.date)}
                    {m.kind === 'emergency' ? ' (emergency)' : ''}
                  </option>
                ))}
              </select>
            </div>
          )
        }
      </ApiView>
      {meetingId && <Agenda meetingId={meetingId} />}
    </section>
  );
}

function Agenda({ meetingId }: { meetingId: string }) {
  const [agenda] = useApi(() => api.coordinator.agenda(meetingId), [meetingId]);
  return (
    <ApiView state={agenda} what="the agenda" endpoint="GET /api/meetings/:id/agenda">
      {(a) => (
        <>
          <ol className="agenda">
            {orderAgenda(a.cases).map((c) => (
              <li key={c.caseId}>
                <strong>{c.caseReference}</strong> — referred by {c.referringAgency}: {c.riskReason}
                {c.hasChildren && <span className="tag">children</span>}
                {c.repeat && <span className="tag">repeat</span>}
              </li>
            ))}
          </ol>
          <ActionPlan agenda={a} />
        </>
      )}
    </ApiView>
  );
}

function ActionPlan({ agenda }: { agenda: MeetingAgenda }) {
  const [status, setStatus] = useState('');
  const [error, setError] = useState<Error | null>(null);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const action = {
      caseId: String(form.get('caseId') ?? ''),
      description: String(form.get('description') ?? '').trim(),
      agency: String(form.get('agency') ?? '').trim(),
      dueAt: String(form.get('dueAt') ?? ''),
    };
    if (!action.caseId || !action.description || !action.agency || !action.dueAt) {
      setError(new Error('Every action needs a case, a description, an owning agency and a due date.'));
      return;
    }
    setError(null);
    try {
      await api.coordinator.addAction(agenda.meeting.id, action);
      setStatus(`Action recorded for ${action.agency}.`);
      event.currentTarget.reset();
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    }
  }
  return (
    <section aria-labelledby="plan-heading">
      <h2 id="plan-heading">Action plan</h2>
      <form onSubmit={submit} className="form-grid">
        <div className="field">
          <label htmlFor="action-case">Case</label>
          <select id="action-case" name="caseId">
            {orderAgenda(agenda.cases).map((c) => (
              <option key={c.caseId} value={c.caseId}>
                {c.caseReference}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="action-description">Action (specific and timed)</label>
          <textarea id="action-description" name="description" rows={2} />
        </div>
        <div className="field">
          <label htmlFor="action-agency">Owning agency</label>
          <input id="action-agency" name="agency" />
        </div>
        <div className="field">
          <label htmlFor="action-due">Due</label>
          <input id="action-due" name="dueAt" type="date" />
        </div>
        <button type="submit" className="button-primary">
          Add action
        </button>
      </form>
      {error && <ErrorNote error={error} />}
      <p role="status">{status}</p>
    </section>
  );
}
