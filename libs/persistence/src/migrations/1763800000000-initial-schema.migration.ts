import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The runtime's tables. PostgreSQL is the truth: instance state, tasks, timers, subscriptions,
 * incidents, the append-only history and the input events (for replay), and the outbox that
 * carries side effects to the queue after commit.
 */
export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE definitions (
        id bigserial PRIMARY KEY,
        partnership_id text NOT NULL,
        key text NOT NULL,
        version integer NOT NULL,
        name text,
        xml text NOT NULL,
        hash text NOT NULL,
        model jsonb NOT NULL,
        process_ids text[] NOT NULL,
        start_triggers jsonb NOT NULL DEFAULT '[]',
        source text,
        deployed_by text NOT NULL,
        deployed_at timestamptz NOT NULL,
        CONSTRAINT definitions_key_version UNIQUE (partnership_id, key, version)
      )`);
    await q.query(`CREATE INDEX definitions_process_ids ON definitions USING gin (process_ids)`);

    await q.query(`
      CREATE TABLE instances (
        id bigserial PRIMARY KEY,
        partnership_id text NOT NULL,
        definition_id bigint NOT NULL REFERENCES definitions (id),
        process_id text NOT NULL,
        business_key text,
        status text NOT NULL,
        state jsonb NOT NULL,
        version integer NOT NULL,
        history_seq integer NOT NULL DEFAULT 0,
        event_seq integer NOT NULL DEFAULT 0,
        parent_instance_id bigint REFERENCES instances (id),
        parent_element_instance_id integer,
        started_by text,
        started_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        ended_at timestamptz,
        CONSTRAINT instances_parent_element UNIQUE (parent_instance_id, parent_element_instance_id)
      )`);
    await q.query(`CREATE INDEX instances_partnership_status ON instances (partnership_id, status, id)`);
    await q.query(`CREATE INDEX instances_business_key ON instances (partnership_id, business_key)`);
    await q.query(`CREATE INDEX instances_definition ON instances (definition_id)`);

    await q.query(`
      CREATE TABLE instance_events (
        instance_id bigint NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
        seq integer NOT NULL,
        event jsonb NOT NULL,
        now timestamptz NOT NULL,
        actor text,
        PRIMARY KEY (instance_id, seq)
      )`);

    await q.query(`
      CREATE TABLE history (
        instance_id bigint NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
        seq integer NOT NULL,
        event_seq integer NOT NULL,
        element_id text NOT NULL,
        element_instance_id integer,
        transition text NOT NULL,
        at timestamptz NOT NULL,
        detail text,
        PRIMARY KEY (instance_id, seq)
      )`);

    await q.query(`
      CREATE TABLE user_tasks (
        id bigserial PRIMARY KEY,
        instance_id bigint NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
        element_instance_id integer NOT NULL,
        partnership_id text NOT NULL,
        element_id text NOT NULL,
        name text,
        status text NOT NULL,
        agency text,
        role text,
        candidate_groups text[] NOT NULL DEFAULT '{}',
        candidate_users text[] NOT NULL DEFAULT '{}',
        assignee text,
        due_at timestamptz,
        assignment jsonb NOT NULL,
        input jsonb,
        created_at timestamptz NOT NULL,
        ended_at timestamptz,
        completed_by text,
        end_reason text,
        CONSTRAINT user_tasks_element UNIQUE (instance_id, element_instance_id)
      )`);
    await q.query(`CREATE INDEX user_tasks_partnership_status ON user_tasks (partnership_id, status, id)`);

    await q.query(`
      CREATE TABLE timers (
        id bigserial PRIMARY KEY,
        instance_id bigint REFERENCES instances (id) ON DELETE CASCADE,
        timer_id integer,
        element_instance_id integer,
        element_id text NOT NULL,
        purpose text NOT NULL,
        definition_id bigint REFERENCES definitions (id),
        due_at timestamptz NOT NULL,
        status text NOT NULL,
        fired_at timestamptz,
        remaining integer,
        created_at timestamptz NOT NULL,
        CONSTRAINT timers_instance_timer UNIQUE (instance_id, timer_id)
      )`);
    await q.query(`CREATE INDEX timers_pending_due ON timers (due_at) WHERE status = 'pending'`);

    await q.query(`
      CREATE TABLE subscriptions (
        instance_id bigint NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
        subscription_id integer NOT NULL,
        partnership_id text NOT NULL,
        kind text NOT NULL,
        name text NOT NULL,
        correlation_key text,
        element_id text NOT NULL,
        status text NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (instance_id, subscription_id)
      )`);
    await q.query(`CREATE INDEX subscriptions_open ON subscriptions (partnership_id, kind, name, correlation_key) WHERE status = 'open'`);

    await q.query(`
      CREATE TABLE incidents (
        id bigserial PRIMARY KEY,
        instance_id bigint NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
        incident_id integer NOT NULL,
        partnership_id text NOT NULL,
        element_instance_id integer NOT NULL,
        element_id text NOT NULL,
        kind text NOT NULL,
        message text NOT NULL,
        status text NOT NULL,
        created_at timestamptz NOT NULL,
        resolved_at timestamptz,
        CONSTRAINT incidents_instance_incident UNIQUE (instance_id, incident_id)
      )`);
    await q.query(`CREATE INDEX incidents_partnership_status ON incidents (partnership_id, status, id)`);

    await q.query(`
      CREATE TABLE sla_events (
        id bigserial PRIMARY KEY,
        instance_id bigint NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
        partnership_id text NOT NULL,
        kind text NOT NULL,
        element_instance_id integer NOT NULL,
        element_id text NOT NULL,
        step integer,
        escalate_to text,
        due_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX sla_events_instance ON sla_events (instance_id)`);

    await q.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        job_id text NOT NULL,
        queue text NOT NULL,
        job_name text NOT NULL,
        payload jsonb NOT NULL,
        data jsonb,
        instance_id bigint,
        available_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        sent_at timestamptz,
        CONSTRAINT outbox_job_id UNIQUE (job_id)
      )`);
    await q.query(`CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL`);
    await q.query(`CREATE INDEX outbox_available ON outbox (available_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['outbox', 'sla_events', 'incidents', 'subscriptions', 'timers', 'user_tasks', 'history', 'instance_events', 'instances', 'definitions']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
