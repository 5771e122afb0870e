/** The synthetic partnership the browser tests sign in to (no real people, no real data). */
export const PARTNERSHIP = { id: 'default', name: 'Northshire partnership (synthetic)', timeZone: 'Europe/London' };

export const PASSWORD = 'correct horse battery staple';

export const AGENCIES = [
  { id: 'agency-police', code: 'police', name: 'Northshire Police', type: 'police' },
  { id: 'agency-idva', code: 'idva', name: 'Northshire IDVA service', type: 'idva' },
  { id: 'agency-housing', code: 'housing', name: 'Northshire Housing', type: 'housing' },
] as const;

export interface Person {
  id: string;
  email: string;
  displayName: string;
  roles: string[];
  agencyId: string | null;
  /** Base32 TOTP secret (synthetic); absent for roles without a second factor. */
  totpSecret?: string;
}

export const PEOPLE = {
  coordinator: { id: 'u-coordinator', email: 'coordinator@example.test', displayName: 'Casey Coordinator', roles: ['partnership-coordinator', 'marac-coordinator'], agencyId: null, totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' },
  worker: { id: 'u-idva', email: 'idva@example.test', displayName: 'Indra IDVA', roles: ['idva'], agencyId: 'agency-idva', totpSecret: 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU' },
  chair: { id: 'u-chair', email: 'chair@example.test', displayName: 'Charlie Chair', roles: ['marac-chair'], agencyId: null, totpSecret: 'MNUGC2LSMNUGC2LSMNUGC2LSMNUGC2LS' },
  housing: { id: 'u-housing', email: 'housing@example.test', displayName: 'Harper Housing', roles: ['agency-worker'], agencyId: 'agency-housing', totpSecret: 'NBXXG43JNZTXG2LOM5XXG43JNZTXG2LO' },
  spoc: { id: 'u-spoc', email: 'spoc@example.test', displayName: 'Sam SPOC', roles: ['agency-spoc'], agencyId: 'agency-idva', totpSecret: 'MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK' },
  manager: { id: 'u-manager', email: 'manager@example.test', displayName: 'Morgan Manager', roles: ['manager'], agencyId: null },
  admin: { id: 'u-admin', email: 'admin@example.test', displayName: 'Alex Admin', roles: ['administrator'], agencyId: null, totpSecret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' },
  dpo: { id: 'u-dpo', email: 'dpo@example.test', displayName: 'Dana DPO', roles: ['dpo'], agencyId: null, totpSecret: 'ONSWG4TFORSXG5BAONSWG4TFORSXG5BA' },
} satisfies Record<string, Person>;

export type PersonName = keyof typeof PEOPLE;
