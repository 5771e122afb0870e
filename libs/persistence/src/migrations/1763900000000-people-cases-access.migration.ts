import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 4: partnerships, agencies, users and sessions; cases and the people in them (personal
 * fields in scoped, encrypted columns); shares with consent and lawful basis; exclusions
 * ("not safe to talk to"); break-glass; the append-only audit log; and the application's
 * database role, which may read and insert audit rows but never update or delete them.
 *
 * User tasks get the agency that works them (`agency_id`) and the case they belong to
 * (`case_id`), resolved by a trigger when the runtime inserts the task, so every writer (api or
 * worker) routes tasks the same way in the same transaction.
 */
export const APP_DB_ROLE = 'referral_app';

export class PeopleCasesAccess1763900000000 implements MigrationInterface {
  name = 'PeopleCasesAccess1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE partnerships (
        id text PRIMARY KEY,
        name text NOT NULL,
        time_zone text NOT NULL,
        calendar jsonb NOT NULL DEFAULT '{}',
        parameters jsonb NOT NULL DEFAULT '{}',
        population jsonb NOT NULL DEFAULT '{}',
        retention_months integer NOT NULL DEFAULT 72 CHECK (retention_months BETWEEN 1 AND 600),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE agencies (
        id text PRIMARY KEY,
        partnership_id text NOT NULL REFERENCES partnerships (id),
        code text NOT NULL,
        name text NOT NULL,
        type text NOT NULL CHECK (type IN ('police', 'idva', 'children-social-work', 'health', 'housing', 'ngo-refuge', 'probation', 'other')),
        spoc_user_id text,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'offboarded')),
        offboarded_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT agencies_code UNIQUE (partnership_id, code)
      )`);

    await q.query(`
      CREATE TABLE users (
        id text PRIMARY KEY,
        partnership_id text NOT NULL REFERENCES partnerships (id),
        agency_id text REFERENCES agencies (id),
        email text NOT NULL,
        display_name text NOT NULL,
        roles text[] NOT NULL DEFAULT '{}' CHECK (roles <@ ARRAY['partnership-coordinator', 'marac-coordinator', 'marac-chair', 'agency-spoc', 'agency-worker', 'idva', 'manager', 'steering-group', 'dpo', 'administrator']::text[]),
        password_hash text,
        totp_secret text,
        totp_enabled boolean NOT NULL DEFAULT false,
        totp_last_step bigint,
        oidc_issuer text,
        oidc_subject text,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_oidc UNIQUE (oidc_issuer, oidc_subject)
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email ON users (lower(email))`);
    await q.query(`CREATE INDEX users_agency ON users (agency_id) WHERE status = 'active'`);
    await q.query(`ALTER TABLE agencies ADD CONSTRAINT agencies_spoc FOREIGN KEY (spoc_user_id) REFERENCES users (id)`);

    // A login session: one refresh-token family. Revoking it ends every token of the family.
    await q.query(`
      CREATE TABLE sessions (
        id text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users (id),
        mfa boolean NOT NULL,
        method text NOT NULL,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text
      )`);
    await q.query(`CREATE INDEX sessions_user ON sessions (user_id)`);
    await q.query(`
      CREATE TABLE refresh_tokens (
        token_hash text PRIMARY KEY,
        session_id text NOT NULL REFERENCES sessions (id),
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        rotated_at timestamptz
      )`);
    await q.query(`CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id)`);

    // Login attempt counters shared by every api process (the PostgreSQL store of the throttler).
    await q.query(`
      CREATE TABLE rate_limits (
        key text PRIMARY KEY,
        hits integer NOT NULL,
        expires_at timestamptz NOT NULL,
        blocked_until timestamptz
      )`);

    await q.query(`
      CREATE TABLE cases (
        id text PRIMARY KEY,
        partnership_id text NOT NULL REFERENCES partnerships (id),
        reference text NOT NULL,
        pathway text NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'transferred-out')),
        referring_agency_id text REFERENCES agencies (id),
        idempotency_key text,
        has_children boolean NOT NULL DEFAULT false,
        refuge_placement boolean NOT NULL DEFAULT false,
        child_contact_conditions boolean NOT NULL DEFAULT false,
        safe_to_call boolean,
        dash_score integer,
        consent text NOT NULL CHECK (consent IN ('given', 'refused', 'not-sought')),
        lawful_basis text,
        sharing_purpose text,
        transferred_from_case_id text,
        instance_id bigint,
        dash text,
        minutes text,
        key_id text,
        created_by text NOT NULL,
        opened_at timestamptz NOT NULL,
        closed_at timestamptz,
        anonymised_at timestamptz,
        CONSTRAINT cases_reference UNIQUE (partnership_id, reference),
        CONSTRAINT cases_idempotency UNIQUE (partnership_id, idempotency_key)
      )`);
    await q.query(`CREATE INDEX cases_partnership_status ON cases (partnership_id, status, opened_at)`);

    // Personal fields: one encrypted JSON column per data scope (see libs/cases).
    await q.query(`
      CREATE TABLE victims (
        id text PRIMARY KEY,
        case_id text NOT NULL UNIQUE REFERENCES cases (id) ON DELETE CASCADE,
        partnership_id text NOT NULL,
        identity text,
        address text,
        safe_contact text,
        health text
      )`);
    await q.query(`
      CREATE TABLE perpetrators (
        id text PRIMARY KEY,
        case_id text NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        partnership_id text NOT NULL,
        ordinal integer NOT NULL,
        identity text
      )`);
    await q.query(`CREATE INDEX perpetrators_case ON perpetrators (case_id)`);
    await q.query(`
      CREATE TABLE children (
        id text PRIMARY KEY,
        case_id text NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        partnership_id text NOT NULL,
        ordinal integer NOT NULL,
        details text
      )`);
    await q.query(`CREATE INDEX children_case ON children (case_id)`);

    // The victim's "not safe to talk to" list, as far as it names users of the system.
    await q.query(`
      CREATE TABLE case_exclusions (
        case_id text NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        user_id text NOT NULL REFERENCES users (id),
        partnership_id text NOT NULL,
        added_by text NOT NULL,
        added_at timestamptz NOT NULL,
        PRIMARY KEY (case_id, user_id)
      )`);
    await q.query(`CREATE INDEX case_exclusions_user ON case_exclusions (user_id)`);

    // Which agencies a case is shared with, and on what footing.
    await q.query(`
      CREATE TABLE case_shares (
        id bigserial PRIMARY KEY,
        case_id text NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        partnership_id text NOT NULL,
        agency_id text NOT NULL REFERENCES agencies (id),
        consent text NOT NULL CHECK (consent IN ('given', 'refused', 'not-sought')),
        lawful_basis text NOT NULL,
        purpose text NOT NULL,
        adequate_relevant_limited boolean NOT NULL,
        via_task_id bigint,
        shared_by text NOT NULL,
        shared_at timestamptz NOT NULL,
        revoked_at timestamptz,
        CHECK (consent = 'given' OR adequate_relevant_limited)
      )`);
    await q.query(`CREATE UNIQUE INDEX case_shares_active ON case_shares (case_id, agency_id) WHERE revoked_at IS NULL`);

    await q.query(`
      CREATE TABLE break_glass (
        id bigserial PRIMARY KEY,
        partnership_id text NOT NULL,
        case_id text NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        user_id text NOT NULL REFERENCES users (id),
        reason text NOT NULL,
        granted_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        reviewed_by text,
        reviewed_at timestamptz
      )`);
    await q.query(`CREATE INDEX break_glass_user_case ON break_glass (user_id, case_id, expires_at)`);

    await q.query(`
      CREATE TABLE case_transfers (
        id bigserial PRIMARY KEY,
        from_case_id text NOT NULL,
        from_partnership_id text NOT NULL,
        to_case_id text NOT NULL,
        to_partnership_id text NOT NULL,
        reason text NOT NULL,
        transferred_by text NOT NULL,
        transferred_at timestamptz NOT NULL
      )`);

    // Append-only: who, role, agency, what, which case, why, when. No personal data in it.
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        partnership_id text,
        user_id text,
        roles text[] NOT NULL DEFAULT '{}',
        agency_id text,
        action text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('allowed', 'denied')),
        case_id text,
        case_reference text,
        target text,
        purpose text,
        detail jsonb
      )`);
    await q.query(`CREATE INDEX audit_log_partnership_at ON audit_log (partnership_id, at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_log_case ON audit_log (case_id)`);
    await q.query(`CREATE INDEX audit_log_user ON audit_log (user_id, at DESC)`);
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);

    // Task routing: the agency that works a task and the case it belongs to.
    await q.query(`ALTER TABLE user_tasks ADD COLUMN agency_id text, ADD COLUMN case_id text`);
    await q.query(`CREATE INDEX user_tasks_agency_open ON user_tasks (agency_id, status, id)`);
    await q.query(`CREATE INDEX user_tasks_case ON user_tasks (case_id)`);
    await q.query(`
      CREATE FUNCTION user_tasks_route() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        root_key text;
        k_case text;
        k_referrer text;
        k_consent text;
        k_basis text;
        k_purpose text;
        want text;
      BEGIN
        -- The case: the business key of the root instance (call activities inherit the case).
        WITH RECURSIVE up AS (
          SELECT i.id, i.parent_instance_id, i.business_key FROM instances i WHERE i.id = NEW.instance_id
          UNION ALL
          SELECT i.id, i.parent_instance_id, i.business_key FROM instances i JOIN up ON i.id = up.parent_instance_id
        )
        SELECT up.business_key INTO root_key FROM up WHERE up.parent_instance_id IS NULL LIMIT 1;
        IF root_key IS NOT NULL THEN
          SELECT c.id, c.referring_agency_id, c.consent, c.lawful_basis, c.sharing_purpose
            INTO k_case, k_referrer, k_consent, k_basis, k_purpose
            FROM cases c WHERE c.partnership_id = NEW.partnership_id AND c.reference = root_key;
          NEW.case_id := k_case;
        END IF;
        -- The agency: an explicit owner (the ownerAgency input), else the task's agency, matched
        -- on the partnership's agency codes (or ids), then on agency types; 'referring-agency' is the case's.
        want := COALESCE(NULLIF(NEW.input->>'ownerAgency', ''), NEW.agency);
        IF want = 'referring-agency' THEN
          NEW.agency_id := k_referrer;
        ELSIF want IS NOT NULL THEN
          SELECT a.id INTO NEW.agency_id FROM agencies a
            WHERE a.partnership_id = NEW.partnership_id AND a.status = 'active' AND (a.code = want OR a.id = want)
            ORDER BY (a.code = want) DESC LIMIT 1;
          IF NEW.agency_id IS NULL THEN
            SELECT a.id INTO NEW.agency_id FROM agencies a
              WHERE a.partnership_id = NEW.partnership_id AND a.status = 'active' AND a.type = want ORDER BY a.created_at, a.id LIMIT 1;
          END IF;
        END IF;
        -- Routing a case's task to an agency shares the case with it, on the case's recorded footing.
        IF k_case IS NOT NULL AND NEW.agency_id IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM case_shares s WHERE s.case_id = k_case AND s.agency_id = NEW.agency_id AND s.revoked_at IS NULL
        ) THEN
          INSERT INTO case_shares (case_id, partnership_id, agency_id, consent, lawful_basis, purpose, adequate_relevant_limited, via_task_id, shared_by, shared_at)
            VALUES (k_case, NEW.partnership_id, NEW.agency_id, k_consent, COALESCE(k_basis, 'consent'),
                    COALESCE(k_purpose, 'pathway task') || ': ' || NEW.element_id, true, NEW.id, 'system', NEW.created_at);
          INSERT INTO audit_log (at, partnership_id, user_id, action, outcome, case_id, case_reference, target, purpose, detail)
            VALUES (NEW.created_at, NEW.partnership_id, 'system', 'case.share', 'allowed', k_case, root_key, 'agency:' || NEW.agency_id,
                    'task routed: ' || NEW.element_id, jsonb_build_object('consent', k_consent, 'lawfulBasis', COALESCE(k_basis, 'consent'), 'taskId', NEW.id));
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER user_tasks_route BEFORE INSERT ON user_tasks FOR EACH ROW EXECUTE FUNCTION user_tasks_route()`);

    // The application's role: everything it needs, but the audit log is insert and select only.
    await q.query(`
      DO $$ BEGIN
        CREATE ROLE ${APP_DB_ROLE} NOLOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    await q.query(`
      DO $$ BEGIN
        EXECUTE format('GRANT ${APP_DB_ROLE} TO %I', current_user);
      EXCEPTION WHEN others THEN NULL;
      END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO ${APP_DB_ROLE}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_DB_ROLE}`);
    await q.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${APP_DB_ROLE}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_DB_ROLE}`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${APP_DB_ROLE}`);
    await q.query(`REVOKE ALL ON audit_log FROM ${APP_DB_ROLE}`);
    await q.query(`GRANT SELECT, INSERT ON audit_log TO ${APP_DB_ROLE}`);
    await q.query(`REVOKE ALL ON migrations FROM ${APP_DB_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS user_tasks_route ON user_tasks`);
    await q.query(`DROP FUNCTION IF EXISTS user_tasks_route()`);
    await q.query(`ALTER TABLE user_tasks DROP COLUMN IF EXISTS agency_id, DROP COLUMN IF EXISTS case_id`);
    for (const t of ['audit_log', 'case_transfers', 'break_glass', 'case_shares', 'case_exclusions', 'children', 'perpetrators', 'victims', 'cases', 'rate_limits', 'refresh_tokens', 'sessions']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS audit_log_append_only()`);
    await q.query(`ALTER TABLE agencies DROP CONSTRAINT IF EXISTS agencies_spoc`);
    for (const t of ['users', 'agencies', 'partnerships']) await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}
