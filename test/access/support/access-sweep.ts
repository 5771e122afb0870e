import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { Queryable } from '@app/persistence';
import { canary, type Actor, type World } from './access-world';

/**
 * The access sweep: every route of the OpenAPI document × every person (role × agency ×
 * partnership) × the objects of other agencies and partnerships, requested by id. A leak is a
 * 2xx answer for an object the person may not have, or any response carrying the personal data
 * (a canary) of a case the person may not see, or an id of another partnership.
 *
 * The oracle below is written from the rules (domain §5.2, issue 4), not from the code.
 */
type Kind = 'case' | 'task' | 'instance' | 'definition' | 'incident' | 'user' | 'agency' | 'partnership' | 'break-glass' | 'opaque';

interface Obj {
  kind: Kind;
  id: string;
  partnershipId: string;
  agencyId?: string | null;
  sharedWith?: string[];
  /** People holding a break-glass grant on the case (access by design, for a stated reason). */
  glass?: string[];
  hasChildren?: boolean;
  caseKey?: string;
}

export interface SweepResult {
  requests: number;
  leaks: { actor: string; route: string; object: string; status: number; why: string }[];
  positives: number;
  routes: number;
  actors: number;
}

const PARTNERSHIP_WIDE = ['partnership-coordinator', 'marac-coordinator', 'marac-chair'];
const WORK = ['agency-spoc', 'agency-worker', 'idva'];
const COORDINATION = ['administrator', 'partnership-coordinator', 'marac-coordinator'];
const has = (a: Actor, roles: string[]) => a.roles.some((r) => roles.includes(r));

function kindOf(path: string): Kind | undefined {
  if (!path.includes('{')) return undefined;
  if (path.startsWith('/api/cases/')) return 'case';
  if (path.startsWith('/api/tasks/')) return 'task';
  if (path.startsWith('/api/instances/')) return 'instance';
  if (path.startsWith('/api/definitions/')) return 'definition';
  if (path.startsWith('/api/incidents/')) return 'incident';
  if (path.startsWith('/api/admin/users/')) return 'user';
  if (path.startsWith('/api/admin/agencies/')) return 'agency';
  if (path.startsWith('/api/admin/partnerships/')) return 'partnership';
  if (path.startsWith('/api/audit/break-glass/')) return 'break-glass';
  return 'opaque';
}

/** May this person have this object through this route (the rules, independently of the code)? */
export function mayHave(a: Actor, o: Obj, method: string, path: string): boolean {
  if (o.partnershipId !== a.partnershipId) return false;
  switch (o.kind) {
    case 'case': {
      if (path.endsWith('/break-glass')) return has(a, WORK) && (a.agencyType !== 'children-social-work' || Boolean(o.hasChildren));
      if (has(a, PARTNERSHIP_WIDE)) return true;
      const holds = (o.sharedWith ?? []).includes(a.agencyId ?? '-') || (o.glass ?? []).includes(a.userId);
      return has(a, WORK) && holds && (a.agencyType !== 'children-social-work' || Boolean(o.hasChildren));
    }
    case 'task':
      return has(a, PARTNERSHIP_WIDE) || (has(a, WORK) && o.agencyId === a.agencyId);
    case 'instance':
    case 'definition':
    case 'incident':
      return has(a, COORDINATION);
    case 'user':
    case 'agency':
    case 'partnership':
      return method === 'GET' ? has(a, ['administrator']) : has(a, ['administrator']);
    case 'break-glass':
      return has(a, ['dpo']);
    case 'opaque':
      return true;
  }
}

function bodyFor(method: string, path: string, a: Actor, w: World): Record<string, unknown> | undefined {
  if (method === 'GET' || method === 'DELETE') return undefined;
  const own = a.agencyId ?? w.sinkAgency[a.partnershipId]!;
  if (path.endsWith('/shares')) return { agencyId: own, consent: 'given', lawfulBasis: 'consent', purpose: 'sweep' };
  if (path.endsWith('/exclusions')) return { userId: w.sinkUser[a.partnershipId] };
  if (path.endsWith('/minutes')) return { meetingDate: '2026-01-01', text: 'sweep' };
  if (path.endsWith('/close') || path.endsWith('/break-glass')) return { reason: 'a sweep of the access rules' };
  if (path.endsWith('/transfer')) return { toPartnershipId: 'nowhere', reason: 'a sweep of the access rules' };
  if (path.endsWith('/complete')) return { variables: {} };
  if (path.endsWith('/reassign')) return { assignee: a.userId };
  if (path.endsWith('/spoc')) return { userId: a.userId };
  if (path.endsWith('/roles')) return { roles: ['administrator'] };
  if (path.startsWith('/api/admin/partnerships/')) return { name: 'sweep' };
  return {};
}

async function objects(db: Queryable, w: World): Promise<Obj[]> {
  const out: Obj[] = [];
  const q = async (sql: string) => (await db.query(sql)).rows;
  for (const c of await q(`SELECT c.id, c.partnership_id, c.has_children, array_remove(array_agg(s.agency_id) FILTER (WHERE s.revoked_at IS NULL), NULL) AS shared,
                             (SELECT array_agg(b.user_id) FROM break_glass b WHERE b.case_id = c.id) AS glass
                           FROM cases c LEFT JOIN case_shares s ON s.case_id = c.id GROUP BY c.id`)) {
    out.push({
      kind: 'case', id: String(c.id), partnershipId: String(c.partnership_id), hasChildren: Boolean(c.has_children), sharedWith: (c.shared as string[]) ?? [],
      glass: (c.glass as string[] | null) ?? [], caseKey: w.cases.find((x) => x.id === c.id)?.key,
    });
  }
  for (const t of await q('SELECT id, partnership_id, agency_id, case_id FROM user_tasks')) out.push({ kind: 'task', id: String(t.id), partnershipId: String(t.partnership_id), agencyId: (t.agency_id as string | null) ?? null });
  for (const i of await q('SELECT id, partnership_id FROM instances')) out.push({ kind: 'instance', id: String(i.id), partnershipId: String(i.partnership_id) });
  for (const d of await q('SELECT id, partnership_id FROM definitions')) out.push({ kind: 'definition', id: String(d.id), partnershipId: String(d.partnership_id) });
  for (const i of await q('SELECT id, partnership_id FROM incidents')) out.push({ kind: 'incident', id: String(i.id), partnershipId: String(i.partnership_id) });
  for (const u of await q('SELECT id, partnership_id FROM users')) out.push({ kind: 'user', id: String(u.id), partnershipId: String(u.partnership_id) });
  for (const a of await q('SELECT id, partnership_id FROM agencies')) out.push({ kind: 'agency', id: String(a.id), partnershipId: String(a.partnership_id) });
  for (const p of await q('SELECT id FROM partnerships')) out.push({ kind: 'partnership', id: String(p.id), partnershipId: String(p.id) });
  for (const b of await q('SELECT id, partnership_id FROM break_glass')) out.push({ kind: 'break-glass', id: String(b.id), partnershipId: String(b.partnership_id) });
  // People and agencies: a few of each partnership stand for the rest (every case, task, instance and definition is swept).
  const sampled = new Map<string, number>();
  return out.filter((o) => {
    if (!w.partnerships.includes(o.partnershipId)) return false;
    if (o.kind !== 'user' && o.kind !== 'agency') return true;
    const k = `${o.kind}:${o.partnershipId}`;
    sampled.set(k, (sampled.get(k) ?? 0) + 1);
    return sampled.get(k)! <= 3;
  });
}

/** The cases whose personal data a person may see (for the canary scan). */
function visibleCaseKeys(a: Actor, objs: Obj[]): Set<string> {
  return new Set(objs.filter((o) => o.kind === 'case' && o.caseKey && mayHave(a, o, 'GET', '/api/cases/{id}')).map((o) => o.caseKey!));
}

export async function runSweep(app: INestApplication, db: Queryable, w: World, opts: { actors?: Actor[]; pathFilter?: (path: string) => boolean } = {}): Promise<SweepResult> {
  const http = () => request(app.getHttpServer());
  const docRes = await http().get('/api/docs/json');
  const paths = docRes.body.paths as Record<string, Record<string, unknown>>;
  const routes: { method: string; path: string }[] = [];
  for (const [path, ops] of Object.entries(paths)) {
    for (const method of Object.keys(ops)) {
      if (path.startsWith('/api/auth') || path.startsWith('/api/health') || path === '/api/notifications/stream') continue;
      if (opts.pathFilter && !opts.pathFilter(path)) continue;
      routes.push({ method: method.toUpperCase(), path });
    }
  }
  const objs = await objects(db, w);
  const allCaseKeys = w.cases.map((c) => c.key);
  const foreignIds = (a: Actor) => objs.filter((o) => o.partnershipId !== a.partnershipId && ['case', 'user', 'agency'].includes(o.kind)).map((o) => o.id);
  const result: SweepResult = { requests: 0, leaks: [], positives: 0, routes: routes.length, actors: 0 };
  const actors = opts.actors ?? w.actors;
  result.actors = actors.length;

  const scan = (a: Actor, text: string, route: string, object: string, status: number, visible: Set<string>) => {
    for (const k of allCaseKeys) {
      if (visible.has(k)) continue;
      if (text.includes(`CANARY-${k}-`)) result.leaks.push({ actor: `${a.key}@${a.partnershipId}`, route, object, status, why: `personal data of case ${k}` });
    }
    for (const id of foreignIds(a)) if (text.includes(id)) result.leaks.push({ actor: `${a.key}@${a.partnershipId}`, route, object, status, why: `id of another partnership's object ${id}` });
  };

  // Requests run a few at a time (none of them may change what anyone can see).
  const jobs: (() => Promise<void>)[] = [];
  for (const a of actors) {
    const visible = visibleCaseKeys(a, objs);
    for (const r of routes) {
      const kind = kindOf(r.path);
      if (!kind) {
        if (r.method !== 'GET') continue;
        jobs.push(async () => {
          // A list: nothing of another partnership, no personal data of a case out of reach.
          const res = await http().get(r.path).set(a.auth);
          result.requests++;
          scan(a, res.text, `${r.method} ${r.path}`, '-', res.status, visible);
          if (r.path === '/api/tasks' && res.status === 200) {
            for (const item of res.body.items as { id: number }[]) {
              const o = objs.find((x) => x.kind === 'task' && x.id === String(item.id));
              if (!o || !mayHave(a, o, 'GET', '/api/tasks/{id}')) result.leaks.push({ actor: `${a.key}@${a.partnershipId}`, route: 'GET /api/tasks', object: `task:${item.id}`, status: 200, why: 'a task of another agency in the inbox' });
            }
          }
        });
        continue;
      }
      const candidates = kind === 'opaque' ? [{ kind, id: '1', partnershipId: 'x' } as Obj] : objs.filter((o) => o.kind === kind);
      for (const o of candidates) {
        const legit = kind !== 'opaque' && mayHave(a, o, r.method, r.path);
        // Only reads are sent for objects the person may have (mutations could change the world under the sweep).
        if (legit && r.method !== 'GET') continue;
        jobs.push(async () => {
          const url = r.path.replace(/\{[^}]+\}/g, encodeURIComponent(o.id));
          const body = bodyFor(r.method, r.path, a, w);
          const query = r.path.endsWith('/minutes/export') ? { purpose: 'sweep of the access rules' } : {};
          let req = http()[r.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](url).set(a.auth).query(query);
          if (body !== undefined) req = req.send(body);
          const res = await req;
          result.requests++;
          // The id the person sent may come back (e.g. in a problem's `instance`): that is no leak.
          scan(a, res.text.split(o.id).join('<requested>'), `${r.method} ${r.path}`, `${o.kind}:${o.id}`, res.status, visible);
          if (res.status >= 200 && res.status < 300) {
            if (legit) result.positives++;
            else if (kind !== 'opaque') result.leaks.push({ actor: `${a.key}@${a.partnershipId}`, route: `${r.method} ${r.path}`, object: `${o.kind}:${o.id}`, status: res.status, why: 'answered for an object out of reach' });
          }
        });
      }
    }
  }
  let next = 0;
  await Promise.all(Array.from({ length: 6 }, async () => {
    while (next < jobs.length) await jobs[next++]!();
  }));
  return result;
}

export { canary };
