import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Task routing runs AFTER the insert: the runtime writes a step in one statement (instance,
 * tasks, timers… as data-modifying CTEs), and only after the statement can a trigger see the
 * instance row (its business key, which is the case reference) inserted beside the task.
 */
export class RouteTasksAfterInsert1763900000001 implements MigrationInterface {
  name = 'RouteTasksAfterInsert1763900000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS user_tasks_route ON user_tasks`);
    await q.query(`DROP FUNCTION IF EXISTS user_tasks_route()`);
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
        v_agency text;
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
        END IF;
        -- The agency: an explicit owner (the ownerAgency input), else the task's agency, matched
        -- on the partnership's agency codes (or ids), then on agency types; 'referring-agency' is the case's.
        want := COALESCE(NULLIF(NEW.input->>'ownerAgency', ''), NEW.agency);
        IF want = 'referring-agency' THEN
          v_agency := k_referrer;
        ELSIF want IS NOT NULL THEN
          SELECT a.id INTO v_agency FROM agencies a
            WHERE a.partnership_id = NEW.partnership_id AND a.status = 'active' AND (a.code = want OR a.id = want)
            ORDER BY (a.code = want) DESC LIMIT 1;
          IF v_agency IS NULL THEN
            SELECT a.id INTO v_agency FROM agencies a
              WHERE a.partnership_id = NEW.partnership_id AND a.status = 'active' AND a.type = want ORDER BY a.created_at, a.id LIMIT 1;
          END IF;
        END IF;
        IF v_agency IS NOT NULL OR k_case IS NOT NULL THEN
          UPDATE user_tasks SET agency_id = v_agency, case_id = k_case WHERE id = NEW.id;
        END IF;
        -- Routing a case's task to an agency shares the case with it, on the case's recorded footing.
        IF k_case IS NOT NULL AND v_agency IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM case_shares s WHERE s.case_id = k_case AND s.agency_id = v_agency AND s.revoked_at IS NULL
        ) THEN
          INSERT INTO case_shares (case_id, partnership_id, agency_id, consent, lawful_basis, purpose, adequate_relevant_limited, via_task_id, shared_by, shared_at)
            VALUES (k_case, NEW.partnership_id, v_agency, k_consent, COALESCE(k_basis, 'consent'),
                    COALESCE(k_purpose, 'pathway task') || ': ' || NEW.element_id, true, NEW.id, 'system', NEW.created_at);
          INSERT INTO audit_log (at, partnership_id, user_id, action, outcome, case_id, case_reference, target, purpose, detail)
            VALUES (NEW.created_at, NEW.partnership_id, 'system', 'case.share', 'allowed', k_case, root_key, 'agency:' || v_agency,
                    'task routed: ' || NEW.element_id, jsonb_build_object('consent', k_consent, 'lawfulBasis', COALESCE(k_basis, 'consent'), 'taskId', NEW.id));
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER user_tasks_route AFTER INSERT ON user_tasks FOR EACH ROW EXECUTE FUNCTION user_tasks_route()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS user_tasks_route ON user_tasks`);
    await q.query(`DROP FUNCTION IF EXISTS user_tasks_route()`);
  }
}
