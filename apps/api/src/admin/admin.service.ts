import { randomUUID } from 'node:crypto';
import { DomainError, ErrorCode, type RuntimeServices } from '@app/application';
import type { AuditLog } from '@app/audit';
import { hashPassword, passwordProblem, type IdentityService, type Principal } from '@app/identity';

const who = (p: Principal) => ({ userId: p.userId, partnershipId: p.partnershipId, roles: p.roles, agencyId: p.agencyId ?? null });

const toUser = (r: Record<string, unknown>) => ({
  id: String(r.id), email: String(r.email), displayName: String(r.display_name), agency: (r.agency_id as string | null) ?? null,
  roles: (r.roles as string[]) ?? [], disabled: r.status !== 'active', totpEnabled: Boolean(r.totp_enabled), sso: Boolean(r.oidc_subject),
});

/**
 * Administration of a partnership: its settings, agencies (with their SPOC, offboarding) and
 * people (roles, disabling). Everything stays inside the administrator's own partnership, and
 * every change is audited. Disabling and offboarding revoke sessions at once.
 */
export class AdminService {
  constructor(
    private readonly rt: RuntimeServices,
    private readonly identity: IdentityService,
    private readonly audit: AuditLog,
  ) {}

  async partnerships(p: Principal) {
    const rows = await this.rt.db.query('SELECT id, name, time_zone, calendar, parameters, population, retention_months FROM partnerships WHERE id = $1', [p.partnershipId]);
    return rows.map((r) => ({ id: String(r.id), name: String(r.name), timeZone: String(r.time_zone), calendar: r.calendar, parameters: r.parameters, population: r.population, retentionMonths: Number(r.retention_months) }));
  }

  async updatePartnership(p: Principal, id: string, dto: { name?: string; timeZone?: string; calendar?: unknown; parameters?: unknown; population?: unknown; retentionMonths?: number }) {
    if (id !== p.partnershipId) throw new DomainError(ErrorCode.NotFound, `partnership ${id} not found`);
    if (dto.timeZone) {
      try {
        new Intl.DateTimeFormat('en', { timeZone: dto.timeZone });
      } catch {
        throw new DomainError(ErrorCode.InvalidInput, 'unknown time zone');
      }
    }
    await this.rt.db.query(
      `UPDATE partnerships SET name = COALESCE($2, name), time_zone = COALESCE($3, time_zone), calendar = COALESCE($4, calendar), parameters = COALESCE($5, parameters),
         population = COALESCE($6, population), retention_months = COALESCE($7, retention_months) WHERE id = $1`,
      [id, dto.name ?? null, dto.timeZone ?? null, dto.calendar ? JSON.stringify(dto.calendar) : null, dto.parameters ? JSON.stringify(dto.parameters) : null,
        dto.population ? JSON.stringify(dto.population) : null, dto.retentionMonths ?? null],
    );
    await this.audit.record({ who: who(p), action: 'admin.partnership.update', outcome: 'allowed', target: `partnership:${id}`, detail: { fields: Object.keys(dto) } });
    return (await this.partnerships(p))[0];
  }

  async agencies(p: Principal) {
    const rows = await this.rt.db.query('SELECT id, code, name, type, spoc_user_id, status FROM agencies WHERE partnership_id = $1 ORDER BY name, id', [p.partnershipId]);
    return rows.map((r) => ({ id: String(r.id), code: String(r.code), name: String(r.name), kind: String(r.type), spoc: (r.spoc_user_id as string | null) ?? undefined, status: String(r.status) }));
  }

  async createAgency(p: Principal, dto: { code: string; name: string; type: string }) {
    const id = randomUUID();
    try {
      await this.rt.db.query('INSERT INTO agencies (id, partnership_id, code, name, type, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [id, p.partnershipId, dto.code, dto.name, dto.type, this.rt.clock.now()]);
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw new DomainError(ErrorCode.Conflict, `agency code ${dto.code} is taken`);
      throw err;
    }
    await this.audit.record({ who: who(p), action: 'admin.agency.create', outcome: 'allowed', target: `agency:${id}`, detail: { code: dto.code, type: dto.type } });
    return { id, code: dto.code, name: dto.name, kind: dto.type, status: 'active' };
  }

  async setSpoc(p: Principal, agencyId: string, userId: string) {
    const u = await this.rt.db.query(`SELECT id FROM users WHERE id = $1 AND agency_id = $2 AND partnership_id = $3 AND 'agency-spoc' = ANY(roles)`, [userId, agencyId, p.partnershipId]);
    if (!u[0]) throw new DomainError(ErrorCode.InvalidInput, 'the SPOC must be a person of the agency with the agency-spoc role');
    const r = await this.rt.db.query('UPDATE agencies SET spoc_user_id = $3 WHERE id = $1 AND partnership_id = $2 RETURNING id', [agencyId, p.partnershipId, userId]);
    if (!r[0]) throw new DomainError(ErrorCode.NotFound, `agency ${agencyId} not found`);
    await this.audit.record({ who: who(p), action: 'admin.agency.spoc', outcome: 'allowed', target: `agency:${agencyId}`, detail: { userId } });
  }

  /** Offboards an agency: its people are signed out at once and its case shares end. */
  async offboard(p: Principal, agencyId: string) {
    const now = this.rt.clock.now();
    const r = await this.rt.db.query(`UPDATE agencies SET status = 'offboarded', offboarded_at = $3 WHERE id = $1 AND partnership_id = $2 AND status = 'active' RETURNING id`, [agencyId, p.partnershipId, now]);
    if (!r[0]) throw new DomainError(ErrorCode.NotFound, `active agency ${agencyId} not found`);
    await this.rt.db.query('UPDATE case_shares SET revoked_at = $2 WHERE agency_id = $1 AND revoked_at IS NULL', [agencyId, now]);
    const users = await this.rt.db.query('SELECT id FROM users WHERE agency_id = $1', [agencyId]);
    for (const u of users) await this.identity.revokeUserSessions(String(u.id), 'agency offboarded');
    this.identity.forget();
    await this.audit.record({ who: who(p), action: 'admin.agency.offboard', outcome: 'allowed', target: `agency:${agencyId}`, detail: { users: users.length } });
  }

  async users(p: Principal, q: { agencyId?: string; limit: number; offset: number }) {
    const values: unknown[] = [p.partnershipId];
    let where = 'partnership_id = $1';
    if (q.agencyId) {
      values.push(q.agencyId);
      where += ' AND agency_id = $2';
    }
    const rows = await this.rt.db.query(`SELECT id, email, display_name, agency_id, roles, status, totp_enabled, oidc_subject FROM users WHERE ${where} ORDER BY display_name, id LIMIT ${Number(q.limit)} OFFSET ${Number(q.offset)}`, values);
    const total = await this.rt.db.query(`SELECT count(*) AS n FROM users WHERE ${where}`, values);
    return { items: rows.map(toUser), total: Number(total[0]?.n ?? 0), limit: q.limit, offset: q.offset };
  }

  async user(p: Principal, id: string) {
    const r = await this.rt.db.query('SELECT id, email, display_name, agency_id, roles, status, totp_enabled, oidc_subject FROM users WHERE id = $1 AND partnership_id = $2', [id, p.partnershipId]);
    if (!r[0]) throw new DomainError(ErrorCode.NotFound, `user ${id} not found`);
    return toUser(r[0]);
  }

  async createUser(p: Principal, dto: { email: string; displayName: string; agencyId?: string; roles: string[]; password?: string }) {
    if (dto.agencyId) {
      const a = await this.rt.db.query(`SELECT id FROM agencies WHERE id = $1 AND partnership_id = $2 AND status = 'active'`, [dto.agencyId, p.partnershipId]);
      if (!a[0]) throw new DomainError(ErrorCode.InvalidInput, 'no such active agency in the partnership');
    }
    if (dto.roles.some((r) => ['agency-spoc', 'agency-worker', 'idva'].includes(r)) && !dto.agencyId) throw new DomainError(ErrorCode.InvalidInput, 'agency roles need an agency');
    if (dto.password) {
      const problem = passwordProblem(dto.password);
      if (problem) throw new DomainError(ErrorCode.InvalidInput, problem);
    }
    const id = randomUUID();
    try {
      await this.rt.db.query('INSERT INTO users (id, partnership_id, agency_id, email, display_name, roles, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
        id, p.partnershipId, dto.agencyId ?? null, dto.email, dto.displayName, dto.roles, dto.password ? await hashPassword(dto.password) : null, this.rt.clock.now(),
      ]);
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw new DomainError(ErrorCode.Conflict, 'that e-mail address is taken');
      throw err;
    }
    await this.audit.record({ who: who(p), action: 'admin.user.create', outcome: 'allowed', target: `user:${id}`, detail: { roles: dto.roles, agencyId: dto.agencyId ?? null } });
    return this.user(p, id);
  }

  async setRoles(p: Principal, id: string, roles: string[]) {
    const r = await this.rt.db.query('UPDATE users SET roles = $3 WHERE id = $1 AND partnership_id = $2 RETURNING id', [id, p.partnershipId, roles]);
    if (!r[0]) throw new DomainError(ErrorCode.NotFound, `user ${id} not found`);
    this.identity.forget();
    await this.audit.record({ who: who(p), action: 'admin.user.roles', outcome: 'allowed', target: `user:${id}`, detail: { roles } });
    return this.user(p, id);
  }

  /** Disables an account: its sessions end now (this process) and within the status cache elsewhere. */
  async setDisabled(p: Principal, id: string, disabled: boolean) {
    const r = await this.rt.db.query(`UPDATE users SET status = $3, disabled_at = $4 WHERE id = $1 AND partnership_id = $2 RETURNING id`, [id, p.partnershipId, disabled ? 'disabled' : 'active', disabled ? this.rt.clock.now() : null]);
    if (!r[0]) throw new DomainError(ErrorCode.NotFound, `user ${id} not found`);
    if (disabled) await this.identity.revokeUserSessions(id, 'account disabled');
    this.identity.forget();
    await this.audit.record({ who: who(p), action: disabled ? 'admin.user.disable' : 'admin.user.enable', outcome: 'allowed', target: `user:${id}` });
    return this.user(p, id);
  }
}
