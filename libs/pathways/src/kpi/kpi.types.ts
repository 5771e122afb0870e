/** Records the KPIs are computed from (non-personal: references, flags, dates, counts). */
import type { ActionOutcome } from '../meetings/meeting.types';

/** Referring agency types as SafeLives' MARAC dataset counts them. */
export type ReferringAgency =
  | 'police'
  | 'idva'
  | 'probation'
  | 'childrens-social-care'
  | 'health'
  | 'mental-health'
  | 'housing'
  | 'education'
  | 'adult-social-care'
  | 'substance-misuse'
  | 'voluntary-sector'
  | 'other';

export const REFERRING_AGENCIES: readonly ReferringAgency[] = [
  'police', 'idva', 'probation', 'childrens-social-care', 'health', 'mental-health', 'housing', 'education',
  'adult-social-care', 'substance-misuse', 'voluntary-sector', 'other',
];

export interface MaracCaseRecord {
  caseId: string;
  pathway: string;
  maracArea: string;
  /** Date of the referral (`YYYY-MM-DD`) and the instant it was received. */
  referralDate: string;
  receivedAt: string;
  referringAgency: ReferringAgency;
  isRepeat: boolean;
  /** The meeting that heard the case (`YYYY-MM-DD`). */
  meetingDate?: string;
  /** First IDVA contact with the victim (ISO instant). */
  idvaFirstContactAt?: string;
  victim: { gender: 'female' | 'male' | 'other' | 'unknown'; age?: number; bme?: boolean; lgbt?: boolean; disability?: boolean };
  perpetratorAges: (number | null)[];
  childrenInHousehold: number;
}

export interface ActionRecord {
  actionId: string;
  caseId: string;
  pathway: string;
  agency: string;
  dueDate: string;
  outcome: ActionOutcome;
}

export interface SlaRecord {
  taskId: string;
  pathway: string;
  /** The task's element id in the template, e.g. `ContactVictim`. */
  task: string;
  agency: string;
  dueAt: string;
  completedAt: string | null;
}

export interface Summary {
  count: number;
  mean: number | null;
  median: number | null;
}

export interface Rate {
  total: number;
  hits: number;
  rate: number | null;
}
