import request from 'supertest';
import type { CaseAccessService } from '@app/access';
import { buildAgenda } from '@app/pathways';
import { CASE_ACCESS } from '../../apps/api/src/security/security.tokens';
import { eventually, startTestRuntime, type TestRuntime } from '../runtime/support/test-runtime';
import { buildWorld, canary, referralBody, type World } from './support/access-world';

/**
 * Scenarios 7, 12, 22, 25 and 26 of the domain brief (§8) end to end: api and worker in one
 * app on real PostgreSQL and Redis, people signed in with a second factor, synthetic data.
 * Then the audit: a scripted run of reads, changes and refusals must be in the log, all of it,
 * and the application's database role can neither update nor delete a row of it.
 */
describe('need-to-know scenarios (api + worker, PostgreSQL + Redis)', () => {
  jest.setTimeout(180_000);
  let t: TestRuntime;
  let w: World;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    t = await startTestRuntime({ backend: 'redis', env: { AUTH_LOGIN_LIMIT: '1000' } });
    w = await buildWorld(t, { partnerships: ['p1'] });
  });

  afterAll(async () => {
    await t?.close();
  });

  const a = (key: string) => w.actor('p1', key);

  async function taskOf(caseId: string, elementId: string) {
    return eventually(async () => (await t.runtime.db.query(`SELECT id, agency_id FROM user_tasks WHERE case_id = $1 AND element_id = $2 AND status = 'open'`, [caseId, elementId]))[0]);
  }

  async function refer(key: string, who: string, body: ReturnType<typeof referralBody>) {
    const res = await http().post('/api/referrals').set(a(who).auth).send(body);
    expect(res.status).toBe(201);
    return res.body as { id: string; reference: string; instanceId: number };
  }

  it('7: not safe to call — the IDVA task offers safe channels only, SMS and phone are blocked, and the named unsafe person cannot see the case or be notified', async () => {
    const unsafe = a('idva-worker');
    const c = await refer('S7', 'police-worker', referralBody('S7', { children: false, safeToCall: false, safeChannels: ['in-person', 'letter', 'sms'], notSafe: [unsafe.userId] }));
    const task = await taskOf(c.id, 'ContactVictim');
    expect(task.agency_id).toBe(w.agencies.p1!.idva);
    const idva = a('idva-idva');
    const shown = await http().get(`/api/tasks/${task.id}`).set(idva.auth);
    expect(shown.status).toBe(200);
    const channel = (shown.body.form as { name: string; options?: string[] }[]).find((f) => f.name === 'channel')!;
    expect(channel.options).toEqual(['in-person', 'letter']);
    expect((await http().post(`/api/tasks/${task.id}/claim`).set(idva.auth)).status).toBe(200);
    for (const bad of ['sms', 'phone', 'email']) {
      const r = await http().post(`/api/tasks/${task.id}/complete`).set(idva.auth).send({ variables: { contactMade: true, channel: bad } });
      expect(r.status).toBe(422);
    }
    // The victim's own view for the IDVA: safe contact details, marked not safe to call.
    const seen = await http().get(`/api/cases/${c.id}`).set(idva.auth);
    expect(seen.body.fields['safe-contact']).toMatchObject({ safeToCall: false, safeChannels: ['in-person', 'letter', 'sms'] });

    // The unsafe person: no case, no task, nothing in the inbox or the case list, no break-glass.
    expect((await http().get(`/api/cases/${c.id}`).set(unsafe.auth)).status).toBe(404);
    expect((await http().get(`/api/tasks/${task.id}`).set(unsafe.auth)).status).toBe(404);
    expect((await http().post(`/api/tasks/${task.id}/claim`).set(unsafe.auth)).status).toBe(404);
    expect((await http().post(`/api/cases/${c.id}/break-glass`).set(unsafe.auth).send({ reason: 'I need to see this case urgently' })).status).toBe(404);
    const inbox = await http().get('/api/tasks').set(unsafe.auth).query({ status: 'open', limit: 200 });
    expect(inbox.body.items.map((i: { id: number }) => i.id)).not.toContain(task.id);
    expect(inbox.text).not.toContain(c.reference);
    const list = await http().get('/api/cases').set(unsafe.auth).query({ limit: 200 });
    expect(list.text).not.toContain(c.id);
    // Reassigning the task to them is refused too.
    expect((await http().post(`/api/tasks/${task.id}/reassign`).set(a('idva-spoc').auth).send({ assignee: unsafe.userId })).status).toBe(400);
    // Notifications: the exclusion check the notification planner calls.
    const access = t.app.get<CaseAccessService>(CASE_ACCESS);
    expect(await access.isExcluded(unsafe.userId, c.id)).toBe(true);
    expect(await access.filterRecipients(c.id, [unsafe.userId, idva.userId, a('idva-spoc').userId])).toEqual([idva.userId, a('idva-spoc').userId]);
    // Done over a safe channel.
    const done = await http().post(`/api/tasks/${task.id}/complete`).set(idva.auth).send({ variables: { contactMade: true, channel: 'in-person' } });
    expect(done.status).toBe(200);
    // Every attempt of the unsafe person was refused and audited.
    const denied = await t.runtime.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE user_id = $1 AND outcome = 'denied'`, [unsafe.userId]);
    expect(denied[0]!.n).toBeGreaterThanOrEqual(4);
  });

  it('12: the meeting takes cases with children first; a children\'s services user has no access to adult-only cases', async () => {
    const A = w.caseOf('A'); // adult-only
    const B = w.caseOf('B'); // with children
    const coord = a('marac-coordinator');
    const listed = await http().get('/api/cases').set(coord.auth).query({ status: 'open', limit: 200 });
    const items = listed.body.items as { id: string; reference: string; hasChildren: boolean; openedAt: string }[];
    const agenda = buildAgenda({ cases: items.map((c) => ({ caseRef: c.reference, hasChildren: c.hasChildren, isRepeat: false, receivedAt: c.openedAt })), hasIncompleteActions: false, twelveMonthNotices: [] });
    const order = agenda.filter((i) => i.caseRef).map((i) => i.caseRef);
    expect(order.indexOf(B.reference)).toBeLessThan(order.indexOf(A.reference));
    expect(agenda.find((i) => i.caseRef === B.reference)!.section).toBe('children-cases');
    // The list itself comes children first.
    expect(items.findIndex((c) => c.id === B.id)).toBeLessThan(items.findIndex((c) => c.id === A.id));

    const csc = a('childrens-services-worker');
    const shareAdult = await http().post(`/api/cases/${A.id}/shares`).set(coord.auth).send({ agencyId: w.agencies.p1!['childrens-services'], consent: 'given', lawfulBasis: 'consent', purpose: 'meeting' });
    expect(shareAdult.status).toBe(400);
    expect((await http().get(`/api/cases/${A.id}`).set(csc.auth)).status).toBe(404);
    expect((await http().post(`/api/cases/${A.id}/break-glass`).set(csc.auth).send({ reason: 'attending the meeting for this case' })).status).toBe(404);
    const shareChildren = await http().post(`/api/cases/${B.id}/shares`).set(coord.auth).send({ agencyId: w.agencies.p1!['childrens-services'], consent: 'given', lawfulBasis: 'consent', purpose: 'children\'s case at the meeting' });
    expect(shareChildren.status).toBe(201);
    const seen = await http().get(`/api/cases/${B.id}`).set(csc.auth);
    expect(seen.status).toBe(200);
    expect(seen.body.fields.children.children[0].name).toBe(canary('B', 'children'));
    const cscList = await http().get('/api/cases').set(csc.auth).query({ limit: 200 });
    expect(cscList.body.items.map((c: { id: string }) => c.id)).toEqual([B.id]);
  });

  it('22: DE proactive approach — consent refused: no data reaches the victim service, only the leaflet; consent given: the contact task is created', async () => {
    const refuge = a('refuge-worker');
    const refused = await refer('D1', 'police-worker', referralBody('D1', { children: false, consent: 'refused', pathway: 'proactive_consent', variables: { victimConsentToReferral: false, victimService: 'refuge' } }));
    const leaflet = await taskOf(refused.id, 'GiveInformationLeaflet');
    expect(leaflet.agency_id).toBe(w.agencies.p1!.police);
    const none = await t.runtime.db.query(`SELECT count(*)::int AS n FROM user_tasks WHERE case_id = $1 AND element_id = 'ProactiveContact'`, [refused.id]);
    expect(none[0]!.n).toBe(0);
    const shares = await t.runtime.db.query('SELECT agency_id FROM case_shares WHERE case_id = $1', [refused.id]);
    expect(shares.map((s) => s.agency_id)).toEqual([w.agencies.p1!.police]);
    const r = await http().get(`/api/cases/${refused.id}`).set(refuge.auth);
    expect(r.status).toBe(404);
    expect(r.text).not.toContain('CANARY-D1');

    const given = await refer('D2', 'police-worker', referralBody('D2', { children: false, consent: 'given', pathway: 'proactive_consent', variables: { victimConsentToReferral: true, victimService: 'refuge' } }));
    const contact = await taskOf(given.id, 'ProactiveContact');
    expect(contact.agency_id).toBe(w.agencies.p1!.refuge);
    const share = await t.runtime.db.query('SELECT consent, lawful_basis, via_task_id FROM case_shares WHERE case_id = $1 AND agency_id = $2', [given.id, w.agencies.p1!.refuge]);
    expect(share).toEqual([{ consent: 'given', lawful_basis: 'consent', via_task_id: contact.id }]);
    const view = await http().get(`/api/cases/${given.id}`).set(refuge.auth);
    expect(view.status).toBe(200);
    // The refuge's own row gives identity; its open task adds what the contact needs (safe contact, DASH).
    expect(Object.keys(view.body.fields).sort()).toEqual(['children-count', 'dash', 'identity', 'minutes', 'safe-contact']);
    expect((await http().post(`/api/tasks/${contact.id}/claim`).set(refuge.auth)).status).toBe(200);
    expect((await http().post(`/api/tasks/${contact.id}/complete`).set(refuge.auth).send({ variables: { reached: true } })).status).toBe(200);
    // Once the task is done, the task's extra scopes go with it.
    const after = await http().get(`/api/cases/${given.id}`).set(refuge.auth);
    expect(Object.keys(after.body.fields).sort()).toEqual(['children-count', 'dash-summary', 'identity', 'minutes']);
  });

  it('25: sharing without consent needs a purpose, a lawful basis and the adequate/relevant/limited check, and is audited', async () => {
    const A = w.caseOf('A');
    const coord = a('marac-coordinator');
    const health = w.agencies.p1!.health!;
    const noPurpose = await http().post(`/api/cases/${A.id}/shares`).set(coord.auth).send({ agencyId: health, consent: 'not-sought', lawfulBasis: 'UK GDPR 6(1)(e)' });
    expect(noPurpose.status).toBe(400);
    expect(noPurpose.body.problems.map((p: { field: string }) => p.field).sort()).toEqual(['adequateRelevantLimited', 'purpose']);
    const noCheck = await http().post(`/api/cases/${A.id}/shares`).set(coord.auth).send({ agencyId: health, consent: 'refused', lawfulBasis: 'UK GDPR 6(1)(e)', purpose: 'serious risk of harm', adequateRelevantLimited: false });
    expect(noCheck.status).toBe(400);
    expect((await http().get(`/api/cases/${A.id}`).set(a('health-worker').auth)).status).toBe(404);
    const ok = await http().post(`/api/cases/${A.id}/shares`).set(coord.auth).send({ agencyId: health, consent: 'refused', lawfulBasis: 'UK GDPR 6(1)(e); DPA 2018 Sch 1 para 18', purpose: 'serious risk of harm to the victim', adequateRelevantLimited: true });
    expect(ok.status).toBe(201);
    expect((await http().get(`/api/cases/${A.id}`).set(a('health-worker').auth)).status).toBe(200);
    const rows = await t.runtime.db.query(`SELECT outcome, purpose, detail FROM audit_log WHERE action = 'case.share' AND user_id = $1 AND target = $2 ORDER BY id`, [coord.userId, `agency:${health}`]);
    expect(rows.map((r) => r.outcome)).toEqual(['denied', 'denied', 'allowed']);
    expect(rows[2]).toMatchObject({ purpose: 'serious risk of harm to the victim', detail: { consent: 'refused', lawfulBasis: 'UK GDPR 6(1)(e); DPA 2018 Sch 1 para 18', adequateRelevantLimited: true } });
    const recorded = await http().get(`/api/cases/${A.id}/shares`).set(coord.auth);
    expect(recorded.body.find((s: { agencyId: string }) => s.agencyId === health)).toMatchObject({ consent: 'refused', adequateRelevantLimited: true, purpose: 'serious risk of harm to the victim' });
    // A referral without consent is held to the same rule.
    const bad = referralBody('X25', { children: false, consent: 'not-sought' });
    delete (bad as { sharingPurpose?: string }).sharingPurpose;
    expect((await http().post('/api/referrals').set(a('police-worker').auth).send(bad)).status).toBe(400);
  });

  it('26: the minutes export is kept out of criminal-file systems: police cannot export them; the MARAC and IDVA get a restricted document', async () => {
    const A = w.caseOf('A');
    const police = a('police-spoc');
    const view = await http().get(`/api/cases/${A.id}`).set(police.auth);
    expect(view.status).toBe(200);
    expect(view.body.withheldScopes).toContain('minutes');
    expect(view.text).not.toContain(canary('A', 'minutes'));
    const refused = await http().get(`/api/cases/${A.id}/minutes/export`).set(police.auth).query({ purpose: 'case file for the prosecution' });
    expect(refused.status).toBe(403);
    expect(refused.text).not.toContain(canary('A', 'minutes'));
    const idva = await http().get(`/api/cases/${A.id}/minutes/export`).set(a('idva-idva').auth).query({ purpose: 'feedback to the victim' });
    expect(idva.status).toBe(200);
    expect(idva.headers['content-disposition']).toMatch(/^attachment;/);
    expect(idva.body.classification).toMatch(/not .*criminal/i);
    expect(idva.body.minutes[0].text).toBe(canary('A', 'minutes'));
    const rows = await t.runtime.db.query(`SELECT user_id, outcome FROM audit_log WHERE action = 'case.minutes.export' AND case_id = $1 ORDER BY id`, [A.id]);
    expect(rows).toEqual([{ user_id: police.userId, outcome: 'denied' }, { user_id: a('idva-idva').userId, outcome: 'allowed' }]);
  });

  it('audit: a scripted run of reads, changes and refusals is in the log, 100 %; the application role cannot update or delete it', async () => {
    const A = w.caseOf('A');
    const B = w.caseOf('B');
    const steps: { who: string; action: string; outcome: 'allowed' | 'denied'; caseId?: string; run: () => Promise<number>; status: number }[] = [
      { who: 'police-worker', action: 'case.read', outcome: 'allowed', caseId: A.id, run: async () => (await http().get(`/api/cases/${A.id}`).query({ purpose: 'risk review' }).set(a('police-worker').auth)).status, status: 200 },
      { who: 'probation-worker', action: 'case.read', outcome: 'denied', caseId: A.id, run: async () => (await http().get(`/api/cases/${A.id}`).set(a('probation-worker').auth)).status, status: 404 },
      { who: 'probation-worker', action: 'case.read', outcome: 'allowed', caseId: B.id, run: async () => (await http().get(`/api/cases/${B.id}`).set(a('probation-worker').auth)).status, status: 200 },
      { who: 'manager', action: 'route', outcome: 'denied', run: async () => (await http().get(`/api/cases/${A.id}`).set(a('manager').auth)).status, status: 403 },
      { who: 'marac-coordinator', action: 'case.share', outcome: 'allowed', caseId: B.id, run: async () => (await http().post(`/api/cases/${B.id}/shares`).set(a('marac-coordinator').auth).send({ agencyId: w.agencies.p1!.idva, consent: 'given', lawfulBasis: 'consent', purpose: 'IDVA support' })).status, status: 201 },
      { who: 'marac-coordinator', action: 'case.share', outcome: 'denied', caseId: B.id, run: async () => (await http().post(`/api/cases/${B.id}/shares`).set(a('marac-coordinator').auth).send({ agencyId: w.agencies.p1!.health, consent: 'not-sought' })).status, status: 400 },
      { who: 'idva-spoc', action: 'case.exclusion.add', outcome: 'allowed', caseId: B.id, run: async () => (await http().post(`/api/cases/${B.id}/exclusions`).set(a('idva-spoc').auth).send({ userId: a('refuge-worker').userId })).status, status: 204 },
      { who: 'refuge-worker', action: 'case.break-glass', outcome: 'denied', caseId: B.id, run: async () => (await http().post(`/api/cases/${B.id}/break-glass`).set(a('refuge-worker').auth).send({ reason: 'the victim arrived at the refuge tonight' })).status, status: 404 },
      { who: 'health-spoc', action: 'case.break-glass', outcome: 'allowed', caseId: B.id, run: async () => (await http().post(`/api/cases/${B.id}/break-glass`).set(a('health-spoc').auth).send({ reason: 'victim admitted to A&E with injuries' })).status, status: 201 },
      { who: 'health-spoc', action: 'case.read', outcome: 'allowed', caseId: B.id, run: async () => (await http().get(`/api/cases/${B.id}`).set(a('health-spoc').auth)).status, status: 200 },
      { who: 'police-worker', action: 'task.read', outcome: 'allowed', caseId: A.id, run: async () => (await http().get(`/api/tasks/${(await taskOf(A.id, 'ReviewReferral')).id}`).set(a('police-worker').auth)).status, status: 200 },
      { who: 'police-worker', action: 'task.claim', outcome: 'allowed', caseId: A.id, run: async () => (await http().post(`/api/tasks/${(await taskOf(A.id, 'ReviewReferral')).id}/claim`).set(a('police-worker').auth)).status, status: 200 },
      { who: 'police-worker', action: 'task.complete', outcome: 'allowed', caseId: A.id, run: async () => (await http().post(`/api/tasks/${(await taskOf(A.id, 'ReviewReferral')).id}/complete`).set(a('police-worker').auth).send({ variables: { reviewed: true } })).status, status: 200 },
      { who: 'probation-worker', action: 'task.claim', outcome: 'denied', caseId: A.id, run: async () => (await http().post(`/api/tasks/${(await taskOf(A.id, 'ContactVictim')).id}/claim`).set(a('probation-worker').auth)).status, status: 404 },
      { who: 'police-spoc', action: 'case.minutes.export', outcome: 'denied', caseId: A.id, run: async () => (await http().get(`/api/cases/${A.id}/minutes/export`).query({ purpose: 'prosecution file' }).set(a('police-spoc').auth)).status, status: 403 },
      { who: 'dpo', action: 'dpo.subject-access-export', outcome: 'allowed', caseId: A.id, run: async () => (await http().get('/api/audit/subject-access-export').query({ caseReference: A.reference, purpose: 'SAR 2026-001' }).set(a('dpo').auth)).status, status: 200 },
      { who: 'dpo', action: 'dpo.audit.search', outcome: 'allowed', run: async () => (await http().get('/api/audit').query({ caseReference: A.reference }).set(a('dpo').auth)).status, status: 200 },
      { who: 'administrator', action: 'admin.user.disable', outcome: 'allowed', run: async () => (await http().post(`/api/admin/users/${a('steering-group').userId}/disable`).set(a('administrator').auth)).status, status: 200 },
      { who: 'probation-spoc', action: 'route', outcome: 'denied', run: async () => (await http().get('/api/admin/users').set(a('probation-spoc').auth)).status, status: 403 },
    ];
    const since = (await t.runtime.db.query('SELECT coalesce(max(id), 0)::int AS id FROM audit_log'))[0]!.id as number;
    for (const s of steps) expect({ step: `${s.who} ${s.action}`, status: await s.run() }).toEqual({ step: `${s.who} ${s.action}`, status: s.status });
    const rows = await t.runtime.db.query('SELECT id, user_id, action, outcome, case_id FROM audit_log WHERE id > $1 ORDER BY id', [since]);
    const used = new Set<number>();
    let found = 0;
    for (const s of steps) {
      const row = rows.find((r) => !used.has(Number(r.id)) && r.user_id === a(s.who).userId && r.action === s.action && r.outcome === s.outcome && (s.caseId === undefined || r.case_id === s.caseId));
      if (row) {
        used.add(Number(row.id));
        found++;
      } else {
        process.stdout.write(`audit: missing ${s.who} ${s.action} ${s.outcome}\n`);
      }
    }
    process.stdout.write(`audit completeness: ${found}/${steps.length} scripted reads, changes and refusals in the log (${Math.round((found / steps.length) * 100)} %)\n`);
    expect(found).toBe(steps.length);
    // The break-glass is flagged to the DPO.
    const queue = await http().get('/api/audit/break-glass').set(a('dpo').auth);
    expect(queue.body.some((b: { caseId: string; userId: string }) => b.caseId === B.id && b.userId === a('health-spoc').userId)).toBe(true);
    // The subject access export holds everything about the victim, and the access log.
    const sar = await http().get('/api/audit/subject-access-export').query({ caseReference: A.reference, purpose: 'SAR 2026-001' }).set(a('dpo').auth);
    for (const scope of ['identity', 'address', 'safe-contact', 'health', 'dash', 'perpetrator', 'minutes']) expect(sar.text).toContain(canary('A', scope));
    expect(sar.body.accessLog.length).toBeGreaterThan(3);
    // Append-only: the application's own role (the runtime pool) cannot change or remove a row.
    await expect(t.runtime.db.query('UPDATE audit_log SET outcome = $1 WHERE id = $2', ['allowed', rows[0]!.id])).rejects.toThrow(/permission denied/);
    await expect(t.runtime.db.query('DELETE FROM audit_log WHERE id = $1', [rows[0]!.id])).rejects.toThrow(/permission denied/);
    await expect(t.runtime.db.query('TRUNCATE audit_log')).rejects.toThrow(/permission denied/);
    const role = await t.runtime.db.query('SELECT current_user AS u');
    expect(role[0]!.u).toBe('referral_app');
  });
});
