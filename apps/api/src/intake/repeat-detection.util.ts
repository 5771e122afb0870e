/**
 * Reads the identity scopes of referrals (as agencies record them) into the matcher's person
 * records: `givenNames`/`surname` or a single `name`, aliases as names or objects, and one or
 * several dates of birth (`dateOfBirth`, `dob`, `dobs`). Pure; the values never leave memory.
 */
import type { PersonName, PersonRecord } from '@app/pathways';

const DOB = /^\d{4}(-\d{2}-\d{2})?$/;

function nameOf(x: unknown): PersonName | null {
  if (typeof x === 'string') {
    const parts = x.trim().split(/\s+/).filter(Boolean);
    if (parts.length === 0) return null;
    const surname = parts.pop() as string;
    return { givenNames: parts, surname };
  }
  if (!x || typeof x !== 'object') return null;
  const o = x as Record<string, unknown>;
  let given: string[] = [];
  if (Array.isArray(o.givenNames)) given = o.givenNames.map(String);
  else if (typeof o.givenNames === 'string') given = o.givenNames.split(/\s+/).filter(Boolean);
  else if (typeof o.givenName === 'string') given = o.givenName.split(/\s+/).filter(Boolean);
  else if (typeof o.firstName === 'string') given = o.firstName.split(/\s+/).filter(Boolean);
  let surname = typeof o.surname === 'string' ? o.surname : typeof o.familyName === 'string' ? o.familyName : typeof o.lastName === 'string' ? o.lastName : '';
  if (!surname && typeof o.name === 'string') {
    const n = nameOf(o.name);
    if (n) {
      surname = n.surname;
      if (given.length === 0) given = n.givenNames;
    }
  }
  if (!surname && given.length === 0) return null;
  return { givenNames: given, surname };
}

export function personRecordOf(identity: Record<string, unknown> | null | undefined): PersonRecord | null {
  if (!identity) return null;
  const name = nameOf(identity);
  if (!name) return null;
  const aliases = (Array.isArray(identity.aliases) ? identity.aliases : []).map(nameOf).filter((n): n is PersonName => n !== null);
  const dobs = [
    ...(Array.isArray(identity.dobs) ? identity.dobs : []),
    identity.dateOfBirth, identity.dob,
  ].filter((d): d is string => typeof d === 'string' && DOB.test(d.slice(0, 10))).map((d) => d.slice(0, 10));
  return { ...name, ...(aliases.length ? { aliases } : {}), dobs: [...new Set(dobs)] };
}

/** SafeLives' referring-agency categories from the partnership's agency types. */
export function safeLivesAgencyKind(agencyType: string | null | undefined): string {
  switch (agencyType) {
    case 'police': return 'police';
    case 'idva': return 'idva';
    case 'children-social-work': return 'childrens-social-care';
    case 'health': return 'health';
    case 'housing': return 'housing';
    case 'ngo-refuge': return 'voluntary-sector';
    case 'probation': return 'probation';
    default: return 'other';
  }
}

/** The age band kept for monitoring (never the age itself). */
export function ageBand(age: number | undefined): string | null {
  if (age === undefined || !Number.isFinite(age)) return null;
  if (age < 16) return null;
  if (age <= 17) return '16-17';
  if (age <= 24) return '18-24';
  if (age <= 44) return '25-44';
  if (age <= 64) return '45-64';
  return '65+';
}

/**
 * The age in whole years on a date, from the full dates of birth an identity records (the
 * referral form's own field, so the referrer does not key the age twice); null when none is
 * full or the possible dates give different ages.
 */
export function ageOn(identity: Record<string, unknown> | null | undefined, onDate: string): number | null {
  const full = (personRecordOf(identity)?.dobs ?? []).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
  const ages = new Set(full.map((d) => {
    const [y, m, day] = d.split('-').map(Number) as [number, number, number];
    const [oy, om, od] = onDate.split('-').map(Number) as [number, number, number];
    return oy - y - (om < m || (om === m && od < day) ? 1 : 0);
  }).filter((a) => a >= 0 && a <= 120));
  return ages.size === 1 ? [...ages][0]! : null;
}

/** The victim's gender for the SafeLives monitoring, from the identity scope's `gender`. */
export function monitoringGender(identity: Record<string, unknown> | null | undefined): 'female' | 'male' | 'other' | undefined {
  const g = typeof identity?.gender === 'string' ? identity.gender.trim().toLowerCase() : '';
  if (g === 'female' || g === 'f' || g === 'woman') return 'female';
  if (g === 'male' || g === 'm' || g === 'man') return 'male';
  return g ? 'other' : undefined;
}
