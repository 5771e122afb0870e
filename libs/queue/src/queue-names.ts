/**
 * libs/queue: the queues, the one enum of job names and the one typed union of their payloads.
 * Payloads carry ids only (and the instance version at enqueue time, for tracing); whatever a
 * job needs beyond ids stays in PostgreSQL (the outbox row's `data`).
 */
export enum QueueName {
  /** Timer wake-ups, child instances, messages and signals. */
  Runtime = 'runtime',
  /** Service tasks, run by handlers registered per task type. */
  Service = 'service',
  /** Notifications (libs/notifications): planning, e-mail, webhooks, digests. */
  Notifications = 'notifications',
}

export enum JobName {
  /**
   * Timers that fall due in one second share one wake-up; it fires every pending timer that is
   * due (rows in PostgreSQL are the truth), in batches.
   */
  TimerWake = 'timer.wake',
  StartTimerFire = 'start-timer.fire',
  ServiceInvoke = 'service.invoke',
  ChildStart = 'child.start',
  ChildCancel = 'child.cancel',
  ChildNotifyParent = 'child.notify-parent',
  MessagePublish = 'message.publish',
  SignalBroadcast = 'signal.broadcast',
  SignalDeliver = 'signal.deliver',
  /** A task arrived or an SLA event fired: choose recipients, write in-app items and deliveries. */
  NotificationPlan = 'notification.plan',
  NotificationEmail = 'notification.email',
  NotificationWebhook = 'notification.webhook',
  /** A partnership's daily digest time: one digest job per user with something to report. */
  NotificationDigestTick = 'notification.digest-tick',
  NotificationDigest = 'notification.digest',
}

export interface JobPayloads {
  [JobName.TimerWake]: { second: number };
  [JobName.StartTimerFire]: { timerRowId: number };
  [JobName.ServiceInvoke]: { instanceId: number; elementInstanceId: number; version: number };
  [JobName.ChildStart]: { instanceId: number; elementInstanceId: number; version: number };
  [JobName.ChildCancel]: { instanceId: number; elementInstanceId: number };
  [JobName.ChildNotifyParent]: { instanceId: number; parentInstanceId: number };
  [JobName.MessagePublish]: { instanceId?: number };
  [JobName.SignalBroadcast]: { instanceId?: number };
  [JobName.SignalDeliver]: { instanceId: number };
  [JobName.NotificationPlan]: { instanceId: number; elementInstanceId: number };
  [JobName.NotificationEmail]: { deliveryId: number; attempt: number };
  [JobName.NotificationWebhook]: { deliveryId: number; attempt: number };
  [JobName.NotificationDigestTick]: { partnershipId: string; day: string };
  [JobName.NotificationDigest]: { userId: string; day: string };
}

/** One typed union of every job: `{ name, data }`. */
export type JobItem = { [N in JobName]: { name: N; data: JobPayloads[N] } }[JobName];
export type JobOf<N extends JobName> = Extract<JobItem, { name: N }>;

/** Which queue each job runs on. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.TimerWake]: QueueName.Runtime,
  [JobName.StartTimerFire]: QueueName.Runtime,
  [JobName.ServiceInvoke]: QueueName.Service,
  [JobName.ChildStart]: QueueName.Runtime,
  [JobName.ChildCancel]: QueueName.Runtime,
  [JobName.ChildNotifyParent]: QueueName.Runtime,
  [JobName.MessagePublish]: QueueName.Runtime,
  [JobName.SignalBroadcast]: QueueName.Runtime,
  [JobName.SignalDeliver]: QueueName.Runtime,
  [JobName.NotificationPlan]: QueueName.Notifications,
  [JobName.NotificationEmail]: QueueName.Notifications,
  [JobName.NotificationWebhook]: QueueName.Notifications,
  [JobName.NotificationDigestTick]: QueueName.Notifications,
  [JobName.NotificationDigest]: QueueName.Notifications,
};

/** Deterministic job ids (never integers, never ':'), so a re-sent job is the same job. */
export const jobIds = {
  /** The wake-up of the timers due in one (Unix) second. */
  timerWake: (second: number) => `timer-wake-${second}`,
  startTimer: (timerRowId: number) => `start-timer-${timerRowId}`,
  /** Commands of one event: the instance, the event's sequence number, the command's index. */
  command: (kind: string, instanceId: number, eventSeq: number, index: number) => `${kind}-${instanceId}-${eventSeq}-${index}`,
  signalDeliver: (signalJobId: string, instanceId: number) => `${signalJobId}-to-${instanceId}`,
  /** One job per try: a retry is a new delayed job, so the try count lives in PostgreSQL. */
  notificationEmail: (deliveryId: number, attempt: number) => `ntf-email-${deliveryId}-${attempt}`,
  notificationWebhook: (deliveryId: number, attempt: number) => `ntf-wh-${deliveryId}-${attempt}`,
  digestTick: (partnershipId: string, day: string) => `ntf-digest-tick-${jobIdPart(partnershipId)}-${day}`,
  digest: (userId: string, day: string) => `ntf-digest-${jobIdPart(userId)}-${day}`,
};

/** A text id made safe for a job id (no ':'): kept when plain, hex-encoded otherwise. */
function jobIdPart(text: string): string {
  return /^[A-Za-z0-9_.-]{1,80}$/.test(text) ? text : `x${Buffer.from(text).toString('hex')}`;
}

/** A job to be sent: what the relay hands to the queue. */
export interface OutgoingJob {
  jobId: string;
  queue: QueueName;
  name: JobName;
  payload: JobItem['data'];
  /** Clock time at which the job should run (delayed jobs). */
  availableAt: Date;
  /** Service jobs: tries and the (clock) pause between them, from the model's retry cycle. */
  retry?: { attempts: number; delayMs: number };
}
