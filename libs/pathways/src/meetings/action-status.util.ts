/**
 * Action follow-up between meetings: a reminder before the due date, overdue after it, and the
 * status required before the next meeting [F: SafeLives action tracking form; reminder 2 working
 * days before due is a proposed default, I]. A pattern of misses by one agency in a quarter is
 * flagged to the steering group [F concept; threshold I].
 */
import type { CalendarData } from '@app/engine';
import { addWorkingDays } from './working-days.util';
import type { ActionState, TrackedAction } from './meeting.types';

export function statusDueDate(nextMeetingDate: string, cal: CalendarData, workingDaysBefore = 1): string {
  return addWorkingDays(nextMeetingDate, -workingDaysBefore, cal);
}

export function actionState(
  action: TrackedAction,
  today: string,
  nextMeetingDate: string,
  cal: CalendarData,
  opts: { reminderWorkingDays?: number; statusWorkingDaysBefore?: number } = {},
): ActionState {
  if (action.outcome !== 'open') return 'closed';
  if (today >= statusDueDate(nextMeetingDate, cal, opts.statusWorkingDaysBefore ?? 1)) return 'status-required';
  if (today > action.dueDate) return 'overdue';
  if (today >= addWorkingDays(action.dueDate, -(opts.reminderWorkingDays ?? 2), cal)) return 'reminder-due';
  return 'on-track';
}

export function quarterOf(date: string): string {
  const m = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-Q${Math.ceil(m / 3)}`;
}

/** Agencies with at least `threshold` misses (actions not done, SLAs breached) in a quarter. */
export function agenciesToFlag(misses: { agency: string; date: string }[], quarter: string, threshold = 3): { agency: string; misses: number }[] {
  const count = new Map<string, number>();
  for (const m of misses) if (quarterOf(m.date) === quarter) count.set(m.agency, (count.get(m.agency) ?? 0) + 1);
  return [...count.entries()]
    .filter(([, n]) => n >= threshold)
    .map(([agency, n]) => ({ agency, misses: n }))
    .sort((a, b) => b.misses - a.misses || a.agency.localeCompare(b.agency));
}
