/** Types of MARAC meeting planning: the calendar, the list, the agenda and action status. */

export type MeetingFrequency = 'weekly' | 'fortnightly' | 'monthly';

export interface MeetingSchedule {
  frequency: MeetingFrequency;
  /** ISO weekday of the meeting (1 = Monday). */
  weekday: number;
  /** Monthly: which occurrence of the weekday (1–4, or -1 for the last). */
  weekOfMonth?: number;
  /** Fortnightly: one meeting date that fixes the rhythm. */
  anchorDate?: string;
  /** Local start time `HH:mm`. */
  startTime: string;
  /** A meeting that falls on a holiday is skipped or moved to the next working day. */
  onHoliday: 'skip' | 'next-working-day';
  cancelledDates?: string[];
  /** Extra scheduled dates (not emergencies). */
  extraDates?: string[];
}

export interface MeetingSlot {
  date: string;
  startTime: string;
  kind: 'scheduled' | 'emergency';
  /** Cases already listed. */
  caseCount?: number;
}

export interface ListingParams {
  referralCutOffWorkingDays: number;
  circulationWorkingDays: number;
  emergencyIfNextMeetingBeyondDays: number;
  maxCasesPerMeeting: number;
  /** An emergency meeting is held within this many working days (default 1). */
  emergencyWithinWorkingDays?: number;
}

export type ListingReason = 'before-cut-off' | 'after-cut-off' | 'meeting-full' | 'imminent-risk' | 'holiday-moved';

export interface ListingDecision {
  meetingDate: string;
  emergency: boolean;
  /** The last date a referral could be received for this meeting. */
  cutOffDate: string;
  /** When the list is circulated. */
  circulationDate: string;
  reasons: ListingReason[];
}

export interface AgendaCase {
  caseRef: string;
  hasChildren: boolean;
  isRepeat: boolean;
  /** ISO instant the referral was received. */
  receivedAt: string;
  transferredFrom?: string;
}

export type AgendaSection =
  | 'introductions'
  | 'confidentiality-statement'
  | 'incomplete-actions'
  | 'children-cases'
  | 'adult-cases'
  | 'twelve-month-notices'
  | 'any-other-business';

export interface AgendaItem {
  position: number;
  section: AgendaSection;
  caseRef?: string;
  isRepeat?: boolean;
  transferredFrom?: string;
}

export type ActionOutcome = 'open' | 'completed' | 'not-possible-change-in-circumstance' | 'agency-did-not-act';

export interface TrackedAction {
  actionId: string;
  caseRef: string;
  agency: string;
  dueDate: string;
  outcome: ActionOutcome;
}

export type ActionState = 'closed' | 'on-track' | 'reminder-due' | 'overdue' | 'status-required';
