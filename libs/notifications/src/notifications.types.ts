/**
 * What a notification is: its kind, the preference class it falls under, and the event the
 * in-app stream carries. Everything here is non-personal by construction (see `texts/`).
 */

/** Kinds, as the web app's live stream names them (`apps/web/API-NEEDS.md`). */
export type NotificationKind = 'task-created' | 'task-reminder' | 'task-breached' | 'task-escalated';
export const NOTIFICATION_KINDS: readonly NotificationKind[] = ['task-created', 'task-reminder', 'task-breached', 'task-escalated'];

/** Preference classes a user chooses channels for: a breach counts as an escalation. */
export type PreferenceKind = 'task-created' | 'task-reminder' | 'task-escalated';
export const PREFERENCE_KINDS: readonly PreferenceKind[] = ['task-created', 'task-reminder', 'task-escalated'];

export function preferenceKindOf(kind: NotificationKind): PreferenceKind {
  return kind === 'task-breached' ? 'task-escalated' : kind;
}

/** E-mail: not at all, one mail per notification, or in the daily digest. */
export type EmailMode = 'off' | 'immediate' | 'digest';

export interface Preference {
  kind: PreferenceKind;
  inApp: boolean;
  email: EmailMode;
}

/** Without a stored choice: in-app and an immediate e-mail for every kind. */
export const DEFAULT_PREFERENCE: Omit<Preference, 'kind'> = { inApp: true, email: 'immediate' };

/** Delivery channels with a row per try (in-app is the `notifications` row itself). */
export type DeliveryChannel = 'email' | 'webhook' | 'digest';

/** What the step's outbox row carries for a notification (ids and non-personal SLA data only). */
export interface PlanData {
  kind: NotificationKind;
  elementId: string;
  dueAt?: string | null;
  /** Escalations: the step's index and the role it goes to. */
  step?: number | null;
  to?: string | null;
}

/** One event on a user's live stream (`data:` of the SSE event; `id:` is `seq`). */
export interface LiveNotification {
  /** The notification's id (for mark-read). */
  id: string;
  kind: NotificationKind;
  taskId?: string;
  text: string;
  link: string;
  caseReference?: string;
  dueAt?: string;
  at: string;
}

/** What travels between processes for the live stream: whom, which position, what. */
export interface LiveMessage {
  userId: string;
  seq: number;
  event: LiveNotification;
}
