/**
 * Everything one transaction writes for the events it applied, gathered in memory and sent to
 * PostgreSQL as ONE statement (data-modifying CTEs over `jsonb_to_recordset`), so an event
 * costs BEGIN, the lock, this statement and COMMIT whatever the number of rows. Several events,
 * on several instances, may share one `StepWrites`: they then commit together, all or nothing.
 */
import type { Queryable } from './database';
import type { InstanceRow } from './instance-lock';

/** The instance row as this transaction leaves it, stamped with the time it was written. */
export interface InstanceWrite extends InstanceRow {
  now: string;
}

export interface StepWrites {
  instances: Map<number, InstanceWrite>;
  events: { instance_id: number; seq: number; event: unknown; now: string; actor: string | null }[];
  history: { instance_id: number; seq: number; event_seq: number; element_id: string; element_instance_id: number | null; transition: string; at: string; detail: string | null }[];
  tasksNew: {
    instance_id: number; element_instance_id: number; partnership_id: string; element_id: string; name: string | null; status: string;
    agency: string | null; role: string | null; candidate_groups: string[]; candidate_users: string[]; assignee: string | null;
    due_at: string | null; assignment: unknown; input: unknown; created_at: string; end_reason: string | null;
  }[];
  tasksEnd: { instance_id: number; element_instance_id: number; status: string; completed_by: string | null; end_reason: string | null; at: string }[];
  timersNew: { instance_id: number; timer_id: number; element_instance_id: number; element_id: string; purpose: string; due_at: string; status: string; created_at: string }[];
  timersEnd: { instance_id: number; timer_id: number; status: string; at: string }[];
  subsNew: { instance_id: number; subscription_id: number; partnership_id: string; kind: string; name: string; correlation_key: string | null; element_id: string; status: string; created_at: string }[];
  subsClose: { instance_id: number; subscription_id: number }[];
  incidentsNew: { instance_id: number; incident_id: number; partnership_id: string; element_instance_id: number; element_id: string; kind: string; message: string; created_at: string }[];
  incidentsResolve: { instance_id: number; incident_id: number; at: string }[];
  slaEvents: { instance_id: number; partnership_id: string; kind: string; element_instance_id: number; element_id: string; step: number | null; escalate_to: string | null; due_at: string; created_at: string }[];
  outboxNew: { job_id: string; queue: string; job_name: string; payload: unknown; data: unknown; instance_id: number | null; available_at: string; created_at: string }[];
  /** Outbox rows whose effect this transaction applies (the job's fence) or no longer wants. */
  outboxDelete: string[];
  /** Service calls of element instances that were cancelled: their outbox rows go. */
  servicesCancel: { instance_id: number; element_instance_id: number }[];
  /** Instances that ended: whatever is still open of theirs is closed. */
  ended: { instance_id: number; at: string }[];
}

export function emptyWrites(): StepWrites {
  return {
    instances: new Map(), events: [], history: [], tasksNew: [], tasksEnd: [], timersNew: [], timersEnd: [], subsNew: [], subsClose: [],
    incidentsNew: [], incidentsResolve: [], slaEvents: [], outboxNew: [], outboxDelete: [], servicesCancel: [], ended: [],
  };
}

export function hasWrites(w: StepWrites): boolean {
  return w.instances.size > 0 || w.outboxDelete.length > 0 || w.timersEnd.length > 0 || w.outboxNew.length > 0;
}

// The statement is prepared once per connection and soon runs on a generic plan, which must not
// depend on table statistics being fresh (they lag behind a burst, and autovacuum may be off).
// So every UPDATE or DELETE of rows keyed by instance names its instances as
// `instance_id = ANY (ARRAY(SELECT …))`, which can only be an index lookup, never a hash join
// over the whole table; and `status = (SELECT 'pending')` keeps the partial index of all
// pending timers (and of open subscriptions) out of these plans: read by a stale estimate of
// "few pending rows", it cost a scan of 100,000 armed timers in every timer event.
const instancesOf = (rows: string) =>
  rows === 'ended' ? 'ANY (ARRAY(SELECT instance_id FROM ended))' : `ANY (ARRAY(SELECT y.instance_id FROM jsonb_to_recordset(${rows}::jsonb) AS y(instance_id bigint)))`;

/** Exported for the test of its plan. */
export const WRITE_SQL = `
WITH
inst AS (
  INSERT INTO instances (id, partnership_id, definition_id, process_id, business_key, status, state, version, history_seq, event_seq,
                         parent_instance_id, parent_element_instance_id, started_by, started_at, updated_at, ended_at)
  SELECT x.id, x.partnership_id, x.definition_id, x.process_id, x.business_key, x.status, x.state, x.version, x.history_seq, x.event_seq,
         x.parent_instance_id, x.parent_element_instance_id, x.started_by, x.now, x.now, CASE WHEN x.status <> 'active' THEN x.now END
  FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, partnership_id text, definition_id bigint, process_id text, business_key text, status text,
       state jsonb, version int, history_seq int, event_seq int, parent_instance_id bigint, parent_element_instance_id int, started_by text, now timestamptz)
  ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, state = EXCLUDED.state, version = EXCLUDED.version,
       history_seq = EXCLUDED.history_seq, event_seq = EXCLUDED.event_seq, updated_at = EXCLUDED.updated_at,
       ended_at = COALESCE(instances.ended_at, EXCLUDED.ended_at)
  RETURNING 1
),
ev AS (
  INSERT INTO instance_events (instance_id, seq, event, now, actor)
  SELECT x.instance_id, x.seq, x.event, x.now, x.actor
  FROM jsonb_to_recordset($2::jsonb) AS x(instance_id bigint, seq int, event jsonb, now timestamptz, actor text)
  RETURNING 1
),
hi AS (
  INSERT INTO history (instance_id, seq, event_seq, element_id, element_instance_id, transition, at, detail)
  SELECT x.instance_id, x.seq, x.event_seq, x.element_id, x.element_instance_id, x.transition, x.at, x.detail
  FROM jsonb_to_recordset($3::jsonb) AS x(instance_id bigint, seq int, event_seq int, element_id text, element_instance_id int, transition text, at timestamptz, detail text)
  RETURNING 1
),
tn AS (
  INSERT INTO user_tasks (instance_id, element_instance_id, partnership_id, element_id, name, status, agency, role, candidate_groups, candidate_users,
                          assignee, due_at, assignment, input, created_at, ended_at, end_reason)
  SELECT x.instance_id, x.element_instance_id, x.partnership_id, x.element_id, x.name, x.status, x.agency, x.role,
         COALESCE(x.candidate_groups, '{}'), COALESCE(x.candidate_users, '{}'), x.assignee, x.due_at, x.assignment, x.input, x.created_at,
         CASE WHEN x.status <> 'open' THEN x.created_at END, x.end_reason
  FROM jsonb_to_recordset($4::jsonb) AS x(instance_id bigint, element_instance_id int, partnership_id text, element_id text, name text, status text,
       agency text, role text, candidate_groups text[], candidate_users text[], assignee text, due_at timestamptz, assignment jsonb, input jsonb,
       created_at timestamptz, end_reason text)
  RETURNING id, instance_id, element_instance_id, element_id, status
),
te AS (
  UPDATE user_tasks t SET status = x.status, ended_at = x.at, completed_by = x.completed_by, end_reason = x.end_reason
  FROM jsonb_to_recordset($5::jsonb) AS x(instance_id bigint, element_instance_id int, status text, completed_by text, end_reason text, at timestamptz)
  WHERE t.instance_id = ${instancesOf('$5')}
    AND t.instance_id = x.instance_id AND t.element_instance_id = x.element_instance_id AND t.status = 'open'
  RETURNING 1
),
tmn AS (
  INSERT INTO timers (instance_id, timer_id, element_instance_id, element_id, purpose, due_at, status, created_at)
  SELECT x.instance_id, x.timer_id, x.element_instance_id, x.element_id, x.purpose, x.due_at, x.status, x.created_at
  FROM jsonb_to_recordset($6::jsonb) AS x(instance_id bigint, timer_id int, element_instance_id int, element_id text, purpose text, due_at timestamptz, status text, created_at timestamptz)
  RETURNING 1
),
tme AS (
  UPDATE timers t SET status = x.status, fired_at = CASE WHEN x.status = 'fired' THEN x.at END
  FROM jsonb_to_recordset($7::jsonb) AS x(instance_id bigint, timer_id int, status text, at timestamptz)
  WHERE t.instance_id = ${instancesOf('$7')}
    AND t.instance_id = x.instance_id AND t.timer_id = x.timer_id AND t.status = (SELECT 'pending')
  RETURNING 1
),
sn AS (
  INSERT INTO subscriptions (instance_id, subscription_id, partnership_id, kind, name, correlation_key, element_id, status, created_at)
  SELECT x.instance_id, x.subscription_id, x.partnership_id, x.kind, x.name, x.correlation_key, x.element_id, x.status, x.created_at
  FROM jsonb_to_recordset($8::jsonb) AS x(instance_id bigint, subscription_id int, partnership_id text, kind text, name text, correlation_key text, element_id text, status text, created_at timestamptz)
  RETURNING 1
),
sc AS (
  UPDATE subscriptions s SET status = 'closed'
  FROM jsonb_to_recordset($9::jsonb) AS x(instance_id bigint, subscription_id int)
  WHERE s.instance_id = ${instancesOf('$9')}
    AND s.instance_id = x.instance_id AND s.subscription_id = x.subscription_id
  RETURNING 1
),
inn AS (
  INSERT INTO incidents (instance_id, incident_id, partnership_id, element_instance_id, element_id, kind, message, status, created_at)
  SELECT x.instance_id, x.incident_id, x.partnership_id, x.element_instance_id, x.element_id, x.kind, x.message, 'open', x.created_at
  FROM jsonb_to_recordset($10::jsonb) AS x(instance_id bigint, incident_id int, partnership_id text, element_instance_id int, element_id text, kind text, message text, created_at timestamptz)
  RETURNING 1
),
inr AS (
  UPDATE incidents i SET status = 'resolved', resolved_at = x.at
  FROM jsonb_to_recordset($11::jsonb) AS x(instance_id bigint, incident_id int, at timestamptz)
  WHERE i.instance_id = ${instancesOf('$11')}
    AND i.instance_id = x.instance_id AND i.incident_id = x.incident_id AND i.status = 'open'
  RETURNING 1
),
sla AS (
  INSERT INTO sla_events (instance_id, partnership_id, kind, element_instance_id, element_id, step, escalate_to, due_at, created_at)
  SELECT x.instance_id, x.partnership_id, x.kind, x.element_instance_id, x.element_id, x.step, x.escalate_to, x.due_at, x.created_at
  FROM jsonb_to_recordset($12::jsonb) AS x(instance_id bigint, partnership_id text, kind text, element_instance_id int, element_id text, step int, escalate_to text, due_at timestamptz, created_at timestamptz)
  RETURNING 1
),
obn AS (
  INSERT INTO outbox (job_id, queue, job_name, payload, data, instance_id, available_at, created_at)
  SELECT x.job_id, x.queue, x.job_name, x.payload, x.data, x.instance_id, x.available_at, x.created_at
  FROM jsonb_to_recordset($13::jsonb) AS x(job_id text, queue text, job_name text, payload jsonb, data jsonb, instance_id bigint, available_at timestamptz, created_at timestamptz)
  -- A shared job (a second's timer wake-up) that another transaction already committed is left
  -- alone without touching the unique index, so steps arming timers for the same second do not
  -- queue behind each other.
  WHERE x.job_id <> ALL (ARRAY(SELECT e.job_id FROM outbox e
                              WHERE e.job_id = ANY (ARRAY(SELECT z.job_id FROM jsonb_to_recordset($13::jsonb) AS z(job_id text)))))
  ON CONFLICT (job_id) DO NOTHING
  RETURNING 1
),
obd AS (
  DELETE FROM outbox o WHERE o.job_id = ANY($14::text[])
  RETURNING 1
),
svc AS (
  DELETE FROM outbox o USING jsonb_to_recordset($15::jsonb) AS x(instance_id bigint, element_instance_id int)
  WHERE o.instance_id = ${instancesOf('$15')}
    AND o.instance_id = x.instance_id AND o.job_name = 'service.invoke' AND (o.payload->>'elementInstanceId')::int = x.element_instance_id
  RETURNING 1
),
ended AS (
  SELECT x.instance_id, x.at FROM jsonb_to_recordset($16::jsonb) AS x(instance_id bigint, at timestamptz)
),
end_tasks AS (
  UPDATE user_tasks t SET status = 'cancelled', ended_at = e.at, end_reason = 'instance-ended'
  FROM ended e WHERE t.instance_id = ${instancesOf('ended')} AND t.instance_id = e.instance_id AND t.status = 'open'
    AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset($5::jsonb) AS y(instance_id bigint, element_instance_id int)
                    WHERE y.instance_id = t.instance_id AND y.element_instance_id = t.element_instance_id)
  RETURNING 1
),
end_timers AS (
  UPDATE timers t SET status = 'cancelled'
  FROM ended e WHERE t.instance_id = ${instancesOf('ended')} AND t.instance_id = e.instance_id AND t.status = (SELECT 'pending')
    AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset($7::jsonb) AS y(instance_id bigint, timer_id int)
                    WHERE y.instance_id = t.instance_id AND y.timer_id = t.timer_id)
  RETURNING 1
),
end_jobs AS (
  DELETE FROM outbox o WHERE o.instance_id = ${instancesOf('ended')} AND o.job_name = 'service.invoke'
  RETURNING 1
),
end_subs AS (
  UPDATE subscriptions s SET status = 'closed' WHERE s.instance_id = ${instancesOf('ended')} AND s.status = (SELECT 'open')
  RETURNING 1
)
SELECT (SELECT json_agg(json_build_array(tn.id, tn.instance_id, tn.element_instance_id, tn.element_id)) FROM tn WHERE tn.status = 'open') AS new_tasks,
       (SELECT count(*) FROM inst) AS instances, (SELECT count(*) FROM te) AS tasks_ended, (SELECT count(*) FROM obd) AS outbox_deleted,
       (SELECT count(*) FROM tme) AS timers_ended, (SELECT count(*) FROM end_tasks) + (SELECT count(*) FROM end_timers) + (SELECT count(*) FROM end_subs) AS closed_at_end,
       (SELECT count(*) FROM ev) + (SELECT count(*) FROM hi) + (SELECT count(*) FROM tn) + (SELECT count(*) FROM tmn) + (SELECT count(*) FROM sn)
       + (SELECT count(*) FROM sc) + (SELECT count(*) FROM inn) + (SELECT count(*) FROM inr) + (SELECT count(*) FROM sla) + (SELECT count(*) FROM obn)
       + (SELECT count(*) FROM svc) AS other_rows
`;

export interface CreatedTask {
  id: number;
  instanceId: number;
  elementInstanceId: number;
  elementId: string;
}

export interface WriteCounts {
  /** Open user tasks this flush created, with their ids. */
  newTasks: CreatedTask[];
  instances: number;
  tasks_ended: number;
  outbox_deleted: number;
  timers_ended: number;
  closed_at_end: number;
  other_rows: number;
}

/** Writes everything in one statement (a named, prepared statement on each connection). */
export async function flushWrites(client: Queryable, w: StepWrites): Promise<WriteCounts> {
  const res = await client.query({
    name: 'rp_flush_writes_v5',
    text: WRITE_SQL,
    values: [
      JSON.stringify([...w.instances.values()]),
      JSON.stringify(w.events),
      JSON.stringify(w.history),
      JSON.stringify(w.tasksNew),
      JSON.stringify(w.tasksEnd),
      JSON.stringify(w.timersNew),
      JSON.stringify(w.timersEnd),
      JSON.stringify(w.subsNew),
      JSON.stringify(w.subsClose),
      JSON.stringify(w.incidentsNew),
      JSON.stringify(w.incidentsResolve),
      JSON.stringify(w.slaEvents),
      JSON.stringify(w.outboxNew),
      w.outboxDelete,
      JSON.stringify(w.servicesCancel),
      JSON.stringify(w.ended),
    ],
  });
  const row = res.rows[0] as Record<string, string | number>;
  const n = (k: string) => Number(row[k] ?? 0);
  const newTasks = ((row.new_tasks as unknown as [number, number, number, string][] | null) ?? []).map(([id, instanceId, elementInstanceId, elementId]) => ({
    id: Number(id), instanceId: Number(instanceId), elementInstanceId, elementId,
  }));
  return { newTasks, instances: n('instances'), tasks_ended: n('tasks_ended'), outbox_deleted: n('outbox_deleted'), timers_ended: n('timers_ended'), closed_at_end: n('closed_at_end'), other_rows: n('other_rows') };
}

/** Counts the rows a `StepWrites` holds (the benchmark's same-shape ceiling writes as many). */
export function countRows(w: StepWrites): number {
  return w.instances.size + w.events.length + w.history.length + w.tasksNew.length + w.tasksEnd.length + w.timersNew.length + w.timersEnd.length
    + w.subsNew.length + w.subsClose.length + w.incidentsNew.length + w.incidentsResolve.length + w.slaEvents.length + w.outboxNew.length
    + w.outboxDelete.length;
}
