import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 5 on the runtime: partnership pathways.
 *
 * - `partnerships` rows NOTIFY `rp_partnership_changed` when they change, so every process drops
 *   its cached engine context (calendar, parameters).
 * - `sla_escalations`: every SLA breach and escalation step, with its reason and time, written by
 *   a trigger from the engine's `sla_events` rows in the step's own transaction (whoever writes
 *   the step, api or worker), then acknowledged and resolved by coordinators.
 * - `agency_miss_flags`: agencies with a pattern of misses in a quarter, flagged to the steering group.
 * - MARAC meetings: the partnership's schedule, the meetings, the cases listed, the action plan
 *   (one row per action; the description encrypted) and the minutes, kept apart from case files
 *   (their own table, encrypted, read through the `minutes` scope only).
 * - Repeat detection: proposals a coordinator confirms or rejects, and the links confirmed.
 * - `case_monitoring`: the non-identifying monitoring data SafeLives' dataset counts (source
 *   agency category, diversity flags, age bands) and the referral's decision data, for KPIs.
 */
export class PartnershipPathways1796000000000 implements MigrationInterface {
  name = 'PartnershipPathways1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION partnerships_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('rp_partnership_changed', COALESCE(NEW.id, OLD.id));
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER partnerships_notify_change AFTER INSERT OR UPDATE OR DELETE ON partnerships FOR EACH ROW EXECUTE FUNCTION partnerships_notify_change()`);

    await q.query(`
      CREATE TABLE sla_escalations (
        id bigserial PRIMARY KEY,
        sla_event_id bigint NOT NULL UNIQUE,
        partnership_id text NOT NULL,
        instance_id bigint NOT NULL,
        element_instance_id integer NOT NULL,
        task_id bigint,
        element_id text NOT NULL,
        task_name text,
        process_id text,
        case_id text,
        agency_id text,
        kind text NOT NULL CHECK (kind IN ('breach', 'escalation')),
        step integer,
        escalate_to text,
        due_at timestamptz NOT NULL,
        raised_at timestamptz NOT NULL,
        reason text NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'resolved')),
        acknowledged_by text,
        acknowledged_at timestamptz,
        resolved_by text,
        resolved_at timestamptz,
        resolution text,
        note text
      )`);
    await q.query(`CREATE INDEX sla_escalations_open ON sla_escalations (partnership_id, status, id)`);
    await q.query(`CREATE INDEX sla_escalations_agency ON sla_escalations (partnership_id, agency_id, raised_at)`);
    await q.query(`CREATE INDEX sla_escalations_task ON sla_escalations (task_id)`);
    await q.query(`
      CREATE FUNCTION sla_events_record_escalation() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        t record;
        p_id text;
        label text;
        after_text text;
      BEGIN
        SELECT ut.id, ut.name, ut.agency_id, ut.case_id, ut.assignment INTO t
          FROM user_tasks ut WHERE ut.instance_id = NEW.instance_id AND ut.element_instance_id = NEW.element_instance_id;
        SELECT i.process_id INTO p_id FROM instances i WHERE i.id = NEW.instance_id;
        label := COALESCE(t.name, NEW.element_id);
        IF NEW.kind = 'breach' THEN
          after_text := 'SLA breached: "' || label || '" was not completed by its due time ('
            || COALESCE(t.assignment->>'sla', 'no SLA') || COALESCE(' on the ' || (t.assignment->>'calendar') || ' calendar', ' clock time') || ')';
        ELSE
          after_text := 'Escalation step ' || (COALESCE(NEW.step, 0) + 1) || ' to ' || COALESCE(NEW.escalate_to, 'unknown') || ': "' || label
            || '" still not completed ' || COALESCE(t.assignment->'escalation'->COALESCE(NEW.step, 0)->>'after', '?') || ' after its due time';
        END IF;
        INSERT INTO sla_escalations (sla_event_id, partnership_id, instance_id, element_instance_id, task_id, element_id, task_name, process_id, case_id, agency_id,
                                     kind, step, escalate_to, due_at, raised_at, reason)
          VALUES (NEW.id, NEW.partnership_id, NEW.instance_id, NEW.element_instance_id, t.id, NEW.element_id, t.name, p_id, t.case_id, t.agency_id,
                  NEW.kind, NEW.step, NEW.escalate_to, NEW.due_at, NEW.created_at, after_text)
          ON CONFLICT (sla_event_id) DO NOTHING;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER sla_events_record_escalation AFTER INSERT ON sla_events FOR EACH ROW WHEN (NEW.kind IN ('breach', 'escalation')) EXECUTE FUNCTION sla_events_record_escalation()`);

    await q.query(`
      CREATE TABLE agency_miss_flags (
        id bigserial PRIMARY KEY,
        partnership_id text NOT NULL,
        agency_id text NOT NULL,
        quarter text NOT NULL,
        misses integer NOT NULL,
        threshold integer NOT NULL,
        flagged_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        acknowledged_by text,
        acknowledged_at timestamptz,
        CONSTRAINT agency_miss_flags_quarter UNIQUE (partnership_id, agency_id, quarter)
      )`);

    await q.query(`
      CREATE TABLE meeting_schedules (
        partnership_id text NOT NULL,
        pathway text NOT NULL,
        schedule jsonb NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (partnership_id, pathway)
      )`);
    await q.query(`
      CREATE TABLE meetings (
        id text PRIMARY KEY,
        partnership_id text NOT NULL,
        pathway text NOT NULL,
        date date NOT NULL,
        start_time text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('scheduled', 'emergency')),
        status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        held_at timestamptz,
        CONSTRAINT meetings_slot UNIQUE (partnership_id, pathway, date, kind)
      )`);
    await q.query(`CREATE INDEX meetings_partnership_date ON meetings (partnership_id, date)`);
    await q.query(`
      CREATE TABLE meeting_cases (
        meeting_id text NOT NULL REFERENCES meetings (id),
        case_id text NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        partnership_id text NOT NULL,
        listed_at timestamptz NOT NULL,
        listed_by text NOT NULL,
        reasons text[] NOT NULL DEFAULT '{}',
        heard_at timestamptz,
        PRIMARY KEY (meeting_id, case_id)
      )`);
    await q.query(`CREATE INDEX meeting_cases_case ON meeting_cases (case_id)`);
    await q.query(`
      CREATE TABLE meeting_actions (
        id text PRIMARY KEY,
        meeting_id text NOT NULL REFERENCES meetings (id),
        case_id text NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        partnership_id text NOT NULL,
        agency_id text NOT NULL REFERENCES agencies (id),
        description text,
        key_id text,
        due_date date NOT NULL,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued')),
        outcome text NOT NULL DEFAULT 'open' CHECK (outcome IN ('open', 'completed', 'not-possible-change-in-circumstance', 'agency-did-not-act')),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        closed_at timestamptz
      )`);
    await q.query(`CREATE INDEX meeting_actions_case ON meeting_actions (case_id)`);
    await q.query(`CREATE INDEX meeting_actions_open ON meeting_actions (partnership_id, outcome)`);
    // An action task's completion (its actionOutcome) closes the action of the plan.
    await q.query(`
      CREATE FUNCTION instance_events_close_action() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE meeting_actions a SET outcome = NEW.event->'variables'->>'actionOutcome', closed_at = NEW.now
          FROM user_tasks t
         WHERE t.instance_id = NEW.instance_id AND t.element_instance_id = (NEW.event->>'elementInstanceId')::int
           AND a.id = t.input->'action'->>'actionId' AND a.outcome = 'open';
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER instance_events_close_action AFTER INSERT ON instance_events FOR EACH ROW
        WHEN (NEW.event->>'type' = 'task-completed' AND NEW.event->'variables' ? 'actionOutcome'
              AND NEW.event->'variables'->>'actionOutcome' IN ('completed', 'not-possible-change-in-circumstance', 'agency-did-not-act'))
        EXECUTE FUNCTION instance_events_close_action()`);
    await q.query(`
      CREATE TABLE meeting_minutes (
        id text PRIMARY KEY,
        meeting_id text NOT NULL REFERENCES meetings (id),
        case_id text REFERENCES cases (id) ON DELETE CASCADE,
        partnership_id text NOT NULL,
        body text NOT NULL,
        key_id text NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX meeting_minutes_meeting ON meeting_minutes (meeting_id)`);

    await q.query(`
      CREATE TABLE repeat_proposals (
        id bigserial PRIMARY KEY,
        partnership_id text NOT NULL,
        case_id text NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        candidate_case_id text NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        score real NOT NULL,
        reasons text[] NOT NULL,
        within_repeat_window boolean NOT NULL,
        days_since_last_referral integer NOT NULL,
        status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'confirmed', 'rejected')),
        proposed_at timestamptz NOT NULL,
        decided_by text,
        decided_at timestamptz,
        CONSTRAINT repeat_proposals_pair UNIQUE (case_id, candidate_case_id)
      )`);
    await q.query(`CREATE INDEX repeat_proposals_open ON repeat_proposals (partnership_id, status, id)`);
    await q.query(`
      CREATE TABLE case_links (
        case_id text NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        linked_case_id text NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        partnership_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('repeat')),
        proposal_id bigint,
        confirmed_by text NOT NULL,
        confirmed_at timestamptz NOT NULL,
        PRIMARY KEY (case_id, linked_case_id)
      )`);

    await q.query(`
      CREATE TABLE case_monitoring (
        case_id text PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
        partnership_id text NOT NULL,
        pathway text NOT NULL,
        referral_date date NOT NULL,
        received_at timestamptz NOT NULL,
        referring_agency_kind text NOT NULL,
        dash_score integer,
        criteria jsonb NOT NULL DEFAULT '{}',
        is_repeat boolean NOT NULL DEFAULT false,
        victim_gender text NOT NULL DEFAULT 'unknown' CHECK (victim_gender IN ('female', 'male', 'other', 'unknown')),
        victim_age_band text CHECK (victim_age_band IN ('16-17', '18-24', '25-44', '45-64', '65+')),
        bme boolean,
        lgbt boolean,
        disability boolean,
        perpetrators_under_18 integer NOT NULL DEFAULT 0,
        perpetrator_count integer NOT NULL DEFAULT 0,
        children_count integer NOT NULL DEFAULT 0
      )`);
    await q.query(`CREATE INDEX case_monitoring_partnership ON case_monitoring (partnership_id, referral_date)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS instance_events_close_action ON instance_events`);
    await q.query(`DROP FUNCTION IF EXISTS instance_events_close_action()`);
    await q.query(`DROP TRIGGER IF EXISTS sla_events_record_escalation ON sla_events`);
    await q.query(`DROP FUNCTION IF EXISTS sla_events_record_escalation()`);
    await q.query(`DROP TRIGGER IF EXISTS partnerships_notify_change ON partnerships`);
    await q.query(`DROP FUNCTION IF EXISTS partnerships_notify_change()`);
    for (const t of ['case_monitoring', 'case_links', 'repeat_proposals', 'meeting_minutes', 'meeting_actions', 'meeting_cases', 'meetings', 'meeting_schedules', 'agency_miss_flags', 'sla_escalations']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
