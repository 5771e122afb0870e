// The inbox: the agency's queue and the user's own tasks, live through server-sent events
// (a toast and a count in the page title), with an SLA countdown, claim, hand back, and the
// completion form built from the task's declared fields.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, fieldErrors } from '../../api/api-client';
import type { JsonValue, TaskSummary } from '../../api/api.types';
import { useLive, useLiveEvents } from '../../app/live';
import { useMe } from '../../app/session';
import { ApiView, ErrorNote } from '../../components/api-status';
import { formatDateTime } from '../../components/format.util';
import { PageHeader } from '../../components/page-header';
import { useApi } from '../../components/use-api.hook';
import { SlaCountdown } from './sla-countdown';
import { TaskForm } from './task-form';

type Queue = 'agency' | 'mine';

export function InboxPage() {
  const [params, setParams] = useSearchParams();
  const queue: Queue = params.get('queue') === 'mine' ? 'mine' : 'agency';
  const [tasks, reload] = useApi(() => api.tasks.list({ queue }), [queue]);
  const [selected, setSelected] = useState<string | null>(null);
  const [actionError, setActionError] = useState<Error | null>(null);
  const [done, setDone] = useState('');
  const { status: live, unread, markAllRead } = useLive();
  const me = useMe();
  // new work arrives: the queue is read again
  useLiveEvents(() => reload());

  async function act(run: () => Promise<unknown>): Promise<boolean> {
    setActionError(null);
    setDone('');
    try {
      await run();
      reload();
      return true;
    } catch (error) {
      setActionError(error instanceof Error ? error : new Error(String(error)));
      return false;
    }
  }

  return (
    <>
      <PageHeader title="Inbox">
        <p className="live-status" role="status" data-testid="live-status">
          {live === 'live' ? 'Live: new tasks appear as they arrive.' : live === 'connecting' ? 'Connecting to live updates…' : 'Live updates are not available.'}
          {unread > 0 && (
            <>
              {' '}
              {unread} unread notification{unread === 1 ? '' : 's'}.{' '}
              <button type="button" className="button-link" onClick={markAllRead}>
                Mark all as read
              </button>
            </>
          )}
        </p>
      </PageHeader>
      <nav aria-label="Queues" className="segmented">
        {(['agency', 'mine'] as const).map((q) => (
          <button key={q} type="button" aria-pressed={queue === q} onClick={() => setParams(q === 'mine' ? { queue: 'mine' } : {})}>
            {q === 'agency' ? "My agency's queue" : 'My tasks'}
          </button>
        ))}
      </nav>
      {actionError && <ErrorNote error={actionError} />}
      <p role="status" className="status-line" data-testid="inbox-status">
        {done}
      </p>
      <section aria-labelledby="tasks-heading">
        <h2 id="tasks-heading">{queue === 'agency' ? "Agency's queue" : 'My tasks'}</h2>
        <ApiView state={tasks} what="tasks" endpoint="GET /api/tasks">
          {(page) =>
            page.items.length === 0 ? (
              <p>No tasks are waiting.</p>
            ) : (
              <TaskTable
                tasks={page.items}
                meId={me?.id}
                selected={selected}
                onSelect={setSelected}
                onClaim={(id) => act(() => api.tasks.claim(id)).then((ok) => ok && setSelected(id))}
                onHandBack={(id) => act(() => api.tasks.handBack(id)).then((ok) => ok && setSelected((s) => (s === id ? null : s)))}
              />
            )
          }
        </ApiView>
      </section>
      {selected && (
        <TaskPanel
          taskId={selected}
          onDone={(name) => {
            setSelected(null);
            setDone(`Completed: ${name}.`);
            reload();
          }}
        />
      )}
    </>
  );
}

function TaskTable({ tasks, meId, selected, onSelect, onClaim, onHandBack }: { tasks: TaskSummary[]; meId?: string; selected: string | null; onSelect: (id: string) => void; onClaim: (id: string) => void; onHandBack: (id: string) => void }) {
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
            <tr key={task.id} aria-current={selected === task.id ? 'true' : undefined} data-task-id={task.id}>
              <th scope="row">{task.name}</th>
              <td>{task.caseId ? <Link to={`/cases/${encodeURIComponent(task.caseId)}`}>{task.caseReference ?? 'the case'}</Link> : <span className="muted">no case</span>}</td>
              <td>
                <SlaCountdown dueAt={task.dueAt} />
              </td>
              <td>{task.assignee ? (task.assignee.id === meId ? 'You' : 'Someone else in your agency') : 'Unassigned'}</td>
              <td className="actions">
                {task.status === 'open' && (
                  <button type="button" onClick={() => onClaim(task.id)}>
                    Claim<span className="visually-hidden"> {task.name}</span>
                  </button>
                )}
                {task.status === 'claimed' && task.assignee?.id === meId && (
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

function TaskPanel({ taskId, onDone }: { taskId: string; onDone: (name: string) => void }) {
  const [task] = useApi(() => api.tasks.get(taskId), [taskId]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});

  async function complete(values: Record<string, JsonValue>, name: string) {
    setBusy(true);
    setError(null);
    setServerErrors({});
    try {
      await api.tasks.complete(taskId, values);
      onDone(name);
    } catch (e) {
      const fields = fieldErrors(e);
      if (Object.keys(fields).length > 0) setServerErrors(fields);
      else setError(e instanceof Error ? e : new Error(String(e)));
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
              {detail.caseReference ? `Case ${detail.caseReference}, ` : ''}due {formatDateTime(detail.dueAt ?? undefined)}.
            </p>
            {error && <ErrorNote error={error} />}
            <TaskForm taskId={detail.id} fields={detail.form} onSubmit={(values) => complete(values, detail.name)} busy={busy} serverErrors={serverErrors} />
          </>
        )}
      </ApiView>
    </section>
  );
}
