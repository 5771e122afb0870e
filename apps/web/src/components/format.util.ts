/** Display helpers (en-GB, the user's time zone). */

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/** "due in 1 d 4 h", "overdue by 3 h 5 min"; `overdue` drives the colour *and* the words. */
export function slaCountdown(dueAt: string | null | undefined, now: Date): { text: string; overdue: boolean; soon: boolean } | null {
  if (!dueAt) return null;
  const due = new Date(dueAt).getTime();
  if (Number.isNaN(due)) return null;
  const diff = due - now.getTime();
  const abs = Math.abs(diff);
  const minutes = Math.floor(abs / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts = days > 0 ? [`${days} d`, `${hours} h`] : hours > 0 ? [`${hours} h`, `${mins} min`] : [`${mins} min`];
  const span = parts.join(' ');
  return diff >= 0
    ? { text: `due in ${span}`, overdue: false, soon: diff < 4 * 3600_000 }
    : { text: `overdue by ${span}`, overdue: true, soon: false };
}
