/**
 * A directory of fixed people and exclusion lists: for tests, the benchmark and demos before the
 * access layer's tables hold real users. Roles are matched as written.
 */
import { SPOC_ROLE, type CaseDirectory, type NotificationRecipient, type PartnershipInfo, type RecipientDirectory } from './recipient-directory.port';

export interface StaticUser {
  id: string;
  partnershipId: string;
  agency: string | null;
  roles: string[];
  email: string | null;
  disabled?: boolean;
}

export class StaticRecipientDirectory implements RecipientDirectory {
  constructor(
    private readonly people: StaticUser[],
    private readonly partnershipList: PartnershipInfo[],
    private readonly defaultTimeZone = 'Europe/London',
  ) {}

  private pick(filter: (u: StaticUser) => boolean): NotificationRecipient[] {
    return this.people.filter((u) => !u.disabled && filter(u)).map((u) => ({ userId: u.id, email: u.email }));
  }

  async agencyQueue(partnershipId: string, agency: string, role: string | null): Promise<NotificationRecipient[]> {
    return this.pick((u) => u.partnershipId === partnershipId && u.agency === agency && (u.roles.includes(SPOC_ROLE) || role === null || u.roles.includes(role)));
  }

  async escalationRole(partnershipId: string, role: string, agency: string | null): Promise<NotificationRecipient[]> {
    if (role === SPOC_ROLE) return this.pick((u) => u.partnershipId === partnershipId && u.agency === agency && u.roles.includes(SPOC_ROLE));
    return this.pick((u) => u.partnershipId === partnershipId && u.roles.includes(role));
  }

  async users(partnershipId: string, userIds: string[]): Promise<NotificationRecipient[]> {
    return this.pick((u) => u.partnershipId === partnershipId && userIds.includes(u.id));
  }

  async partnerships(): Promise<PartnershipInfo[]> {
    return this.partnershipList;
  }

  async partnership(partnershipId: string): Promise<PartnershipInfo> {
    return this.partnershipList.find((p) => p.id === partnershipId) ?? { id: partnershipId, timeZone: this.defaultTimeZone };
  }
}

/** Case references by instance and "not safe to talk to" lists by case reference. */
export class StaticCaseDirectory implements CaseDirectory {
  constructor(
    private readonly references: Map<number, string> = new Map(),
    private readonly exclusions: Map<string, Set<string>> = new Map(),
    private readonly fallback?: CaseDirectory,
  ) {}

  setReference(instanceId: number, reference: string): void {
    this.references.set(instanceId, reference);
  }

  exclude(caseReference: string, userId: string): void {
    const set = this.exclusions.get(caseReference) ?? new Set<string>();
    set.add(userId);
    this.exclusions.set(caseReference, set);
  }

  async caseReference(instanceId: number): Promise<string | null> {
    return this.references.get(instanceId) ?? (await this.fallback?.caseReference(instanceId)) ?? null;
  }

  async excluded(instanceId: number, userIds: string[]): Promise<Set<string>> {
    const ref = await this.caseReference(instanceId);
    const list = ref ? this.exclusions.get(ref) : undefined;
    return new Set(userIds.filter((u) => list?.has(u)));
  }
}
