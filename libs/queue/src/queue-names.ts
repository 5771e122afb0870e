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
}

export enum JobName {
  TimerFire = 'timer.fire',
  StartTimerFire = 'start-timer.fire',
  ServiceInvoke = 'service.invoke',
  ChildStart = 'child.start',
  ChildCancel = 'child.cancel',
  ChildNotifyParent = 'child.notify-parent',
  MessagePublish = 'message.publish',
  SignalBroadcast = 'signal.broadcast',
  SignalDeliver = 'signal.deliver',
}

export interface JobPayloads {
  [JobName.TimerFire]: { instanceId: number; timerId: number };
  [JobName.StartTimerFire]: { timerRowId: number };
  [JobName.ServiceInvoke]: { instanceId: number; elementInstanceId: number; version: number };
  [JobName.ChildStart]: { instanceId: number; elementInstanceId: number; version: number };
  [JobName.ChildCancel]: { instanceId: number; elementInstanceId: number };
  [JobName.ChildNotifyParent]: { instanceId: number; parentInstanceId: number };
  [JobName.MessagePublish]: { instanceId?: number };
  [JobName.SignalBroadcast]: { instanceId?: number };
  [JobName.SignalDeliver]: { instanceId: number };
}

/** One typed union of every job: `{ name, data }`. */
export type JobItem = { [N in JobName]: { name: N; data: JobPayloads[N] } }[JobName];
export type JobOf<N extends JobName> = Extract<JobItem, { name: N }>;

/** Which queue each job runs on. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.TimerFire]: QueueName.Runtime,
  [JobName.StartTimerFire]: QueueName.Runtime,
  [JobName.ServiceInvoke]: QueueName.Service,
  [JobName.ChildStart]: QueueName.Runtime,
  [JobName.ChildCancel]: QueueName.Runtime,
  [JobName.ChildNotifyParent]: QueueName.Runtime,
  [JobName.MessagePublish]: QueueName.Runtime,
  [JobName.SignalBroadcast]: QueueName.Runtime,
  [JobName.SignalDeliver]: QueueName.Runtime,
};

/** Deterministic job ids (never integers, never ':'), so a re-sent job is the same job. */
export const jobIds = {
  timer: (instanceId: number, timerId: number) => `timer-${instanceId}-${timerId}`,
  startTimer: (timerRowId: number) => `start-timer-${timerRowId}`,
  /** Commands of one event: the instance, the event's sequence number, the command's index. */
  command: (kind: string, instanceId: number, eventSeq: number, index: number) => `${kind}-${instanceId}-${eventSeq}-${index}`,
  signalDeliver: (signalJobId: string, instanceId: number) => `${signalJobId}-to-${instanceId}`,
};

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
