/** Types of repeat detection: people as recorded on referrals, and match proposals. */

export interface PersonName {
  givenNames: string[];
  surname: string;
}

export interface PersonRecord extends PersonName {
  aliases?: PersonName[];
  /** Dates of birth as recorded: `YYYY-MM-DD`, or `YYYY` when only the year is known; several possible. */
  dobs: string[];
}

export interface CaseRecord {
  caseId: string;
  victim: PersonRecord;
  perpetrators: PersonRecord[];
  /** Date of the last MARAC referral of the case (`YYYY-MM-DD`). */
  lastReferralDate: string;
}

export interface MatchQuery {
  victim: PersonRecord;
  perpetrator: PersonRecord;
  /** Date of the new incident or referral (`YYYY-MM-DD`). */
  incidentDate: string;
}

/** Why two people look alike, as codes only (no names or dates: proposals may be logged). */
export type MatchReason =
  | 'given:exact'
  | 'given:nickname'
  | 'given:spelling'
  | 'given:phonetic'
  | 'given:initial'
  | 'surname:exact'
  | 'surname:double-barrelled-part'
  | 'surname:spelling'
  | 'surname:phonetic'
  | 'name:transposed'
  | 'name:alias'
  | 'dob:exact'
  | 'dob:day-month-swapped'
  | 'dob:one-digit'
  | 'dob:digits-transposed'
  | 'dob:year-only'
  | 'dob:missing';

export interface PersonMatch {
  score: number;
  nameScore: number;
  dobScore: number;
  reasons: MatchReason[];
}

export interface MatchProposal {
  caseId: string;
  /** 0–1; both people must match. */
  score: number;
  victim: PersonMatch;
  perpetrator: PersonMatch;
  /** Index of the matched perpetrator on the case. */
  perpetratorIndex: number;
  /** The case's last referral is within the repeat window of the incident: a MARAC repeat. */
  withinRepeatWindow: boolean;
  daysSinceLastReferral: number;
  /** Always true: a coordinator confirms before cases are linked. */
  requiresConfirmation: true;
}

export interface MatchOptions {
  /** Minimum pair score to propose (default 0.8). */
  threshold?: number;
  /** Each person must score at least this (default 0.7). */
  personThreshold?: number;
  repeatWindowMonths?: number;
  maxProposals?: number;
}
