/**
 * Who is told: the ports notifications read people and cases through. The access layer (issue 4)
 * owns users, agencies, roles, partnerships, cases and the "not safe to talk to" lists; these
 * interfaces are what notifications need of them, so the planning logic does not know their
 * tables. Implementations: `sql-directory.ts` (over the access layer's tables) and
 * `static-directory.ts` (fixed data, for tests and demos).
 */

export interface NotificationRecipient {
  userId: string;
  /** Where e-mail goes; null: no e-mail for this user. Read at send time, never carried in a job. */
  email: string | null;
}

export interface PartnershipInfo {
  id: string;
  /** IANA time zone, for due times in texts and the digest's day. */
  timeZone: string;
}

export interface RecipientDirectory {
  /** A task's agency queue: the agency's single point of contact and its workers with `role` (any worker when null). */
  agencyQueue(partnershipId: string, agency: string, role: string | null): Promise<NotificationRecipient[]>;
  /**
   * The people an escalation step names, within the partnership: `agency-spoc` is the task
   * agency's single point of contact; any other role is looked up partnership-wide.
   */
  escalationRole(partnershipId: string, role: string, agency: string | null): Promise<NotificationRecipient[]>;
  /** These users, if they exist, are active and belong to the partnership. */
  users(partnershipId: string, userIds: string[]): Promise<NotificationRecipient[]>;
  partnerships(): Promise<PartnershipInfo[]>;
  partnership(partnershipId: string): Promise<PartnershipInfo>;
}

export interface CaseDirectory {
  /** The non-personal reference of the case an instance works on (null: none known). */
  caseReference(instanceId: number): Promise<string | null>;
  /**
   * Which of `userIds` must not be told about the case (its "not safe to talk to" list). An
   * error here stops the notification (it is retried): never notify on an unknown answer.
   */
  excluded(instanceId: number, userIds: string[]): Promise<Set<string>>;
}

/** The escalation target that means the task agency's single point of contact. */
export const SPOC_ROLE = 'agency-spoc';

export const RECIPIENT_DIRECTORY = Symbol('RECIPIENT_DIRECTORY');
export const CASE_DIRECTORY = Symbol('CASE_DIRECTORY');
