import { createTestDatabase, TestDatabase } from '../../../test/runtime/support/test-database';
import { Database } from './database';
import { createDataSource, runMigrations } from './data-source';
import { emptyWrites, flushWrites, WRITE_SQL, type InstanceWrite } from './step-writes';
import { lockInstance } from './instance-lock';

describe('persistence on a real PostgreSQL', () => {
  let tdb: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    tdb = await createTestDatabase('persist');
    expect(await runMigrations(tdb.url)).toContain('InitialSchema1763800000000');
    db = new Database({ url: tdb.url, poolSize: 2 });
  });

  afterAll(async () => {
    await db?.close();
    await tdb?.drop();
  });

  it('runs migrations once (a second run applies nothing)', async () => {
    expect(await runMigrations(tdb.url)).toEqual([]);
  });

  it('has no drift between the entities and the migrations', async () => {
    const ds = createDataSource(tdb.url);
    await ds.initialize();
    try {
      const sql = await ds.driver.createSchemaBuilder().log();
      const drift = sql.upQueries.map((q) => q.query).filter((q) => !/INDEX|CONSTRAINT|UNIQUE/i.test(q));
      expect(drift).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });

  async function seedDefinition(): Promise<number> {
    const r = await db.query<{ id: number }>(
      `INSERT INTO definitions (partnership_id, key, version, xml, hash, model, process_ids, deployed_by, deployed_at)
       VALUES ('p1', 'k', 1, '<x/>', 'h', '{}', '{k}', 'u', now()) RETURNING id`,
    );
    return r[0]!.id;
  }

  it('writes an event in one statement and nets rows opened and closed in the same flush', async () => {
    const defId = await seedDefinition();
    const now = new Date().toISOString();
    const w = emptyWrites();
    w.instances.set(1, {
      id: 1, partnership_id: 'p1', definition_id: defId, process_id: 'k', business_key: 'REF-1', status: 'active', state: { a: 1 }, version: 1,
      history_seq: 2, event_seq: 1, parent_instance_id: null, parent_element_instance_id: null, started_by: 'u', now,
    });
    w.events.push({ instance_id: 1, seq: 1, event: { type: 'start', options: {} }, now, actor: 'u' });
    w.history.push({ instance_id: 1, seq: 1, event_seq: 1, element_id: 'start', element_instance_id: 1, transition: 'activated', at: now, detail: null });
    w.history.push({ instance_id: 1, seq: 2, event_seq: 1, element_id: 'task', element_instance_id: 2, transition: 'activated', at: now, detail: null });
    w.tasksNew.push({
      instance_id: 1, element_instance_id: 2, partnership_id: 'p1', element_id: 'task', name: 'Triage', status: 'open', agency: 'police', role: null,
      candidate_groups: ['police'], candidate_users: [], assignee: null, due_at: null, assignment: { form: [] }, input: null, created_at: now, end_reason: null,
    });
    w.timersNew.push({ instance_id: 1, timer_id: 3, element_instance_id: 2, element_id: 'sla', purpose: 'sla', due_at: now, status: 'pending', created_at: now });
    w.outboxNew.push({ job_id: 'svc-1-1-0', queue: 'service', job_name: 'service.invoke', payload: { instanceId: 1, elementInstanceId: 2, version: 1 }, data: null, instance_id: 1, available_at: now, created_at: now });
    // A second's timer wake-up is shared by every instance with a timer due then: no instance of its own.
    w.outboxNew.push({ job_id: 'timer-wake-1', queue: 'runtime', job_name: 'timer.wake', payload: { second: 1 }, data: null, instance_id: null, available_at: now, created_at: now });
    const counts = await db.tx((c) => flushWrites(c, w));
    expect(counts.instances).toBe(1);
    expect(counts.newTasks).toEqual([{ id: expect.any(Number), instanceId: 1, elementInstanceId: 2, elementId: 'task' }]);

    // Second event: the task completes, the timer is cancelled, the instance ends.
    const w2 = emptyWrites();
    const locked = await db.tx(async (c) => {
      const row = await lockInstance(c, 1);
      w2.instances.set(1, { ...(row as unknown as InstanceWrite), state: { a: 2 }, version: 2, status: 'completed', history_seq: 3, event_seq: 2, now });
      w2.events.push({ instance_id: 1, seq: 2, event: { type: 'task-completed', elementInstanceId: 2 }, now, actor: 'u' });
      w2.history.push({ instance_id: 1, seq: 3, event_seq: 2, element_id: 'task', element_instance_id: 2, transition: 'completed', at: now, detail: null });
      w2.tasksEnd.push({ instance_id: 1, element_instance_id: 2, status: 'completed', completed_by: 'u', end_reason: null, at: now });
      w2.ended.push({ instance_id: 1, at: now });
      await flushWrites(c, w2);
      return row;
    });
    expect(locked?.version).toBe(1);
    const inst = await db.query('SELECT status, version, state, ended_at FROM instances WHERE id = 1');
    expect(inst[0]).toMatchObject({ status: 'completed', version: 2, state: { a: 2 } });
    expect(inst[0]!.ended_at).not.toBeNull();
    expect((await db.query('SELECT status, completed_by FROM user_tasks'))[0]).toEqual({ status: 'completed', completed_by: 'u' });
    expect((await db.query('SELECT status FROM timers'))[0]).toEqual({ status: 'cancelled' });
    // The ended instance's own job goes; the shared wake-up stays (it may wake other timers).
    expect(await db.query('SELECT job_id FROM outbox')).toEqual([{ job_id: 'timer-wake-1' }]);
    expect((await db.query('SELECT seq FROM history WHERE instance_id = 1 ORDER BY seq')).map((r) => r.seq)).toEqual([1, 2, 3]);
  });

  it('rejects a repeated history sequence number (history is append-only per instance)', async () => {
    const now = new Date().toISOString();
    const w = emptyWrites();
    w.history.push({ instance_id: 1, seq: 3, event_seq: 3, element_id: 'x', element_instance_id: null, transition: 'taken', at: now, detail: null });
    await expect(db.tx((c) => flushWrites(c, w))).rejects.toThrow(/duplicate key/);
  });

  it('plans its updates as index lookups by instance even when statistics are stale (no full scan of pending timers or the outbox)', async () => {
    // Statistics taken while the tables are nearly empty, then 20,000 pending timers and
    // outbox rows that no ANALYZE has seen: what a burst on a server without autovacuum looks like.
    await db.query('ANALYZE instances, timers, outbox');
    const defId = (await db.query<{ id: number }>('SELECT id FROM definitions LIMIT 1'))[0]!.id;
    await db.query(
      `INSERT INTO instances (id, partnership_id, definition_id, process_id, status, state, version, history_seq, event_seq, started_at, updated_at)
       SELECT 100000 + g, 'p1', $1, 'k', 'active', '{}', 1, 1, 1, now(), now() FROM generate_series(1, 20000) g`,
      [defId],
    );
    await db.query(
      `INSERT INTO timers (instance_id, timer_id, element_instance_id, element_id, purpose, due_at, status, created_at)
       SELECT 100000 + g, 1, 1, 'Wait', 'event', now() + interval '90 days', 'pending', now() FROM generate_series(1, 20000) g`,
    );
    await db.query(
      `INSERT INTO outbox (job_id, queue, job_name, payload, instance_id, available_at, created_at)
       SELECT 'bench-' || g, 'runtime', 'timer.wake', '{}', 100000 + g, now(), now() FROM generate_series(1, 20000) g`,
    );
    const plan = await db.tx(async (c) => {
      await c.query('SET LOCAL plan_cache_mode = force_generic_plan');
      const types = Array.from({ length: 16 }, (_, i) => (i === 13 ? 'text[]' : 'jsonb'));
      await c.query(`PREPARE plan_probe(${types.join(', ')}) AS ${WRITE_SQL}`);
      const r = await c.query(`EXPLAIN EXECUTE plan_probe(${types.map((t) => (t === 'text[]' ? `'{}'::text[]` : `'[]'::jsonb`)).join(', ')})`);
      await c.query('DEALLOCATE plan_probe');
      return r.rows.map((x: Record<string, string>) => x['QUERY PLAN']).join('\n');
    });
    expect(plan).not.toMatch(/Seq Scan on (timers|outbox)/);
    expect(plan).not.toContain('timers_pending_due');
    expect(plan).toMatch(/Index Cond: \(instance_id = ANY/);
    await db.query('DELETE FROM instances WHERE id > 100000');
  });
});
