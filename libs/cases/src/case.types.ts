import type { View } from '@app/access';

/** A referral as an agency submits it. Personal fields stay in case data; decision data may go to the process. */
export interface ReferralInput {
  /** A repeated submission with the same key returns the same case. */
  idempotencyKey: string;
  /** The pathway (definition key) the referral starts. */
  pathway: string;
  consent: 'given' | 'refused' | 'not-sought';
  /** Needed when consent is not given (and recorded whenever given). */
  lawfulBasis?: string;
  sharingPurpose?: string;
  /** The referrer confirms the data shared is adequate, relevant and limited (GDPR Art. 5(1)(c)). */
  adequateRelevantLimited?: boolean;
  victim: {
    identity: Record<string, unknown>;
    address?: Record<string, unknown>;
    safeContact?: Record<string, unknown>;
    health?: Record<string, unknown>;
  };
  perpetrators?: Record<string, unknown>[];
  children?: Record<string, unknown>[];
  dash?: Record<string, unknown>;
  dashScore?: number;
  safeToCall?: boolean;
  refugePlacement?: boolean;
  childContactConditions?: boolean;
  /** Users of the partnership the victim named as not safe to talk to. */
  notSafeToTalkToUserIds?: string[];
  /** Non-personal decision data for the process (codes, numbers, flags, dates). */
  variables?: Record<string, unknown>;
}

export interface ReferralResult {
  id: string;
  reference: string;
  instanceId: number | null;
  /** False when the idempotency key matched an earlier submission. */
  created: boolean;
}

export interface CaseAction {
  id: number;
  description: string;
  elementId: string;
  agency: string | null;
  owner: string | null;
  dueAt: string | null;
  status: 'open' | 'done' | 'cancelled';
}

export interface CaseView {
  id: string;
  reference: string;
  pathway: string;
  status: string;
  openedAt: string;
  closedAt: string | null;
  hasChildren: boolean;
  transferredFrom: string | null;
  /** Visible views only. */
  fields: Partial<Record<View, Record<string, unknown>>>;
  withheldScopes: string[];
  actions: CaseAction[];
  timeline: { at: string; elementId: string; transition: string; detail: string | null }[];
}

export interface ShareInput {
  agencyId: string;
  consent: 'given' | 'refused' | 'not-sought';
  lawfulBasis?: string;
  purpose?: string;
  adequateRelevantLimited?: boolean;
}
