import type { AgencyType } from '@app/access';

/**
 * Who makes a request, as loaded from the database on (almost) every request: an `Actor` of the
 * runtime use cases plus what the access layer needs. Never taken from the token alone, so a
 * disabled account, an offboarded agency or a revoked session stops working at once.
 */
export interface Principal {
  userId: string;
  partnershipId: string;
  agencyId?: string;
  agencyType: AgencyType | null;
  agencyCode: string | null;
  roles: string[];
  displayName: string;
  sessionId: string;
  /** The session passed a second factor (or single sign-on). */
  mfa: boolean;
  /** The roles need a second factor this session has not passed: only enrolment is open. */
  mfaPending: boolean;
  method: string;
}
