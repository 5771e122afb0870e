/**
 * The directory over the access layer's tables (issue 4): `users` (roles, agency, e-mail,
 * status), `agencies` (code, type, single point of contact), `partnerships` (time zone),
 * `cases` (reference) and `case_exclusions` (the "not safe to talk to" list). Disabled users
 * and offboarded agencies are never told anything. Until those tables exist (a database migrated
 * before issue 4), nobody is found and the case reference is the root instance's business key.
 */
import type { Database } from '@app/persistence';
import { SPOC_ROLE, type CaseDirectory, type NotificationRecipient, type PartnershipInfo, type RecipientDirectory } from './recipient-directory.port';

/** Escalation targets in the templates → the access layer's role names. */
const ROLE_ALIASES: Record<string, string> = { 'pathway-coordinator': 'marac-coordinator', chair: 'marac-chair', 'marac-chair': 'marac-chair', dpo: 'dpo' };

/** The access layer's role vocabulary: a task role outside it is worked by the agency's workers. */
const USER_ROLES = new Set(['partnership-coordinator', 'marac-coordinator', 'marac-chair', 'agency-spoc', 'agency-worker', 'idva', 'manager', 'steering-group', 'dpo', 'administrator']);

async function hasTables(db: Database, ...names: string[]): Promise<boolean> {
  const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM unnest($1::text[]) AS t(name) WHERE to_regclass(t.name) IS NOT NULL', [names]);
  return Number(r[0]?.n) === names.length;
}

/** The agencies a task's agency text names: an id or code, else the partnership's agencies of that type. */
const AGENCY_MATCH = `
  SELECT a.id FROM agencies a WHERE a.partnership_id = $1 AND a.status = 'active'
    AND (a.id = $2 OR a.code = $2 OR (a.type = $2 AND NOT EXISTS (SELECT 1 FROM agencies b WHERE b.partnership_id = $1 AND (b.id = $2 OR b.code = $2))))`;

export class SqlRecipientDirectory implements RecipientDirectory {
  private ready?: Promise<boolean>;

  constructor(private readonly db: Database, private readonly defaultTimeZone: string) {}

  private available(): Promise<boolean> {
    // Re-checked until the tables appear (migrations may run after this process started).
    if (!this.ready) this.ready = hasTables(this.db, 'users', 'agencies', 'partnerships').then((ok) => { if (!ok) this.ready = undefined; return ok; });
    return this.ready;
  }

  private async select(sql: string, values: unknown[]): Promise<NotificationRecipient[]> {
    if (!(await this.available())) return [];
    const rows = await this.db.query<{ id: string; email: string | null }>(sql, values);
    return rows.map((r) => ({ userId: r.id, email: r.email || null }));
  }

  async agencyQueue(partnershipId: string, agency: string, role: string | null): Promise<NotificationRecipient[]> {
    const roles = role === null ? ['agency-worker', 'idva'] : USER_ROLES.has(role) ? [role] : ['agency-worker'];
    return this.select(
      `WITH ag AS (${AGENCY_MATCH})
       SELECT DISTINCT u.id, u.email FROM users u JOIN ag ON u.agency_id = ag.id
       WHERE u.partnership_id = $1 AND u.status = 'active'
         AND ('${SPOC_ROLE}' = ANY(u.roles) OR u.roles && $3::text[] OR u.id IN (SELECT spoc_user_id FROM agencies WHERE id IN (SELECT id FROM ag)))
       ORDER BY u.id`,
      [partnershipId, agency, roles],
    );
  }

  async escalationRole(partnershipId: string, role: string, agency: string | null): Promise<NotificationRecipient[]> {
    if (role === SPOC_ROLE) {
      if (!agency) return [];
      return this.select(
        `WITH ag AS (${AGENCY_MATCH})
         SELECT DISTINCT u.id, u.email FROM users u
         WHERE u.partnership_id = $1 AND u.status = 'active'
           AND ((u.agency_id IN (SELECT id FROM ag) AND '${SPOC_ROLE}' = ANY(u.roles)) OR u.id IN (SELECT spoc_user_id FROM agencies WHERE id IN (SELECT id FROM ag)))
         ORDER BY u.id`,
        [partnershipId, agency],
      );
    }
    return this.select(
      `SELECT u.id, u.email FROM users u LEFT JOIN agencies a ON a.id = u.agency_id
       WHERE u.partnership_id = $1 AND u.status = 'active' AND $2 = ANY(u.roles) AND (a.id IS NULL OR a.status = 'active') ORDER BY u.id`,
      [partnershipId, ROLE_ALIASES[role] ?? role],
    );
  }

  async users(partnershipId: string, userIds: string[]): Promise<NotificationRecipient[]> {
    return this.select(
      `SELECT u.id, u.email FROM users u LEFT JOIN agencies a ON a.id = u.agency_id
       WHERE u.partnership_id = $1 AND u.id = ANY($2::text[]) AND u.status = 'active' AND (a.id IS NULL OR a.status = 'active') ORDER BY u.id`,
      [partnershipId, userIds],
    );
  }

  async partnerships(): Promise<PartnershipInfo[]> {
    if (!(await this.available())) {
      const rows = await this.db.query<{ id: string }>('SELECT DISTINCT partnership_id AS id FROM definitions ORDER BY 1');
      return rows.map((r) => ({ id: r.id, timeZone: this.defaultTimeZone }));
    }
    const rows = await this.db.query<{ id: string; time_zone: string | null }>('SELECT id, time_zone FROM partnerships ORDER BY id');
    return rows.map((r) => ({ id: r.id, timeZone: r.time_zone || this.defaultTimeZone }));
  }

  async partnership(partnershipId: string): Promise<PartnershipInfo> {
    if (await this.available()) {
      const rows = await this.db.query<{ time_zone: string | null }>('SELECT time_zone FROM partnerships WHERE id = $1', [partnershipId]);
      if (rows[0]?.time_zone) return { id: partnershipId, timeZone: rows[0].time_zone };
    }
    return { id: partnershipId, timeZone: this.defaultTimeZone };
  }
}

/** The case of an instance is its root instance's business key, matched on `cases.reference`. */
const ROOT_KEY = `
  WITH RECURSIVE up AS (
    SELECT i.id, i.parent_instance_id, i.business_key, i.partnership_id FROM instances i WHERE i.id = $1
    UNION ALL
    SELECT i.id, i.parent_instance_id, i.business_key, i.partnership_id FROM instances i JOIN up ON i.id = up.parent_instance_id
  )
  SELECT business_key, partnership_id FROM up WHERE parent_instance_id IS NULL LIMIT 1`;

export class SqlCaseDirectory implements CaseDirectory {
  private ready?: Promise<boolean>;

  constructor(private readonly db: Database) {}

  private available(): Promise<boolean> {
    if (!this.ready) this.ready = hasTables(this.db, 'cases', 'case_exclusions').then((ok) => { if (!ok) this.ready = undefined; return ok; });
    return this.ready;
  }

  private async caseOf(instanceId: number): Promise<{ id: string | null; reference: string | null }> {
    const root = (await this.db.query<{ business_key: string | null; partnership_id: string }>(ROOT_KEY, [instanceId]))[0];
    if (!root?.business_key) return { id: null, reference: null };
    if (!(await this.available())) return { id: null, reference: root.business_key };
    const c = (await this.db.query<{ id: string; reference: string }>('SELECT id, reference FROM cases WHERE partnership_id = $1 AND reference = $2', [root.partnership_id, root.business_key]))[0];
    return c ? { id: c.id, reference: c.reference } : { id: null, reference: root.business_key };
  }

  async caseReference(instanceId: number): Promise<string | null> {
    return (await this.caseOf(instanceId)).reference;
  }

  async excluded(instanceId: number, userIds: string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const c = await this.caseOf(instanceId);
    if (!c.id) return new Set();
    const rows = await this.db.query<{ user_id: string }>('SELECT user_id FROM case_exclusions WHERE case_id = $1 AND user_id = ANY($2::text[])', [c.id, userIds]);
    return new Set(rows.map((r) => r.user_id));
  }
}
