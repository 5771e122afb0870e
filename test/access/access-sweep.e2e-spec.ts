import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { startTestRuntime, type TestRuntime } from '../runtime/support/test-runtime';
import { runSweep } from './support/access-sweep';
import { buildWorld, canary, type World } from './support/access-world';

/**
 * Issue 4 "done when": the access sweep (0 leaks), shown to bite with a guard left out, and the
 * field-level test (each role and agency type gets exactly its allowed scopes).
 */
describe('access sweep over every route of the OpenAPI document', () => {
  jest.setTimeout(240_000);
  let t: TestRuntime;
  let w: World;
  const extraApps: INestApplication[] = [];

  beforeAll(async () => {
    t = await startTestRuntime({ backend: 'postgres', env: { AUTH_LOGIN_LIMIT: '1000' } });
    w = await buildWorld(t);
    // A break-glass grant in p2, so the DPO's review route has an object to sweep.
    const c = w.caseOf('C');
    const bg = await request(t.app.getHttpServer()).post(`/api/cases/${c.id}/break-glass`).set(w.actor('p2', 'housing-worker').auth).send({ reason: 'imminent risk reported out of hours' });
    expect(bg.status).toBe(201);
  });

  afterAll(async () => {
    for (const a of extraApps) await a.close();
    await t?.close();
  });

  it('finds no leak across routes × roles × agencies × partnerships', async () => {
    const r = await runSweep(t.app, t.runtime.db.pool, w);
    // The figures for the closing note.
    process.stdout.write(`access sweep: ${r.routes} routes × ${r.actors} people → ${r.requests} requests, ${r.leaks.length} leaks, ${r.positives} legitimate reads answered\n`);
    expect(r.leaks).toEqual([]);
    expect(r.routes).toBeGreaterThan(30);
    expect(r.positives).toBeGreaterThan(100);
  });

  async function weakened(toggles: { skipRouteRoles?: boolean; skipTaskAgencyFilter?: boolean }): Promise<INestApplication> {
    const app = await createApiApp(t.runtime, t.config, { withWorker: false, unsafeTestOnly: toggles });
    await app.init();
    extraApps.push(app);
    return app;
  }

  it('bites: without the agency filter on tasks, the sweep finds other agencies\' tasks', async () => {
    const app = await weakened({ skipTaskAgencyFilter: true });
    const actors = w.actors.filter((a) => a.partnershipId === 'p1' && ['police-worker', 'probation-spoc'].includes(a.key));
    const r = await runSweep(app, t.runtime.db.pool, w, { actors, pathFilter: (p) => p.startsWith('/api/tasks') });
    process.stdout.write(`bite (task agency filter removed): ${r.requests} requests, ${r.leaks.length} leaks\n`);
    expect(r.leaks.length).toBeGreaterThan(0);
    expect(r.leaks.some((l) => l.route === 'GET /api/tasks/{id}')).toBe(true);
  });

  it('bites: without route roles, the sweep finds instances and definitions read by agency staff', async () => {
    const app = await weakened({ skipRouteRoles: true });
    const actors = w.actors.filter((a) => a.partnershipId === 'p1' && ['housing-worker', 'manager'].includes(a.key));
    const r = await runSweep(app, t.runtime.db.pool, w, { actors, pathFilter: (p) => p.startsWith('/api/instances') || p.startsWith('/api/definitions') });
    process.stdout.write(`bite (route roles removed): ${r.requests} requests, ${r.leaks.length} leaks\n`);
    expect(r.leaks.length).toBeGreaterThan(0);
  });

  describe('field level: each role and agency type sees exactly its scopes', () => {
    // A case with children, no refuge placement, no child-contact conditions, shared with every
    // agency and holding no task of theirs (so the matrix alone decides).
    const EXPECTED: Record<string, string[] | 403> = {
      'police-spoc': ['identity', 'address', 'dash', 'perpetrator', 'children'],
      'police-worker': ['identity', 'address', 'dash', 'perpetrator', 'children'],
      'idva-spoc': ['identity', 'address', 'safe-contact', 'dash', 'perpetrator', 'children', 'minutes'],
      'idva-worker': ['identity', 'address', 'safe-contact', 'dash', 'perpetrator', 'children', 'minutes'],
      'idva-idva': ['identity', 'address', 'safe-contact', 'dash', 'perpetrator', 'children', 'minutes'],
      'childrens-services-spoc': ['identity', 'address', 'perpetrator', 'children', 'minutes', 'dash-summary'],
      'childrens-services-worker': ['identity', 'address', 'perpetrator', 'children', 'minutes', 'dash-summary'],
      'health-spoc': ['identity', 'address', 'children', 'health', 'minutes', 'dash-summary', 'perpetrator-flag'],
      'health-worker': ['identity', 'address', 'children', 'health', 'minutes', 'dash-summary', 'perpetrator-flag'],
      'housing-spoc': ['identity', 'address', 'minutes', 'dash-summary', 'perpetrator-flag', 'children-count'],
      'housing-worker': ['identity', 'address', 'minutes', 'dash-summary', 'perpetrator-flag', 'children-count'],
      'refuge-spoc': ['identity', 'minutes', 'dash-summary', 'children-count'],
      'refuge-worker': ['identity', 'minutes', 'dash-summary', 'children-count'],
      'probation-spoc': ['perpetrator', 'minutes', 'dash-summary', 'children-count'],
      'probation-worker': ['perpetrator', 'minutes', 'dash-summary', 'children-count'],
      'marac-spoc': ['dash-summary'],
      'marac-worker': ['dash-summary'],
      'marac-coordinator': ['identity', 'address', 'dash', 'perpetrator', 'children', 'minutes'],
      'marac-chair': ['identity', 'dash', 'perpetrator', 'children', 'minutes'],
      'partnership-coordinator': ['identity', 'address', 'perpetrator', 'children', 'minutes', 'dash-summary'],
      manager: 403,
      'steering-group': 403,
      dpo: 403,
      administrator: 403,
    };
    const SCOPES = ['identity', 'address', 'safe-contact', 'dash', 'perpetrator', 'children', 'health', 'minutes'];

    it('matches the need-to-know matrix for every person of the partnership', async () => {
      const http = () => request(t.app.getHttpServer());
      const coordinator = w.actor('p1', 'marac-coordinator');
      const { referralBody } = await import('./support/access-world');
      const made = await http().post('/api/referrals').set(coordinator.auth).send(referralBody('F', { children: true }));
      expect(made.status).toBe(201);
      const id = made.body.id as string;
      await http().post(`/api/cases/${id}/minutes`).set(coordinator.auth).send({ meetingDate: '2026-03-02', text: canary('F', 'minutes') });
      for (const agencyId of Object.values(w.agencies.p1!)) {
        const s = await http().post(`/api/cases/${id}/shares`).set(coordinator.auth).send({ agencyId, consent: 'given', lawfulBasis: 'consent', purpose: 'field-level test' });
        expect(s.status).toBe(201);
      }
      // The pathway routes one task to the IDVA service: complete nothing, but its scopes are within the IDVA row anyway.
      const seen: Record<string, string[] | 403> = {};
      for (const a of w.actors.filter((x) => x.partnershipId === 'p1')) {
        const res = await http().get(`/api/cases/${id}`).set(a.auth);
        if (res.status === 403) {
          seen[a.key] = 403;
          expect(res.text).not.toContain('CANARY-F-');
          continue;
        }
        expect(res.status).toBe(200);
        const fields = Object.keys(res.body.fields as object);
        seen[a.key] = fields;
        // Nothing of a withheld scope anywhere in the answer.
        for (const s of SCOPES) {
          const shown = fields.includes(s);
          expect({ who: a.key, scope: s, inBody: res.text.includes(canary('F', s)) }).toEqual({ who: a.key, scope: s, inBody: shown });
        }
        expect(res.body.withheldScopes.sort()).toEqual(SCOPES.filter((s) => !fields.includes(s)).sort());
      }
      const sorted = (x: string[] | 403) => (x === 403 ? 403 : [...x].sort());
      expect(Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, sorted(v)]))).toEqual(Object.fromEntries(Object.entries(EXPECTED).map(([k, v]) => [k, sorted(v)])));
    });
  });
});
