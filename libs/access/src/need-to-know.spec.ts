import { agencyMayHoldCase, matrixRows, visibleViews } from './need-to-know';
import { requiresSecondFactor } from './roles';

const facts = (o: Partial<{ hasChildren: boolean; refugePlacement: boolean; childContactConditions: boolean }> = {}) => ({ hasChildren: false, refugePlacement: false, childContactConditions: false, ...o });
const sorted = (s: Set<string>) => [...s].sort();

describe('need-to-know matrix', () => {
  it('gives agency staff their agency type\'s row, IDVAs the IDVA row, and the MARAC roles their own', () => {
    expect(matrixRows({ roles: ['agency-worker'], agencyType: 'housing' })).toEqual(['housing']);
    expect(matrixRows({ roles: ['idva'], agencyType: 'other' })).toEqual(['idva']);
    expect(matrixRows({ roles: ['marac-chair'] })).toEqual(['marac-chair']);
    expect(matrixRows({ roles: ['manager', 'steering-group', 'dpo', 'administrator'] })).toEqual([]);
  });

  it('applies the conditions: children\'s services only with children, refuge address only with a placement, probation children only with contact conditions', () => {
    expect(sorted(visibleViews({ roles: ['agency-worker'], agencyType: 'children-social-work' }, facts(), []))).toEqual(['children', 'dash-summary', 'perpetrator']);
    expect(sorted(visibleViews({ roles: ['agency-worker'], agencyType: 'ngo-refuge' }, facts({ refugePlacement: true }), []))).toEqual(['address', 'children', 'dash-summary', 'identity', 'minutes']);
    expect(visibleViews({ roles: ['agency-worker'], agencyType: 'probation' }, facts({ childContactConditions: true }), []).has('children')).toBe(true);
    expect(agencyMayHoldCase('children-social-work', facts())).toBe(false);
    expect(agencyMayHoldCase('children-social-work', facts({ hasChildren: true }))).toBe(true);
    expect(agencyMayHoldCase('police', facts())).toBe(true);
  });

  it('adds the scopes of the agency\'s open tasks (police get safe contact only when a task needs it) and replaces a summary by the full scope', () => {
    const police = { roles: ['agency-spoc'], agencyType: 'police' as const };
    expect(visibleViews(police, facts(), []).has('safe-contact')).toBe(false);
    expect(visibleViews(police, facts(), ['safe-contact']).has('safe-contact')).toBe(true);
    const housing = visibleViews({ roles: ['agency-worker'], agencyType: 'housing' }, facts(), ['dash', 'not-a-scope']);
    expect(housing.has('dash')).toBe(true);
    expect(housing.has('dash-summary')).toBe(false);
    expect([...housing]).not.toContain('not-a-scope');
  });

  it('requires a second factor of every role but the aggregate-only ones', () => {
    expect(requiresSecondFactor(['manager'])).toBe(false);
    expect(requiresSecondFactor(['steering-group', 'manager'])).toBe(false);
    expect(requiresSecondFactor(['manager', 'dpo'])).toBe(true);
    expect(requiresSecondFactor(['agency-worker'])).toBe(true);
  });
});
