/**
 * A task arrived or one of its SLA events fired (the step's outbox row): choose who hears of it,
 * drop whoever is on the case's "not safe to talk to" list, and, in one transaction with the
 * claim of that outbox row, write each recipient's in-app item (with its place in the user's
 * stream), the e-mail and digest deliveries their preferences ask for, and one delivery per
 * matching webhook. A repeated job finds its row already claimed and does nothing.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { claimJob, RUNTIME, type RuntimeServices, type UnitOfWork } from '@app/application';
import { JobName, jobIds, QueueName } from '@app/queue';
import { LIVE_FANOUT, type LiveFanout } from '../live/live-fanout';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../notifications.config';
import { DEFAULT_PREFERENCE, preferenceKindOf, type LiveMessage, type PlanData } from '../notifications.types';
import { resolveRecipients } from '../planning/recipients.util';
import { CASE_DIRECTORY, RECIPIENT_DIRECTORY, type CaseDirectory, type RecipientDirectory } from '../ports/recipient-directory.port';
import { PreferencesRepository } from '../preferences/preferences.repository';
import { absoluteLink, notificationText, safeReference, safeTaskName } from '../texts/notification-text.util';
import { toLive } from '../inbox/inbox.repository';

export interface PlanNotificationsCommand {
  instanceId: number;
  elementInstanceId: number;
}

interface TaskRow {
  id: number; partnership_id: string; element_id: string; name: string | null; status: string; agency: string | null; agency_id?: string | null;
  role: string | null; assignee: string | null; candidate_users: string[]; due_at: Date | null;
}

export interface PlanOutcome {
  inApp: number;
  deliveries: number;
  suppressed: number;
}

@Injectable()
export class PlanNotificationsUseCase {
  private readonly logger = new Logger('Notifications');

  constructor(
    @Inject(RUNTIME) private readonly rt: RuntimeServices,
    @Inject(RECIPIENT_DIRECTORY) private readonly directory: RecipientDirectory,
    @Inject(CASE_DIRECTORY) private readonly cases: CaseDirectory,
    @Inject(LIVE_FANOUT) private readonly fanout: LiveFanout,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    private readonly preferences: PreferencesRepository,
  ) {}

  async execute(cmd: PlanNotificationsCommand, meta: { jobId: string }): Promise<PlanOutcome> {
    const none = { inApp: 0, deliveries: 0, suppressed: 0 };
    // Reads first, outside the transaction: the directory and the exclusion list use their own
    // connections, and a transaction waiting on them would hold its connection for nothing.
    const row = (await this.rt.db.query<{ data: PlanData }>('SELECT data FROM outbox WHERE job_id = $1', [meta.jobId], 'rp_ntf_peek_v1'))[0];
    if (!row) return none; // a repeated delivery: already applied
    const prepared = await this.prepare(cmd, row.data);
    return this.rt.tx.run(async (uow) => {
      if (!(await claimJob(uow, meta.jobId))) return none;
      if (!prepared) return none;
      // Still open? (Completed or cancelled while the reads ran: nobody needs telling.)
      const open = await uow.client.query({ name: 'rp_ntf_task_open_v1', text: `SELECT 1 FROM user_tasks WHERE id = $1 AND status = 'open'`, values: [prepared.task.id] });
      if (open.rows.length === 0) return none;
      return this.write(uow, cmd, row.data, meta.jobId, prepared);
    });
  }

  private async prepare(cmd: PlanNotificationsCommand, plan: PlanData) {
    // to_jsonb: the access layer adds `agency_id` (the resolved agency) to user_tasks; read it when there.
    const task = (await this.rt.db.query<{ t: TaskRow }>('SELECT to_jsonb(t) AS t FROM user_tasks t WHERE instance_id = $1 AND element_instance_id = $2', [cmd.instanceId, cmd.elementInstanceId], 'rp_ntf_task_v1'))[0]?.t;
    // A task already done (or cancelled) by the time this runs needs no one's attention.
    if (!task || task.status !== 'open') return undefined;
    const agency = task.agency_id ?? task.agency;
    const [partnership, reference, candidates] = await Promise.all([
      this.directory.partnership(task.partnership_id),
      this.cases.caseReference(cmd.instanceId),
      resolveRecipients(this.directory, {
        partnershipId: task.partnership_id, agency, role: task.role, assignee: task.assignee, candidateUsers: task.candidate_users ?? [],
      }, plan),
    ]);
    const excluded = await this.cases.excluded(cmd.instanceId, candidates.map((c) => c.userId));
    const recipients = candidates.filter((c) => !excluded.has(c.userId));
    const prefs = await this.preferences.forUsers(this.rt.db.pool, recipients.map((x) => x.userId));
    return { task, agency, partnership, caseReference: safeReference(reference), recipients, excluded, prefs };
  }

  private async write(
    uow: UnitOfWork, cmd: PlanNotificationsCommand, plan: PlanData, sourceKey: string,
    p: NonNullable<Awaited<ReturnType<PlanNotificationsUseCase['prepare']>>>,
  ): Promise<PlanOutcome> {
    const q = uow.client;
    const { task, agency, partnership, caseReference, recipients, excluded, prefs } = p;
    const now = this.rt.clock.now();
    const dueAt = plan.dueAt ? new Date(plan.dueAt) : task.due_at ? new Date(task.due_at) : null;
    const { text, link } = notificationText({
      kind: plan.kind, taskName: safeTaskName(task.name, task.element_id), caseReference, dueAt, escalatedTo: plan.to ?? null, timeZone: partnership.timeZone,
    });
    const live: LiveMessage[] = [];
    let deliveries = 0;
    for (const recipient of recipients) {
      const pref = prefs.get(recipient.userId)?.get(preferenceKindOf(plan.kind)) ?? { kind: preferenceKindOf(plan.kind), ...DEFAULT_PREFERENCE };
      const email = pref.email !== 'off' && recipient.email && (pref.email === 'digest' || this.config.smtpUrl) ? pref.email : 'off';
      if (!pref.inApp && email === 'off') continue;
      let seq: number | null = null;
      if (pref.inApp) {
        // The per-user row lock orders a user's items by commit: the stream's ids never go back.
        const c = await q.query({
          name: 'rp_ntf_seq_v1',
          text: `INSERT INTO notification_cursors (user_id, last_seq) VALUES ($1, 1)
                 ON CONFLICT (user_id) DO UPDATE SET last_seq = notification_cursors.last_seq + 1 RETURNING last_seq`,
          values: [recipient.userId],
        });
        seq = Number((c.rows[0] as { last_seq: number }).last_seq);
      }
      const n = await q.query({
        name: 'rp_ntf_insert_v1',
        text: `INSERT INTO notifications (source_key, user_id, partnership_id, kind, in_app, seq, task_id, instance_id, case_reference, text, link, due_at, created_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
               ON CONFLICT (source_key, user_id) DO NOTHING RETURNING id`,
        values: [sourceKey, recipient.userId, task.partnership_id, plan.kind, pref.inApp, seq, task.id, cmd.instanceId, caseReference, text, link, dueAt, now],
      });
      const notificationId = (n.rows[0] as { id: number } | undefined)?.id;
      if (notificationId === undefined) continue;
      if (seq !== null) {
        live.push({ userId: recipient.userId, seq, event: toLive({ id: notificationId, kind: plan.kind, task_id: task.id, text, link, case_reference: caseReference, due_at: dueAt, created_at: now }) });
      }
      if (email !== 'off') {
        const channel = email === 'digest' ? 'digest' : 'email';
        const id = await this.insertDelivery(uow, { sourceKey, channel, recipient: recipient.userId, partnershipId: task.partnership_id, notificationId, webhookId: null, body: null, now });
        if (id !== undefined && channel === 'email') this.enqueue(uow, JobName.NotificationEmail, id, 1, now);
        if (id !== undefined) deliveries++;
      }
    }
    deliveries += await this.planWebhooks(uow, task, agency, plan, { sourceKey, caseReference, text, link, dueAt, now });
    await this.fanout.publish(uow, live);
    if (excluded.size > 0) this.logger.log(`notification ${sourceKey}: ${excluded.size} recipient(s) suppressed (case exclusion list)`);
    return { inApp: live.length, deliveries, suppressed: excluded.size };
  }

  private async planWebhooks(
    uow: UnitOfWork, task: TaskRow, agency: string | null, plan: PlanData,
    e: { sourceKey: string; caseReference: string | null; text: string; link: string; dueAt: Date | null; now: Date },
  ): Promise<number> {
    const hooks = await uow.client.query({
      name: 'rp_ntf_hooks_v1',
      text: `SELECT id FROM webhooks WHERE partnership_id = $1 AND active AND (agency IS NULL OR agency = ANY($2::text[]))
             AND (cardinality(kinds) = 0 OR $3 = ANY(kinds)) ORDER BY id`,
      values: [task.partnership_id, [task.agency, agency].filter((x): x is string => !!x), plan.kind],
    });
    let n = 0;
    for (const { id: webhookId } of hooks.rows as { id: number }[]) {
      const body = {
        id: e.sourceKey, kind: plan.kind, partnershipId: task.partnership_id, agency, taskId: String(task.id), caseReference: e.caseReference,
        text: e.text, link: absoluteLink(this.config.publicBaseUrl, e.link), dueAt: e.dueAt?.toISOString() ?? null, at: e.now.toISOString(),
        ...(plan.kind === 'task-escalated' ? { escalatedTo: plan.to ?? null, step: plan.step ?? null } : {}),
      };
      const id = await this.insertDelivery(uow, { sourceKey: e.sourceKey, channel: 'webhook', recipient: `webhook:${webhookId}`, partnershipId: task.partnership_id, notificationId: null, webhookId, body, now: e.now });
      if (id !== undefined) {
        this.enqueue(uow, JobName.NotificationWebhook, id, 1, e.now);
        n++;
      }
    }
    return n;
  }

  private async insertDelivery(
    uow: UnitOfWork,
    d: { sourceKey: string; channel: 'email' | 'webhook' | 'digest'; recipient: string; partnershipId: string; notificationId: number | null; webhookId: number | null; body: unknown; now: Date },
  ): Promise<number | undefined> {
    const r = await uow.client.query({
      name: 'rp_ntf_delivery_v1',
      text: `INSERT INTO notification_deliveries (source_key, channel, recipient, partnership_id, notification_id, webhook_id, body, status, max_attempts, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9)
             ON CONFLICT (source_key, channel, recipient) DO NOTHING RETURNING id`,
      values: [d.sourceKey, d.channel, d.recipient, d.partnershipId, d.notificationId, d.webhookId, d.body === null ? null : JSON.stringify(d.body), this.config.maxAttempts, d.now],
    });
    return (r.rows[0] as { id: number } | undefined)?.id;
  }

  private enqueue(uow: UnitOfWork, name: JobName.NotificationEmail | JobName.NotificationWebhook, deliveryId: number, attempt: number, now: Date): void {
    const jobId = name === JobName.NotificationEmail ? jobIds.notificationEmail(deliveryId, attempt) : jobIds.notificationWebhook(deliveryId, attempt);
    uow.addJob({ jobId, queue: QueueName.Notifications, name, payload: { deliveryId, attempt }, availableAt: now }, null, null, now.toISOString());
  }
}
