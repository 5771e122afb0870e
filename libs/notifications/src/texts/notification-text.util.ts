/**
 * The words of a notification. Only non-personal parts go in: what to do, the task's name (from
 * the model), the case's reference, the due time and a link into the app. Names, addresses,
 * DASH answers and free text never reach here: the inputs are typed so that they cannot.
 */
import type { NotificationKind } from '../notifications.types';

export interface TextInput {
  kind: NotificationKind;
  /** The task's name from the BPMN model (falls back to its element id). */
  taskName: string;
  caseReference: string | null;
  dueAt: Date | null;
  /** Escalations: the role the step goes to. */
  escalatedTo?: string | null;
  /** The partnership's time zone, for due times in texts. */
  timeZone: string;
}

export interface NotificationText {
  /** The short line (toast, in-app list, webhook, e-mail subject). */
  text: string;
  /** The app-relative link: the case when its reference is known, else the inbox. */
  link: string;
}

const SAFE_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;
const SAFE_NAME = /^[\p{L}\p{N} .,:;()'&/+-]{1,120}$/u;

/** A reference used in texts and URLs only if it looks like one (never free text). */
export function safeReference(ref: string | null | undefined): string | null {
  return ref && SAFE_REFERENCE.test(ref) ? ref : null;
}

/** A task name is model text; anything unusual (line breaks, markup, very long) is replaced. */
export function safeTaskName(name: string | null | undefined, elementId: string): string {
  const n = (name ?? '').replace(/\s+/g, ' ').trim();
  return n && SAFE_NAME.test(n) ? n : elementId.replace(/[^A-Za-z0-9_.-]/g, '').slice(0, 64) || 'task';
}

export function formatDue(at: Date, timeZone: string): string {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false, timeZoneName: 'short' });
  return f.format(at);
}

const ROLE_LABEL: Record<string, string> = {
  'agency-spoc': "the agency's single point of contact",
  'pathway-coordinator': 'the pathway coordinator',
  'partnership-coordinator': 'the partnership coordinator',
  'steering-group': 'the steering group',
  chair: 'the chair',
};

export function roleLabel(role: string): string {
  return ROLE_LABEL[role] ?? `the ${role.replace(/[^a-z0-9-]/gi, '').replace(/-/g, ' ')}`;
}

export function notificationText(input: TextInput): NotificationText {
  const ref = safeReference(input.caseReference);
  const task = `"${input.taskName}"`;
  const onCase = ref ? ` for case ${ref}` : '';
  const due = input.dueAt ? formatDue(input.dueAt, input.timeZone) : null;
  let text: string;
  switch (input.kind) {
    case 'task-created':
      text = `New task in your agency's queue: ${task}${onCase}.${due ? ` Due ${due}.` : ''} Claim it from the inbox.`;
      break;
    case 'task-reminder':
      text = `Task ${task}${onCase} is due ${due ?? 'soon'}. Complete it or hand it back.`;
      break;
    case 'task-breached':
      text = `Task ${task}${onCase} is overdue${due ? ` (was due ${due})` : ''}. Act on it now or reassign it.`;
      break;
    case 'task-escalated':
      text = `Escalated to ${roleLabel(input.escalatedTo ?? 'agency-spoc')}: task ${task}${onCase} is overdue${due ? ` (was due ${due})` : ''}. Check it is being handled.`;
      break;
    default: {
      const unknown: never = input.kind;
      throw new Error(`unknown notification kind ${String(unknown)}`);
    }
  }
  return { text, link: ref ? `/cases/${encodeURIComponent(ref)}` : '/inbox' };
}

/** The subject line of an immediate e-mail. */
export function emailSubject(kind: NotificationKind, caseReference: string | null): string {
  const ref = safeReference(caseReference);
  const what = { 'task-created': 'New task', 'task-reminder': 'Task due soon', 'task-breached': 'Task overdue', 'task-escalated': 'Task escalated' }[kind];
  return `[Referral pathways] ${what}${ref ? ` – case ${ref}` : ''}`;
}

/** The plain-text body of an immediate e-mail. */
export function emailBody(text: string, link: string, baseUrl: string): string {
  return [
    text,
    '',
    `Open: ${absoluteLink(baseUrl, link)}`,
    '',
    'Case details are in the app only; this message deliberately contains none.',
    'Change which notifications you receive under Settings > Notifications.',
  ].join('\n');
}

export function absoluteLink(baseUrl: string, link: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${link}`;
}

export interface DigestItem {
  kind: NotificationKind;
  text: string;
  link: string;
}

/** One digest e-mail: counts per kind, then each item's line and link (at most `limit`). */
export function digestEmail(day: string, items: DigestItem[], baseUrl: string, limit = 50): { subject: string; body: string } {
  const counts = new Map<NotificationKind, number>();
  for (const i of items) counts.set(i.kind, (counts.get(i.kind) ?? 0) + 1);
  const label: Record<NotificationKind, string> = { 'task-created': 'new tasks', 'task-reminder': 'tasks due soon', 'task-breached': 'overdue tasks', 'task-escalated': 'escalations' };
  const summary = [...counts].map(([k, n]) => `${n} ${label[k]}`).join(', ');
  const lines = items.slice(0, limit).map((i) => `- ${i.text}\n  ${absoluteLink(baseUrl, i.link)}`);
  const more = items.length > limit ? [`…and ${items.length - limit} more in the app.`] : [];
  return {
    subject: `[Referral pathways] Daily summary for ${day}: ${items.length} notification${items.length === 1 ? '' : 's'}`,
    body: [`Summary for ${day}: ${summary}.`, '', ...lines, ...more, '', `Inbox: ${absoluteLink(baseUrl, '/inbox')}`, '',
      'Case details are in the app only; this message deliberately contains none.'].join('\n'),
  };
}
