// The inbox: the agency's queue and the user's own tasks, live through server-sent events
// (a toast and a count in the page title), with an SLA countdown, claim, hand back, and the
// completion form built from the task's declared fields.
import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/api-client';
import type { JsonValue, LiveNotification, TaskSummary } from '../../api/api.types';
import { ApiView, ErrorNote } from '../../components/api-status';
import { formatDateTime } from '../../components/format.util';
import { PageHeader } from '../../components/page-header';
import { useApi } from '../../components/use-api.hook';
import { useLiveNotifications } from './live-notifications.hook';
import { SlaCountdown } from './sla-countdown';
import { TaskForm } from './task-form';

type Queue = 'agency' | 'mine';

export function InboxPage() {
  const [params, setParams] = useSearchParams();
  const queue: Queue = params.get('queue') === 'mine' ? 'mine' : 'agency';
  const [tasks, reload] = useApi(() => api.tasks.list({ queue }), [queue]);
  const [selected, setSelected] = useState<string | null>(null);
  const [unseen, setUnseen] = useState(0);
  const [toast, setToast] = useState<string>('');
  const [actionError, setActionError] = useState<Error | null>(null);

  const onEvent = useCallback(
    (event: LiveNotification) => {
      setUnseen((n) => n + 1);
      setToast(event.text);
      reload();
    },
    [reload],
  );
  const live = useLiveNotifications(onEvent);

  useEffect(() => {
    const clear = () => document.visibilityState === 'visible' && setUnseen(0);
    document.addEventListener('visibilitychange', clear);
    return () => document.removeEventListener('visibilitychange', clear);
  }, []);

  async function act(run: () => Promise<unknown>) {
    setActionError(null);
    try {
      await run();
      reload();
    } catch (error) {
      setActionError(error instanceof Error ? error : new Error(String(error)));
    }
  }

  return (
    <>
      <PageHeader title="Inbox" titleSuffix={unseen > 0 ? `(${unseen}) ` : ''}>
        <p className="live-status" role="status">
          {live === 'live' ? 'Live: new tasks appear as they arrive.' : live === 'connecting' ? 'Connecting to live updates…' : 'Live updates are not available.'}
        </p>
      </PageHeader>
      <div className="toast-region" role="status" aria-live="polite">
        {toast && (
          <div className="toast">
            {toast}{' '}
            <button type="button" className="button-link" onClick={() => setToast('')}>
              Dismiss
            </button>
          </div>
        )}
      </div>
      <nav aria-label="Queues" className="segmented">
        {(['agency', 'mine'] as const).map((q) => (
          <button key={q} type="button" aria-pressed={queue === q} onClick={() => setParams(q === 'mine' ? { queue: 'mine' } : {})}>
            {q === 'agency' ? "My agency's queue" : 'My tasks'}
          </button>
        ))}
      </nav>
      {actionError && <ErrorNote error={actionError} />}
      <section aria-labelledby="tasks-heading">
        <h2 id="tasks-heading">{queue === 'agency' ? "Agency's queue" : 'My tasks'}</h2>
        <ApiView state={tasks} what="tasks" endpoint="GET /api/tasks">
          {(page) =>
            page.items.length === 0 ? (
              <p>No tasks are waiting.</p>
            ) : (
              <TaskTable tasks={page.items} selected={selected} onSelect={setSelected} onClaim={(id) => act(() => api.tasks.claim(id))} onHandBack={(id) => act(() => api.tasks.handBack(id))} />
            )
          }
        </ApiView>
      </section>
      {selected && <TaskPanel taskId={selected} onDone={() => { setSelected(null); reload(); }} />}
    </>
  );
}

function TaskTable({ tasks, selected, onSelect, onClaim, onHandBack }: { tasks: TaskSummary[]; selected: string | null; onSelect: (id: string) => void; onClaim: (id: string) => void; onHandBack: (id: string) => void }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">Tasks, soonest due first</caption>
        <thead>
          <tr>
            <th scope="col">Task</th>
            <th scope="col">Case</th>
            <th scope="col">SLA</th>
            <th scope="col">Assigned to</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((task) => (
            <tr key={task.id} aria-current={selected === task.id ? 'true' : undefined}>
              <th scope="row">{task.name}</th>
              <td>
                <Link to={`/cases/${encodeURIComponent(task.caseId)}`}>{task.caseReference}</Link>
              </td>
              <td>
                <SlaCountdown dueAt={task.dueAt} />
              </td>
              <td>{task.assignee?.displayName ?? 'Unassigned'}</td>
              <td className="actions">
                {task.status === 'open' && (
                  <button type="button" onClick={() => onClaim(task.id)}>
                    Claim<span className="visually-hidden"> {task.name}</span>
                  </button>
                )}
                {task.status === 'claimed' && (
                  <>
                    <button type="button" onClick={() => onSelect(task.id)}>
                      Work on<span className="visually-hidden"> {task.name}</span>
                    </button>
                    <button type="button" onClick={() => onHandBack(task.id)}>
                      Hand back<span className="visually-hidden"> {task.name}</span>
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TaskPanel({ taskId, onDone }: { taskId: string; onDone: () => void }) {
  const [task] = useApi(() => api.tasks.get(taskId), [taskId]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  async function complete(values: Record<string, JsonValue>) {
    setBusy(true);
    setError(null);
    try {
      await api.tasks.complete(taskId, values);
      onDone();
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="task-panel-heading" className="panel">
      <ApiView state={task} what="the task" endpoint="GET /api/tasks/:id">
        {(detail) => (
          <>
            <h2 id="task-panel-heading">{detail.name}</h2>
            <p>
              Case {detail.caseReference}, due {formatDateTime(detail.dueAt)}.
            </p>
            {error && <ErrorNote error={error} />}
            <TaskForm taskId={detail.id} fields={detail.form} onSubmit={complete} busy={busy} />
          </>
        )}
      </ApiView>
    </section>
  );
}
