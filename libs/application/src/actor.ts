/**
 * Who is acting. Every use case takes one; the access layer (issue 4) will check it. Until then
 * the API resolves it with a development resolver (see apps/api `actor.resolver.ts`).
 */
export interface Actor {
  userId: string;
  partnershipId: string;
  agencyId?: string;
  roles: string[];
}

/** The runtime itself (timers, services, child instances), acting for an instance's partnership. */
export function systemActor(partnershipId: string): Actor {
  return { userId: 'system', partnershipId, roles: ['system'] };
}
