import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { StartInstanceUseCase, systemActor } from '@app/application';
import { DigestUseCase, localDay, verifySignature, type LiveNotification } from '@app/notifications';
import { JobName, jobIds, QueueName } from '@app/queue';
import { eventually } from '../runtime/support/test-runtime';
import { PARTNERSHIP, startNotificationsRuntime, type Backend, type NotificationsTestRuntime, type Person } from './support/notifications-runtime';
import { SseClient } from './support/sse-client';

const BPMN = readFileSync(join(__dirname, 'fixtures', 'notified-task.bpmn'), 'utf8');
/** Personal data the instance carries: none of it may appear in any notification. */
const PERSONAL = { victimName: 'Jane Victim-Doe', address: '12 Hidden Lane, Sheffield', dashAnswers: 'strangled-last-week', notes: 'free text about the children' };
const PERSONAL_STRINGS = ['Jane', 'Victim-Doe', 'Hidden Lane', 'Sheffield', 'strangled', 'children'];

function expectNoPersonalData(text: string): void {
  for (const s of PERSONAL_STRINGS) expect(text).not.toContain(s);
}

/**
 * Notifications end to end on one queue backend: the in-app stream (across api processes, in
 * order, resumable), e-mail to a real SMTP server, signed webhooks with retries and dead
 * letters, preferences, the digest, suppression, a rolled-back step and a redelivered job.
 */
export function defineNotificationsSuite(backend: Backend): void {
  describe(`notifications (${backend} backend)`, () => {
    jest.setTimeout(60_000);
    let t: NotificationsTestRuntime;
    const streams: SseClient[] = [];

    beforeAll(async () => {
      t = await startNotificationsRuntime(backend);
      const res = await request(t.app.getHttpServer()).post('/api/definitions').set(t.as('admin')).set('Content-Type', 'application/xml').send(BPMN);
      expect(res.status).toBe(201);
    });

    afterAll(async () => {
      for (const s of streams) s.close();
      await t?.close();
    });

    async function stream(userId: Person, lastEventId?: string): Promise<SseClient> {
      const s = new SseClient(`${t.api2Url}/api/notifications/stream`, t.as(userId));
      streams.push(s);
      await s.connect(lastEventId);
      expect(s.status).toBe(200);
      return s;
    }

    async function start(processId: 'notified_task' | 'quiet_task', caseRef: string) {
      return t.app.get(StartInstanceUseCase).execute({ actor: systemActor(PARTNERSHIP), key: 'notified_task', processId, businessKey: caseRef, variables: PERSONAL });
    }

    const api = (userId: Person) => ({
      get: (path: string) => request(t.app.getHttpServer()).get(path).set(t.as(userId)),
      post: (path: string) => request(t.app.getHttpServer()).post(path).set(t.as(userId)),
      put: (path: string) => request(t.app.getHttpServer()).put(path).set(t.as(userId)),
      delete: (path: string) => request(t.app.getHttpServer()).delete(path).set(t.as(userId)),
    });

    it('delivers a new task to the agency queue in-app (through another api process) and by e-mail, without personal data', async () => {
      const spoc = await stream('idva-spoc');
      const police = await stream('police-1');
      const started = await start('quiet_task', 'C-1001');
      await spoc.waitFor(1);
      const [event] = spoc.json<LiveNotification>();
      expect(event).toMatchObject({ kind: 'task-created', caseReference: 'C-1001', link: '/cases/C-1001' });
      expect(event!.text).toContain('Triage the referral');
      expectNoPersonalData(spoc.events[0]!.data);
      expect(spoc.events[0]!.id).toBe('1');
      // The e-mail reached the SMTP server: the SPOC and both active IDVAs, nobody else.
      const mails = await eventually(async () => (t.smtp.mails.filter((m) => m.subject.includes('C-1001')).length >= 3 ? t.smtp.mails.filter((m) => m.subject.includes('C-1001')) : undefined));
      expect(mails.flatMap((m) => m.to).sort()).toEqual(['idva1@idva.example.test', 'idva2@idva.example.test', 'spoc@idva.example.test']);
      for (const m of mails) {
        expect(m.subject).toBe('[Referral pathways] New task – case C-1001');
        expect(m.text).toContain('https://referrals.example.test/cases/C-1001');
        expectNoPersonalData(`${m.subject}\n${m.text}`);
      }
      expect(police.events).toHaveLength(0);
      // The list, the unread count and mark-read.
      const list = await api('idva-spoc').get('/api/notifications');
      expect(list.body).toMatchObject({ total: 1, items: [{ id: event!.id, kind: 'task-created', readAt: null, taskId: expect.any(String) }] });
      expect((await api('idva-spoc').get('/api/notifications/unread-count')).body).toEqual({ count: 1 });
      expect((await api('idva-spoc').post(`/api/notifications/${event!.id}/read`)).status).toBe(204);
      expect((await api('idva-spoc').get('/api/notifications/unread-count')).body).toEqual({ count: 0 });
      expect((await api('idva-1').post(`/api/notifications/${event!.id}/read`)).status).toBe(404);
      expect(started.id).toBeGreaterThan(0);
    });

    it('sends reminder, breach and each escalation step in order, each to its role; a reconnect replays what was missed', async () => {
      const spoc = await stream('idva-spoc');
      const coord = await stream('coord');
      const idva = await stream('idva-1');
      await start('notified_task', 'C-2002');
      await idva.waitFor(1);
      idva.close(); // the IDVA goes offline after the task arrived
      await spoc.waitFor(4);
      await coord.waitFor(1);
      const kinds = spoc.json<LiveNotification>().filter((e) => e.caseReference === 'C-2002').map((e) => e.kind);
      expect(kinds).toEqual(['task-created', 'task-reminder', 'task-breached', 'task-escalated']);
      const ids = spoc.events.map((e) => Number(e.id));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(coord.json<LiveNotification>()).toEqual([expect.objectContaining({ kind: 'task-escalated', caseReference: 'C-2002' })]);
      expect(coord.json<LiveNotification>()[0]!.text).toContain('pathway coordinator');
      // Back online with Last-Event-ID: the reminder it missed, nothing twice.
      const again = await stream('idva-1', idva.events[0]!.id!);
      await again.waitFor(1);
      expect(again.json<LiveNotification>().map((e) => e.kind)).toEqual(['task-reminder']);
      expect(Number(again.events[0]!.id)).toBe(Number(idva.events[0]!.id) + 1);
      for (const e of [...spoc.events, ...coord.events]) expectNoPersonalData(e.data);
    });

    it('signs webhooks; a failing receiver gets every try in order, then a dead letter an operator replays', async () => {
      const ok = await api('admin').post('/api/notifications/webhooks').send({ url: t.hooks.url('/ok'), agency: 'idva', kinds: ['task-created'] });
      expect(ok.status).toBe(201);
      expect(ok.body.secret).toMatch(/^whsec_/);
      const failing = await api('admin').post('/api/notifications/webhooks').send({ url: t.hooks.url('/down'), kinds: ['task-created'] });
      expect((await api('idva-1').post('/api/notifications/webhooks').send({ url: t.hooks.url('/x') })).status).toBe(403);
      let down = true;
      t.hooks.respond = (path) => (path === '/down' && down ? 503 : 204);
      await start('quiet_task', 'C-3003');
      const good = await eventually(async () => t.hooks.at('/ok')[0]);
      const now = Math.floor(Date.now() / 1000);
      expect(verifySignature(ok.body.secret, good.headers['x-referral-signature'] as string, good.body, now)).toBe(true);
      expect(verifySignature(failing.body.secret, good.headers['x-referral-signature'] as string, good.body, now)).toBe(false);
      expect(verifySignature(ok.body.secret, good.headers['x-referral-signature'] as string, good.body.replace('C-3003', 'C-3004'), now)).toBe(false);
      expect(JSON.parse(good.body)).toMatchObject({ kind: 'task-created', caseReference: 'C-3003', link: 'https://referrals.example.test/cases/C-3003' });
      expectNoPersonalData(good.body);
      // Four tries (NOTIFY_MAX_ATTEMPTS), in order, then a dead letter.
      const dead = await eventually(async () => {
        const r = await api('admin').get('/api/notifications/dead-letters');
        return r.body.length > 0 ? r.body : undefined;
      });
      const tries = t.hooks.at('/down');
      expect(tries.map((h) => h.headers['x-referral-attempt'])).toEqual(['1', '2', '3', '4']);
      expect(new Set(tries.map((h) => h.headers['x-referral-delivery'])).size).toBe(1);
      expect(dead).toEqual([expect.objectContaining({ channel: 'webhook', attempts: 4, reason: 'HTTP 503', replayedAt: null, target: `webhook:${failing.body.id}` })]);
      // The receiver is back; the operator replays.
      down = false;
      const replay = await api('admin').post(`/api/notifications/dead-letters/${dead[0].id}/replay`);
      expect(replay.status).toBe(202);
      await eventually(async () => t.hooks.at('/down').length === 5);
      expect(t.hooks.at('/down').map((h) => [h.headers['x-referral-attempt'], h.status])).toEqual([['1', 503], ['2', 503], ['3', 503], ['4', 503], ['5', 204]]);
      expect((await api('admin').post(`/api/notifications/dead-letters/${dead[0].id}/replay`)).status).toBe(409);
      expect((await api('admin').get('/api/notifications/dead-letters')).body).toEqual([]);
      for (const w of [ok.body.id, failing.body.id]) expect((await api('admin').delete(`/api/notifications/webhooks/${w}`)).status).toBe(204);
      expect((await api('admin').get('/api/notifications/webhooks')).body).toEqual([]);
    });

    it('respects preferences: in-app off, e-mail off or in a daily digest sent once per day', async () => {
      const put = await api('idva-2').put('/api/notifications/preferences').send({ preferences: [{ kind: 'task-created', inApp: false, email: 'digest' }] });
      expect(put.status).toBe(200);
      expect(put.body.items).toEqual(expect.arrayContaining([{ kind: 'task-created', inApp: false, email: 'digest' }, { kind: 'task-reminder', inApp: true, email: 'immediate' }]));
      await api('idva-1').put('/api/notifications/preferences').send({ preferences: [{ kind: 'task-created', inApp: true, email: 'off' }] });
      const idva2 = await stream('idva-2');
      await start('quiet_task', 'C-4004');
      await start('quiet_task', 'C-4005');
      await eventually(async () => t.smtp.mails.filter((m) => /C-400[45]/.test(m.subject)).length >= 2);
      await t.runtime.relay.drain();
      await eventually(async () => (await t.runtime.db.query(`SELECT 1 FROM outbox WHERE job_name IN ('notification.plan', 'notification.email')`)).length === 0);
      const mails = t.smtp.mails.filter((m) => /C-400[45]/.test(m.subject));
      expect(mails.flatMap((m) => m.to).filter((a) => a !== 'spoc@idva.example.test')).toEqual([]);
      expect(idva2.events).toHaveLength(0);
      // The digest: one e-mail with both, however often its job runs.
      const digest = t.app.get(DigestUseCase);
      const day = localDay(new Date(), 'Europe/London');
      expect(await digest.send({ userId: 'idva-2', day }, { jobId: 'test-digest-1' })).toBe('sent');
      expect(await digest.send({ userId: 'idva-2', day }, { jobId: 'test-digest-2' })).toBe('already-sent');
      const digests = t.smtp.to('idva2@idva.example.test').filter((m) => m.subject.includes('Daily summary'));
      expect(digests).toHaveLength(1);
      expect(digests[0]!.subject).toBe(`[Referral pathways] Daily summary for ${day}: 2 notifications`);
      expect(digests[0]!.text).toContain('2 new tasks');
      expect(digests[0]!.text).toContain('https://referrals.example.test/cases/C-4004');
      expectNoPersonalData(`${digests[0]!.subject}\n${digests[0]!.text}`);
      // Each partnership's next digest tick is armed through the outbox, at 07:00 local time.
      await digest.ensureTicks();
      const rows = await t.runtime.db.query<{ job_id: string; available_at: Date }>(`SELECT job_id, available_at FROM outbox WHERE job_name = $1`, [JobName.NotificationDigestTick]);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.job_id).toMatch(/^ntf-digest-tick-default-\d{4}-\d{2}-\d{2}$/);
      expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hour12: false }).format(rows[0]!.available_at)).toBe('07:00');
      await api('idva-1').put('/api/notifications/preferences').send({ preferences: [{ kind: 'task-created', inApp: true, email: 'immediate' }] });
      await api('idva-2').put('/api/notifications/preferences').send({ preferences: [{ kind: 'task-created', inApp: true, email: 'immediate' }] });
    });

    it('never notifies a user on the case\'s "not safe to talk to" list', async () => {
      await t.openCase('C-5005', ['idva-1']);
      const idva1 = await stream('idva-1');
      const idva2 = await stream('idva-2');
      await start('quiet_task', 'C-5005');
      await idva2.waitFor(1);
      await eventually(async () => t.smtp.mails.filter((m) => m.subject.includes('C-5005')).length >= 2);
      // A later task on another case reaches idva-1: everything before it has been handled.
      await start('quiet_task', 'C-5006');
      await idva1.waitFor(1);
      expect(idva1.json<LiveNotification>().map((e) => e.caseReference)).toEqual(['C-5006']);
      expect(t.smtp.mails.filter((m) => m.subject.includes('C-5005')).flatMap((m) => m.to).sort()).toEqual(['idva2@idva.example.test', 'spoc@idva.example.test']);
      const stored = await t.runtime.db.query(`SELECT user_id FROM notifications WHERE case_reference = 'C-5005' ORDER BY user_id`);
      expect(stored.map((r) => r.user_id)).toEqual(['idva-2', 'idva-spoc']);
    });

    it('a rolled-back step notifies no one; a redelivered job notifies once', async () => {
      const spoc = await stream('idva-spoc');
      const def = (await t.runtime.db.query<{ id: number }>(`SELECT id FROM definitions WHERE key = 'notified_task' ORDER BY version DESC LIMIT 1`))[0]!;
      await expect(t.runtime.tx.run(async (uow) => {
        await t.runtime.runtime.start(uow, { id: def.id, partnershipId: PARTNERSHIP }, { processId: 'quiet_task', businessKey: 'C-6006', variables: {} }, { actor: systemActor(PARTNERSHIP) });
        throw new Error('the step fails before COMMIT');
      })).rejects.toThrow('before COMMIT');
      const started = await start('quiet_task', 'C-6007');
      await spoc.waitFor(1);
      expect(spoc.json<LiveNotification>().map((e) => e.caseReference)).toEqual(['C-6007']);
      await eventually(async () => t.smtp.mails.filter((m) => m.subject.includes('C-6007')).length >= 3);
      // Deliver the same jobs again (BullMQ at-least-once): the plan and one e-mail.
      const planJobId = (await t.runtime.db.query<{ source_key: string }>(`SELECT DISTINCT source_key FROM notifications WHERE instance_id = $1`, [started.id]))[0]!.source_key;
      expect(planJobId).toMatch(/^ntf-/);
      const email = (await t.runtime.db.query<{ id: number }>(`SELECT d.id FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.case_reference = 'C-6007' AND d.channel = 'email' ORDER BY d.id LIMIT 1`))[0]!;
      const q = t.runtime.queues.get(QueueName.Notifications);
      await q.add(JobName.NotificationPlan, { instanceId: started.id, elementInstanceId: 1 }, { jobId: planJobId });
      await q.add(JobName.NotificationEmail, { deliveryId: email.id, attempt: 1 }, { jobId: jobIds.notificationEmail(email.id, 1) });
      await eventually(async () => (await q.getJobState(planJobId)) === 'unknown' && (await q.getJobState(jobIds.notificationEmail(email.id, 1))) === 'unknown');
      await start('quiet_task', 'C-6008');
      await spoc.waitFor(2);
      expect(spoc.json<LiveNotification>().map((e) => e.caseReference)).toEqual(['C-6007', 'C-6008']);
      expect(t.smtp.mails.filter((m) => m.subject.includes('C-6007'))).toHaveLength(3);
      expect(t.smtp.mails.filter((m) => m.subject.includes('C-6006'))).toHaveLength(0);
      expect(await t.runtime.db.query(`SELECT 1 FROM notifications WHERE case_reference = 'C-6006'`)).toEqual([]);
      expect(await t.runtime.db.query(`SELECT count(*)::int AS n FROM notifications WHERE case_reference = 'C-6007'`)).toEqual([{ n: 3 }]);
    });
  });
}
