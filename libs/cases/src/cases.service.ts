import { randomBytes, randomUUID } from 'node:crypto';
import { AccessPrincipal, CaseAccessService, CaseRow, DATA_SCOPES, hasAnyRole, PARTNERSHIP_WIDE_CASE_ROLES, View, worksForAgency } from '@app/access';
import { DomainError, ErrorCode, StartInstanceUseCase } from '@app/application';
import type { AuditLog, AuditWho } from '@app/audit';
import type { Clock } from '@app/clock';
import type { FieldCipher } from '@app/identity';
import type { Database } from '@app/persistence';
import type { PoolClient } from 'pg';
import type { CaseAction, CaseView, ReferralInput, ReferralResult, ShareInput } from './case.types';
import { assertDecisionData } from './decision-data.util';

/**
 * libs/cases: referrals and cases apart from engine state. People (victim, perpetrators,
 * children) are rows of their own; each personal scope is one AES-256-GCM column bound to its
 * row. The process gets the case reference as its business key and non-personal decision data.
 * Every read and change goes through the access layer and the audit log.
 */
export interface CasesSettings {
  breakGlassMinutes: number;
}

const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function newReference(at: Date): string {
  const bytes = randomBytes(8);
  let s = '';
  for (const b of bytes) s += REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length];
  return `C-${at.getUTCFullYear()}-${s}`;
}

const who = (p: AccessPrincipal): AuditWho => ({ userId: p.userId, partnershipId: p.partnershipId, roles: p.roles, agencyId: p.agencyId ?? null });
const COORDINATORS = ['partnership-coordinator', 'marac-coordinator'];

function dashBand(score: number | null): string | null {
  if (score === null) return null;
  return score >= 14 ? 'high' : score >= 10 ? 'medium' : 'standard';
}

export class CasesService {
  constructor(
    private readonly db: Database,
    private readonly cipher: FieldCipher,
    private readonly access: CaseAccessService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly start: StartInstanceUseCase,
    private readonly settings: CasesSettings,
  ) {}

  private enc(value: unknown, table: string, column: string, id: string): string | null {
    return value === undefined || value === null ? null : this.cipher.encrypt(value, `${table}.${column}:${id}`);
  }

  private dec<T = Record<string, unknown>>(stored: unknown, table: string, column: string, id: string): T | null {
    return typeof stored === 'string' ? this.cipher.decrypt<T>(stored, `${table}.${column}:${id}`) : null;
  }

  /** Refuses sharing without consent unless purpose, lawful basis and the data-minimisation check are stated. */
  private static footing(consent: string, lawfulBasis: string | undefined, purpose: string | undefined, arl: boolean | undefined): void {
    if (consent === 'given') return;
    const problems: { field: string; message: string }[] = [];
    if (!purpose?.trim()) problems.push({ field: 'purpose', message: 'sharing without consent needs a stated purpose' });
    if (!lawfulBasis?.trim()) problems.push({ field: 'lawfulBasis', message: 'sharing without consent needs a lawful basis' });
    if (arl !== true) problems.push({ field: 'adequateRelevantLimited', message: 'confirm the data shared is adequate, relevant and limited' });
    if (problems.length > 0) throw new DomainError(ErrorCode.InvalidInput, 'sharing without consent needs a purpose, a lawful basis and a data-minimisation check', problems);
  }

  // ------------------------------------------------------------------------------------------
  // Intake

  /** Records a referral (idempotent on its key) and starts its pathway with the case reference as business key. */
  async refer(p: AccessPrincipal, input: ReferralInput): Promise<ReferralResult> {
    if (!worksForAgency(p) && !hasAnyRole(p, PARTNERSHIP_WIDE_CASE_ROLES)) {
      await this.audit.record({ who: who(p), action: 'case.create', outcome: 'denied', purpose: 'role may not refer' });
      throw new DomainError(ErrorCode.Forbidden, 'this role may not make referrals');
    }
    CasesService.footing(input.consent, input.lawfulBasis, input.sharingPurpose, input.adequateRelevantLimited);
    const decision = assertDecisionData(input.variables);
    const defs = await this.db.query('SELECT 1 FROM definitions WHERE partnership_id = $1 AND key = $2 LIMIT 1', [p.partnershipId, input.pathway]);
    if (!defs[0]) throw new DomainError(ErrorCode.NotFound, `no pathway ${input.pathway} in the partnership`);
    const excluded = [...new Set(input.notSafeToTalkToUserIds ?? [])];
    if (excluded.length > 0) {
      const known = await this.db.query('SELECT id FROM users WHERE partnership_id = $1 AND id = ANY($2)', [p.partnershipId, excluded]);
      if (known.length !== excluded.length) throw new DomainError(ErrorCode.InvalidInput, 'notSafeToTalkToUserIds names unknown people');
    }
    const now = this.clock.now();
    const id = randomUUID();
    const reference = newReference(now);
    const children = input.children ?? [];
    const created = await this.db.tx(async (c) => {
      const ins = await c.query(
        `INSERT INTO cases (id, partnership_id, reference, pathway, referring_agency_id, idempotency_key, has_children, refuge_placement, child_contact_conditions,
           safe_to_call, dash_score, consent, lawful_basis, sharing_purpose, dash, key_id, created_by, opened_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
         ON CONFLICT (partnership_id, idempotency_key) DO NOTHING RETURNING id`,
        [id, p.partnershipId, reference, input.pathway, p.agencyId ?? null, input.idempotencyKey, children.length > 0, input.refugePlacement ?? false,
          input.childContactConditions ?? false, input.safeToCall ?? null, input.dashScore ?? null, input.consent, input.lawfulBasis ?? null, input.sharingPurpose ?? null,
          this.enc(input.dash, 'cases', 'dash', id), this.cipher.activeKeyId, p.userId, now],
      );
      if (ins.rowCount === 0) return false;
      const vid = randomUUID();
      await c.query('INSERT INTO victims (id, case_id, partnership_id, identity, address, safe_contact, health) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        vid, id, p.partnershipId, this.enc(input.victim.identity, 'victims', 'identity', vid), this.enc(input.victim.address, 'victims', 'address', vid),
        this.enc(input.victim.safeContact, 'victims', 'safe_contact', vid), this.enc(input.victim.health, 'victims', 'health', vid),
      ]);
      for (const [i, perp] of (input.perpetrators ?? []).entries()) {
        const pid = randomUUID();
        await c.query('INSERT INTO perpetrators (id, case_id, partnership_id, ordinal, identity) VALUES ($1, $2, $3, $4, $5)', [pid, id, p.partnershipId, i, this.enc(perp, 'perpetrators', 'identity', pid)]);
      }
      for (const [i, child] of children.entries()) {
        const cid = randomUUID();
        await c.query('INSERT INTO children (id, case_id, partnership_id, ordinal, details) VALUES ($1, $2, $3, $4, $5)', [cid, id, p.partnershipId, i, this.enc(child, 'children', 'details', cid)]);
      }
      for (const u of excluded) {
        await c.query('INSERT INTO case_exclusions (case_id, user_id, partnership_id, added_by, added_at) VALUES ($1, $2, $3, $4, $5)', [id, u, p.partnershipId, p.userId, now]);
      }
      if (p.agencyId) {
        await c.query(
          `INSERT INTO case_shares (case_id, partnership_id, agency_id, consent, lawful_basis, purpose, adequate_relevant_limited, shared_by, shared_at)
           VALUES ($1, $2, $3, $4, $5, 'referring agency', true, $6, $7)`,
          [id, p.partnershipId, p.agencyId, input.consent, input.lawfulBasis ?? 'consent', p.userId, now],
        );
      }
      await this.audit.record({
        who: who(p), action: 'case.create', outcome: 'allowed', caseId: id, caseReference: reference, target: `case:${id}`, purpose: input.sharingPurpose ?? 'referral',
        detail: { pathway: input.pathway, consent: input.consent, lawfulBasis: input.lawfulBasis ?? null, adequateRelevantLimited: input.adequateRelevantLimited ?? null, exclusions: excluded.length },
      }, c);
      return true;
    });
    const row = (await this.db.query('SELECT id, reference, instance_id FROM cases WHERE partnership_id = $1 AND idempotency_key = $2', [p.partnershipId, input.idempotencyKey]))[0]!;
    const instanceId = await this.ensureStarted(p, String(row.id), String(row.reference), input, decision);
    if (!created) await this.audit.record({ who: who(p), action: 'case.create', outcome: 'allowed', caseId: String(row.id), caseReference: String(row.reference), purpose: 'repeated submission (idempotent)' });
    return { id: String(row.id), reference: String(row.reference), instanceId, created };
  }

  /** Starts the case's pathway once, even under concurrent repeated submissions. */
  private async ensureStarted(p: AccessPrincipal, caseId: string, reference: string, input: ReferralInput, decision: Record<string, unknown>): Promise<number | null> {
    const client = await this.db.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [`case-start:${caseId}`]);
      try {
        const existing = await client.query('SELECT instance_id FROM cases WHERE id = $1', [caseId]);
        if (existing.rows[0]?.instance_id) return Number(existing.rows[0].instance_id);
        const agency = p.agencyId ? (await client.query('SELECT code, type FROM agencies WHERE id = $1', [p.agencyId])).rows[0] : undefined;
        const started = await this.start.execute({
          actor: { userId: p.userId, partnershipId: p.partnershipId, ...(p.agencyId ? { agencyId: p.agencyId } : {}), roles: p.roles },
          key: input.pathway,
          businessKey: reference,
          variables: {
            ...decision, caseRef: reference, caseId,
            ...(agency ? { referringAgency: String(agency.code), referringAgencyKind: String(agency.type) } : {}),
            ...(input.dashScore !== undefined ? { dashScore: input.dashScore } : {}),
            childrenInHousehold: (input.children ?? []).length,
            ...(input.safeToCall !== undefined ? { safeToCall: input.safeToCall } : {}),
            consentGiven: input.consent === 'given',
          },
        });
        await client.query('UPDATE cases SET instance_id = $2 WHERE id = $1', [caseId, started.id]);
        return started.id;
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`case-start:${caseId}`]);
      }
    } finally {
      client.release();
    }
  }

  // ------------------------------------------------------------------------------------------
  // Reading

  private async allow(p: AccessPrincipal, caseId: string, action: string, purpose?: string | null) {
    const d = await this.access.check(p, caseId, action, purpose);
    if (!d.allowed) throw new DomainError(d.hide ? ErrorCode.NotFound : ErrorCode.Forbidden, d.hide ? `case ${caseId} not found` : `no access to case ${caseId}: ${d.reason}`);
    return d;
  }

  /** The case as this person may see it: visible scopes only, the rest named as withheld. */
  async view(p: AccessPrincipal, caseId: string, purpose?: string): Promise<CaseView> {
    const d = await this.allow(p, caseId, 'case.read', purpose);
    const fields = await this.fields(d.case.id, d.views);
    const c = (await this.db.query('SELECT pathway, status, opened_at, closed_at, instance_id, transferred_from_case_id FROM cases WHERE id = $1', [d.case.id]))[0]!;
    const seesAllActions = hasAnyRole(p, PARTNERSHIP_WIDE_CASE_ROLES) || p.roles.includes('idva') || p.agencyType === 'police' || p.agencyType === 'idva';
    const tasks = await this.db.query(
      `SELECT id, name, element_id, agency_id, assignee, due_at, status FROM user_tasks WHERE case_id = $1 ${seesAllActions ? '' : 'AND agency_id = $2'} ORDER BY id`,
      seesAllActions ? [d.case.id] : [d.case.id, p.agencyId ?? ''],
    );
    const history = c.instance_id
      ? await this.db.query('SELECT at, element_id, transition, detail FROM history WHERE instance_id = $1 ORDER BY seq', [c.instance_id])
      : [];
    return {
      id: d.case.id, reference: d.case.reference, pathway: String(c.pathway), status: String(c.status), openedAt: (c.opened_at as Date).toISOString(),
      closedAt: c.closed_at ? (c.closed_at as Date).toISOString() : null, hasChildren: d.case.hasChildren, transferredFrom: (c.transferred_from_case_id as string | null) ?? null,
      fields,
      withheldScopes: DATA_SCOPES.filter((s) => !d.views.has(s)),
      actions: tasks.map((t): CaseAction => ({
        id: Number(t.id), description: String(t.name ?? t.element_id), elementId: String(t.element_id), agency: (t.agency_id as string | null) ?? null,
        owner: (t.assignee as string | null) ?? null, dueAt: t.due_at ? (t.due_at as Date).toISOString() : null, status: t.status === 'completed' ? 'done' : (t.status as 'open' | 'cancelled'),
      })),
      timeline: history.map((h) => ({ at: (h.at as Date).toISOString(), elementId: String(h.element_id), transition: String(h.transition), detail: (h.detail as string | null) ?? null })),
    };
  }

  /** Decrypts exactly the visible views (nothing else is ever decrypted for the response). */
  async fields(caseId: string, views: ReadonlySet<View>): Promise<CaseView['fields']> {
    const out: CaseView['fields'] = {};
    const c = (await this.db.query('SELECT dash_score, safe_to_call, dash, minutes FROM cases WHERE id = $1', [caseId]))[0]!;
    const v = (await this.db.query('SELECT id, identity, address, safe_contact, health FROM victims WHERE case_id = $1', [caseId]))[0];
    const vid = v ? String(v.id) : '';
    if (views.has('identity')) out.identity = this.dec(v?.identity, 'victims', 'identity', vid) ?? {};
    if (views.has('address')) out.address = this.dec(v?.address, 'victims', 'address', vid) ?? {};
    if (views.has('safe-contact')) out['safe-contact'] = { ...(this.dec(v?.safe_contact, 'victims', 'safe_contact', vid) ?? {}), safeToCall: (c.safe_to_call as boolean | null) ?? null };
    if (views.has('health')) out.health = this.dec(v?.health, 'victims', 'health', vid) ?? {};
    if (views.has('dash')) out.dash = { score: (c.dash_score as number | null) ?? null, band: dashBand((c.dash_score as number | null) ?? null), ...(this.dec(c.dash, 'cases', 'dash', caseId) ?? {}) };
    if (views.has('dash-summary')) out['dash-summary'] = { score: (c.dash_score as number | null) ?? null, band: dashBand((c.dash_score as number | null) ?? null) };
    if (views.has('perpetrator') || views.has('perpetrator-flag')) {
      const rows = await this.db.query('SELECT id, identity FROM perpetrators WHERE case_id = $1 ORDER BY ordinal', [caseId]);
      if (views.has('perpetrator')) out.perpetrator = { perpetrators: rows.map((r) => this.dec(r.identity, 'perpetrators', 'identity', String(r.id)) ?? {}) };
      else out['perpetrator-flag'] = { perpetratorKnown: rows.length > 0, count: rows.length };
    }
    if (views.has('children') || views.has('children-count')) {
      const rows = await this.db.query('SELECT id, details FROM children WHERE case_id = $1 ORDER BY ordinal', [caseId]);
      if (views.has('children')) out.children = { children: rows.map((r) => this.dec(r.details, 'children', 'details', String(r.id)) ?? {}) };
      else out['children-count'] = { count: rows.length };
    }
    if (views.has('minutes')) out.minutes = { entries: this.dec<unknown[]>(c.minutes, 'cases', 'minutes', caseId) ?? [] };
    return out;
  }

  /** Cases the person may open (references and flags only; no personal data in a list). */
  async list(p: AccessPrincipal, q: { status?: string; limit: number; offset: number }): Promise<{ items: { id: string; reference: string; pathway: string; status: string; hasChildren: boolean; openedAt: string }[]; total: number }> {
    const values: unknown[] = [p.partnershipId, p.userId];
    const where = ['c.partnership_id = $1', 'NOT EXISTS (SELECT 1 FROM case_exclusions x WHERE x.case_id = c.id AND x.user_id = $2)'];
    if (!hasAnyRole(p, PARTNERSHIP_WIDE_CASE_ROLES)) {
      if (!worksForAgency(p)) return { items: [], total: 0 };
      values.push(p.agencyId);
      where.push(`EXISTS (SELECT 1 FROM case_shares s WHERE s.case_id = c.id AND s.agency_id = $${values.length} AND s.revoked_at IS NULL)`);
      if (p.agencyType === 'children-social-work') where.push('c.has_children');
    }
    if (q.status) {
      values.push(q.status);
      where.push(`c.status = $${values.length}`);
    }
    const w = where.join(' AND ');
    const rows = await this.db.query(`SELECT c.id, c.reference, c.pathway, c.status, c.has_children, c.opened_at FROM cases c WHERE ${w} ORDER BY c.has_children DESC, c.opened_at, c.id LIMIT ${Number(q.limit)} OFFSET ${Number(q.offset)}`, values);
    const total = await this.db.query(`SELECT count(*) AS n FROM cases c WHERE ${w}`, values);
    await this.audit.record({ who: who(p), action: 'case.list', outcome: 'allowed', detail: { count: rows.length } });
    return {
      items: rows.map((r) => ({ id: String(r.id), reference: String(r.reference), pathway: String(r.pathway), status: String(r.status), hasChildren: Boolean(r.has_children), openedAt: (r.opened_at as Date).toISOString() })),
      total: Number(total[0]?.n ?? 0),
    };
  }

  /** Which contact channels a task may offer for a case (the victim's safe channels; no phone or SMS when not safe to call). */
  async channelPolicy(caseId: string): Promise<{ allowed: string[] | null; blocked: string[] }> {
    const c = (await this.db.query('SELECT safe_to_call FROM cases WHERE id = $1', [caseId]))[0];
    const v = (await this.db.query('SELECT id, safe_contact FROM victims WHERE case_id = $1', [caseId]))[0];
    const sc = v ? this.dec<{ safeChannels?: unknown }>(v.safe_contact, 'victims', 'safe_contact', String(v.id)) : null;
    const allowed = Array.isArray(sc?.safeChannels) ? (sc!.safeChannels as unknown[]).map(String) : null;
    return { allowed, blocked: c?.safe_to_call === false ? ['phone', 'sms', 'text'] : [] };
  }

  // ------------------------------------------------------------------------------------------
  // Changes

  async addExclusion(p: AccessPrincipal, caseId: string, userId: string): Promise<void> {
    const d = await this.allow(p, caseId, 'case.exclusion.add');
    if (!d.views.has('safe-contact') && !hasAnyRole(p, COORDINATORS)) throw new DomainError(ErrorCode.Forbidden, 'only someone who sees the safe-contact details may change the not-safe list');
    const u = await this.db.query('SELECT id FROM users WHERE id = $1 AND partnership_id = $2', [userId, p.partnershipId]);
    if (!u[0]) throw new DomainError(ErrorCode.InvalidInput, 'no such person in the partnership');
    await this.db.query('INSERT INTO case_exclusions (case_id, user_id, partnership_id, added_by, added_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [caseId, userId, p.partnershipId, p.userId, this.clock.now()]);
    // Whatever the excluded person was assigned on the case goes back to the agency queue.
    await this.db.query(`UPDATE user_tasks SET assignee = NULL WHERE case_id = $1 AND assignee = $2 AND status = 'open'`, [caseId, userId]);
    await this.audit.record({ who: who(p), action: 'case.exclusion.add', outcome: 'allowed', caseId, caseReference: d.case.reference, target: `user:${userId}` });
  }

  /** Shares the case with another agency: consent and lawful basis recorded; without consent, purpose, basis and the minimisation check. */
  async share(p: AccessPrincipal, caseId: string, s: ShareInput): Promise<{ id: number }> {
    const d = await this.access.decide(p, caseId);
    const refuse = async (reason: string, code: ErrorCode) => {
      await this.audit.record({ who: who(p), action: 'case.share', outcome: 'denied', caseId: d.case?.partnershipId === p.partnershipId ? d.case.id : null, target: `agency:${s.agencyId}`, purpose: reason });
      throw new DomainError(code, reason);
    };
    if (!d.allowed) return refuse(d.hide ? `case ${caseId} not found` : d.reason, d.hide ? ErrorCode.NotFound : ErrorCode.Forbidden);
    try {
      CasesService.footing(s.consent, s.lawfulBasis, s.purpose, s.adequateRelevantLimited);
    } catch (err) {
      await this.audit.record({ who: who(p), action: 'case.share', outcome: 'denied', caseId: d.case.id, caseReference: d.case.reference, target: `agency:${s.agencyId}`, purpose: 'sharing without consent lacked purpose, basis or minimisation check' });
      throw err;
    }
    const a = await this.db.query(`SELECT id, type FROM agencies WHERE id = $1 AND partnership_id = $2 AND status = 'active'`, [s.agencyId, p.partnershipId]);
    if (!a[0]) return refuse('no such active agency in the partnership', ErrorCode.InvalidInput);
    if (a[0].type === 'children-social-work' && !d.case.hasChildren) return refuse('children\'s services hold children\'s cases only', ErrorCode.InvalidInput);
    const now = this.clock.now();
    const row = await this.db.tx(async (c) => {
      await c.query('UPDATE case_shares SET revoked_at = $3 WHERE case_id = $1 AND agency_id = $2 AND revoked_at IS NULL', [caseId, s.agencyId, now]);
      const r = await c.query(
        `INSERT INTO case_shares (case_id, partnership_id, agency_id, consent, lawful_basis, purpose, adequate_relevant_limited, shared_by, shared_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [caseId, p.partnershipId, s.agencyId, s.consent, s.lawfulBasis ?? 'consent', s.purpose ?? 'shared with consent', s.consent === 'given' ? (s.adequateRelevantLimited ?? true) : true, p.userId, now],
      );
      await this.audit.record({
        who: who(p), action: 'case.share', outcome: 'allowed', caseId, caseReference: d.case.reference, target: `agency:${s.agencyId}`, purpose: s.purpose ?? 'shared with consent',
        detail: { consent: s.consent, lawfulBasis: s.lawfulBasis ?? 'consent', adequateRelevantLimited: s.adequateRelevantLimited ?? null },
      }, c);
      return r.rows[0] as { id: number };
    });
    return { id: Number(row.id) };
  }

  async shares(p: AccessPrincipal, caseId: string) {
    const d = await this.allow(p, caseId, 'case.shares.read');
    const rows = await this.db.query('SELECT id, agency_id, consent, lawful_basis, purpose, adequate_relevant_limited, shared_by, shared_at, revoked_at FROM case_shares WHERE case_id = $1 ORDER BY id', [d.case.id]);
    return rows.map((r) => ({
      id: Number(r.id), agencyId: String(r.agency_id), consent: String(r.consent), lawfulBasis: String(r.lawful_basis), purpose: String(r.purpose),
      adequateRelevantLimited: Boolean(r.adequate_relevant_limited), sharedBy: String(r.shared_by), sharedAt: (r.shared_at as Date).toISOString(), revokedAt: r.revoked_at ? (r.revoked_at as Date).toISOString() : null,
    }));
  }

  /** Break-glass: access to a case not shared with the person's agency, for a stated reason, flagged to the DPO. */
  async breakGlass(p: AccessPrincipal, caseId: string, reason: string): Promise<{ expiresAt: string }> {
    const c = await this.access.loadCase(caseId);
    const sameP = c && c.partnershipId === p.partnershipId;
    const deny = async (why: string) => {
      await this.audit.record({ who: who(p), action: 'case.break-glass', outcome: 'denied', caseId: sameP ? c.id : null, target: `case:${caseId}`, purpose: why });
      throw new DomainError(ErrorCode.NotFound, `case ${caseId} not found`);
    };
    if (!c || !sameP) return deny('no such case in the partnership');
    if (await this.access.isExcluded(p.userId, c.id)) return deny('named on the victim\'s not-safe-to-talk-to list');
    if (!worksForAgency(p)) {
      await this.audit.record({ who: who(p), action: 'case.break-glass', outcome: 'denied', caseId: c.id, target: `case:${caseId}`, purpose: 'role may not break glass' });
      throw new DomainError(ErrorCode.Forbidden, 'this role may not use break-glass access');
    }
    if (p.agencyType === 'children-social-work' && !c.hasChildren) return deny('children\'s services hold children\'s cases only');
    if (reason.trim().length < 10) throw new DomainError(ErrorCode.InvalidInput, 'state the reason for break-glass access');
    const now = this.clock.now();
    const expires = new Date(now.getTime() + this.settings.breakGlassMinutes * 60_000);
    await this.db.query('INSERT INTO break_glass (partnership_id, case_id, user_id, reason, granted_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)', [p.partnershipId, c.id, p.userId, reason, now, expires]);
    await this.audit.record({ who: who(p), action: 'case.break-glass', outcome: 'allowed', caseId: c.id, caseReference: c.reference, target: `case:${c.id}`, purpose: reason, detail: { flaggedToDpo: true, expiresAt: expires.toISOString() } });
    return { expiresAt: expires.toISOString() };
  }

  /** Break-glass grants awaiting the DPO's review. */
  async breakGlassQueue(partnershipId: string, reviewed: boolean) {
    const rows = await this.db.query(
      `SELECT b.id, b.case_id, c.reference, b.user_id, b.reason, b.granted_at, b.expires_at, b.reviewed_by, b.reviewed_at FROM break_glass b JOIN cases c ON c.id = b.case_id
       WHERE b.partnership_id = $1 AND (b.reviewed_at IS NOT NULL) = $2 ORDER BY b.id`,
      [partnershipId, reviewed],
    );
    return rows.map((r) => ({
      id: Number(r.id), caseId: String(r.case_id), caseReference: String(r.reference), userId: String(r.user_id), reason: String(r.reason),
      grantedAt: (r.granted_at as Date).toISOString(), expiresAt: (r.expires_at as Date).toISOString(), reviewedBy: (r.reviewed_by as string | null) ?? null,
    }));
  }

  async reviewBreakGlass(p: AccessPrincipal, id: number): Promise<void> {
    const r = await this.db.query('UPDATE break_glass SET reviewed_by = $3, reviewed_at = $4 WHERE id = $1 AND partnership_id = $2 AND reviewed_at IS NULL RETURNING case_id', [id, p.partnershipId, p.userId, this.clock.now()]);
    if (!r[0]) throw new DomainError(ErrorCode.NotFound, `break-glass grant ${id} not found`);
    await this.audit.record({ who: who(p), action: 'dpo.break-glass.review', outcome: 'allowed', caseId: String(r[0].case_id), target: `break-glass:${id}` });
  }

  async addMinutes(p: AccessPrincipal, caseId: string, entry: { meetingDate: string; text: string }): Promise<void> {
    const d = await this.allow(p, caseId, 'case.minutes.add');
    if (!hasAnyRole(p, ['marac-coordinator', 'marac-chair'])) throw new DomainError(ErrorCode.Forbidden, 'only the MARAC coordinator or chair records minutes');
    await this.db.tx(async (c) => {
      const row = await c.query('SELECT minutes FROM cases WHERE id = $1 FOR UPDATE', [d.case.id]);
      const list = this.dec<unknown[]>(row.rows[0]?.minutes, 'cases', 'minutes', d.case.id) ?? [];
      list.push({ meetingDate: entry.meetingDate, text: entry.text, recordedBy: p.userId });
      await c.query('UPDATE cases SET minutes = $2 WHERE id = $1', [d.case.id, this.enc(list, 'cases', 'minutes', d.case.id)]);
    });
  }

  /**
   * The minutes of a case as a restricted document for the MARAC record. Never for a criminal
   * file (the Austrian pitfall, domain §2.6): police accounts and any role without the minutes
   * scope are refused, and the document says it may not be copied into court or criminal files.
   */
  async exportMinutes(p: AccessPrincipal, caseId: string, purpose: string) {
    const d = await this.access.decide(p, caseId);
    const refuse = async (why: string, hide: boolean) => {
      await this.audit.record({ who: who(p), action: 'case.minutes.export', outcome: 'denied', caseId: d.case?.partnershipId === p.partnershipId ? d.case.id : null, target: `case:${caseId}`, purpose: why });
      throw new DomainError(hide ? ErrorCode.NotFound : ErrorCode.Forbidden, hide ? `case ${caseId} not found` : why);
    };
    if (!d.allowed) return refuse(d.reason, d.hide);
    if (p.agencyType === 'police') return refuse('minutes are kept out of criminal-file systems: police accounts cannot export them', false);
    if (!d.views.has('minutes')) return refuse('the minutes are not within this person\'s need to know', false);
    const f = await this.fields(d.case.id, new Set<View>(['minutes']));
    await this.audit.record({ who: who(p), action: 'case.minutes.export', outcome: 'allowed', caseId: d.case.id, caseReference: d.case.reference, purpose });
    return {
      caseReference: d.case.reference,
      classification: 'MARAC minutes: restricted. Not to be copied without the agencies\' agreement, nor placed on a criminal, court or case-management file.',
      exportedAt: this.clock.now().toISOString(),
      minutes: f.minutes?.entries ?? [],
    };
  }

  async close(p: AccessPrincipal, caseId: string, reason: string): Promise<void> {
    const d = await this.allow(p, caseId, 'case.close', reason);
    if (!hasAnyRole(p, COORDINATORS)) throw new DomainError(ErrorCode.Forbidden, 'only a coordinator closes a case');
    const r = await this.db.query(`UPDATE cases SET status = 'closed', closed_at = $2 WHERE id = $1 AND status = 'open' RETURNING id`, [d.case.id, this.clock.now()]);
    if (!r[0]) throw new DomainError(ErrorCode.Conflict, 'the case is not open');
  }

  /**
   * MARAC-to-MARAC transfer: the only way case data crosses partnerships. A copy under a new
   * reference in the receiving partnership (fields re-encrypted for their new rows), the
   * sending case marked transferred-out, and the transfer audited on both sides. The transfer
   * bundle (SafeLives' MARAC-to-MARAC process: previous minutes and action plans) goes with it
   * into the copy's minutes (its `minutes` scope: never police, never a criminal file), each
   * entry marked with the MARAC it was transferred from.
   */
  async transfer(p: AccessPrincipal, caseId: string, toPartnershipId: string, reason: string): Promise<{ id: string; reference: string }> {
    const d = await this.allow(p, caseId, 'case.transfer.read', reason);
    if (!hasAnyRole(p, COORDINATORS)) {
      await this.audit.record({ who: who(p), action: 'case.transfer', outcome: 'denied', caseId: d.case.id, purpose: 'only a coordinator transfers a case' });
      throw new DomainError(ErrorCode.Forbidden, 'only a coordinator transfers a case');
    }
    if (toPartnershipId === p.partnershipId) throw new DomainError(ErrorCode.InvalidInput, 'a transfer goes to another partnership');
    const target = await this.db.query('SELECT id FROM partnerships WHERE id = $1', [toPartnershipId]);
    if (!target[0]) throw new DomainError(ErrorCode.InvalidInput, 'no such partnership');
    const now = this.clock.now();
    const newId = randomUUID();
    const reference = newReference(now);
    await this.db.tx(async (c) => {
      const src = (await c.query('SELECT * FROM cases WHERE id = $1 FOR UPDATE', [d.case.id])).rows[0]!;
      if (src.status !== 'open') throw new DomainError(ErrorCode.Conflict, 'only an open case is transferred');
      const bundle = await this.transferBundle(c, d.case.id, p.partnershipId, this.dec<unknown[]>(src.minutes, 'cases', 'minutes', d.case.id) ?? []);
      await c.query(
        `INSERT INTO cases (id, partnership_id, reference, pathway, status, referring_agency_id, has_children, refuge_placement, child_contact_conditions, safe_to_call, dash_score,
           consent, lawful_basis, sharing_purpose, transferred_from_case_id, dash, minutes, key_id, created_by, opened_at)
         VALUES ($1, $2, $3, $4, 'open', NULL, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
        [newId, toPartnershipId, reference, src.pathway, src.has_children, src.refuge_placement, src.child_contact_conditions, src.safe_to_call, src.dash_score,
          src.consent, src.lawful_basis, 'MARAC-to-MARAC transfer', d.case.id, this.enc(this.dec(src.dash, 'cases', 'dash', d.case.id), 'cases', 'dash', newId),
          this.enc(bundle.entries.length > 0 ? bundle.entries : null, 'cases', 'minutes', newId), this.cipher.activeKeyId, p.userId, now],
      );
      const v = (await c.query('SELECT * FROM victims WHERE case_id = $1', [d.case.id])).rows[0];
      if (v) {
        const vid = randomUUID();
        const cols = ['identity', 'address', 'safe_contact', 'health'] as const;
        await c.query('INSERT INTO victims (id, case_id, partnership_id, identity, address, safe_contact, health) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
          vid, newId, toPartnershipId, ...cols.map((col) => this.enc(this.dec(v[col], 'victims', col, String(v.id)), 'victims', col, vid)),
        ]);
      }
      for (const r of (await c.query('SELECT * FROM perpetrators WHERE case_id = $1', [d.case.id])).rows) {
        const nid = randomUUID();
        await c.query('INSERT INTO perpetrators (id, case_id, partnership_id, ordinal, identity) VALUES ($1, $2, $3, $4, $5)', [nid, newId, toPartnershipId, r.ordinal, this.enc(this.dec(r.identity, 'perpetrators', 'identity', String(r.id)), 'perpetrators', 'identity', nid)]);
      }
      for (const r of (await c.query('SELECT * FROM children WHERE case_id = $1', [d.case.id])).rows) {
        const nid = randomUUID();
        await c.query('INSERT INTO children (id, case_id, partnership_id, ordinal, details) VALUES ($1, $2, $3, $4, $5)', [nid, newId, toPartnershipId, r.ordinal, this.enc(this.dec(r.details, 'children', 'details', String(r.id)), 'children', 'details', nid)]);
      }
      await c.query(`UPDATE cases SET status = 'transferred-out', closed_at = $2 WHERE id = $1`, [d.case.id, now]);
      await c.query('INSERT INTO case_transfers (from_case_id, from_partnership_id, to_case_id, to_partnership_id, reason, transferred_by, transferred_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        d.case.id, p.partnershipId, newId, toPartnershipId, reason, p.userId, now,
      ]);
      await this.audit.record({ who: who(p), action: 'case.transfer', outcome: 'allowed', caseId: d.case.id, caseReference: d.case.reference, target: `partnership:${toPartnershipId}`, purpose: reason, detail: { toCase: newId, bundle: bundle.counts } }, c);
      await this.audit.record({ who: { ...who(p), partnershipId: toPartnershipId, agencyId: null }, action: 'case.transfer.received', outcome: 'allowed', caseId: newId, caseReference: reference, target: `partnership:${p.partnershipId}`, purpose: reason, detail: { fromCase: d.case.id } }, c);
    });
    return { id: newId, reference };
  }

  /**
   * The case's minutes plus the MARAC meeting minutes and issued action plans of the case, for
   * the receiving MARAC (decrypted here, re-encrypted with the copy). References and dates only
   * besides the minutes' and actions' own text; owner agencies by code.
   */
  private async transferBundle(c: PoolClient, caseId: string, partnershipId: string, own: unknown[]) {
    const from = String((await c.query('SELECT name FROM partnerships WHERE id = $1', [partnershipId])).rows[0]?.name ?? partnershipId);
    const entries: unknown[] = [...own];
    const minutes = await c.query(
      `SELECT mm.id, mm.body, m.date::text AS meeting_date FROM meeting_minutes mm JOIN meetings m ON m.id = mm.meeting_id WHERE mm.case_id = $1 ORDER BY m.date, mm.recorded_at, mm.id`,
      [caseId],
    );
    for (const r of minutes.rows) {
      entries.push({ kind: 'meeting-minutes', meetingDate: String(r.meeting_date), text: this.cipher.decrypt<string>(String(r.body), `meeting_minutes.body:${String(r.id)}`), transferredFrom: from });
    }
    const actions = await c.query(
      `SELECT a.id, a.description, a.due_date::text AS due_date, a.outcome, m.date::text AS meeting_date, ag.code FROM meeting_actions a JOIN meetings m ON m.id = a.meeting_id
         JOIN agencies ag ON ag.id = a.agency_id WHERE a.case_id = $1 AND a.status = 'issued' ORDER BY m.date, a.created_at, a.id`,
      [caseId],
    );
    const plans = new Map<string, { agency: string; description: string | null; dueDate: string; outcome: string }[]>();
    for (const r of actions.rows) {
      const plan = plans.get(String(r.meeting_date)) ?? [];
      plan.push({
        agency: String(r.code), description: r.description ? this.cipher.decrypt<string>(String(r.description), `meeting_actions.description:${String(r.id)}`) : null,
        dueDate: String(r.due_date), outcome: String(r.outcome),
      });
      plans.set(String(r.meeting_date), plan);
    }
    for (const [meetingDate, plan] of plans) {
      entries.push({
        kind: 'action-plan', meetingDate, actions: plan, transferredFrom: from,
        text: plan.map((a) => `${a.agency}: ${a.description ?? '(no description)'} (due ${a.dueDate}, ${a.outcome})`).join('\n'),
      });
    }
    return { entries, counts: { minutes: minutes.rows.length, actions: actions.rows.length } };
  }

  // ------------------------------------------------------------------------------------------
  // Data protection

  /** Everything held about the victim of a case (subject access request), for the DPO. */
  async subjectAccessExport(p: AccessPrincipal, reference: string, purpose: string) {
    const c = await this.access.loadCaseByReference(p.partnershipId, reference);
    if (!c) {
      await this.audit.record({ who: who(p), action: 'dpo.subject-access-export', outcome: 'denied', target: 'case-reference', purpose: 'no such case in the partnership' });
      throw new DomainError(ErrorCode.NotFound, `no case ${reference}`);
    }
    const all = new Set<View>(DATA_SCOPES);
    const fields = await this.fields(c.id, all);
    const row = (await this.db.query('SELECT reference, pathway, status, consent, lawful_basis, sharing_purpose, opened_at, closed_at, anonymised_at, transferred_from_case_id FROM cases WHERE id = $1', [c.id]))[0]!;
    const shares = await this.db.query('SELECT agency_id, consent, lawful_basis, purpose, adequate_relevant_limited, shared_at, revoked_at FROM case_shares WHERE case_id = $1 ORDER BY id', [c.id]);
    const tasks = await this.db.query('SELECT id, element_id, name, agency_id, status, created_at, ended_at FROM user_tasks WHERE case_id = $1 ORDER BY id', [c.id]);
    const audit = await this.db.query('SELECT at, user_id, agency_id, action, outcome, purpose FROM audit_log WHERE case_id = $1 ORDER BY id', [c.id]);
    await this.audit.record({ who: who(p), action: 'dpo.subject-access-export', outcome: 'allowed', caseId: c.id, caseReference: c.reference, purpose });
    return {
      exportedAt: this.clock.now().toISOString(),
      subject: 'the victim of the case',
      case: row,
      personalData: fields,
      sharedWith: shares,
      tasks,
      accessLog: audit,
    };
  }
}

export type { CaseRow };
