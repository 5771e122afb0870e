import { assertDecisionData } from './decision-data.util';

describe('assertDecisionData', () => {
  it('lets codes, numbers, flags, dates and lists of them through', () => {
    const v = { dashScore: 15, safeToCall: false, referralDate: '2026-03-02', at: '2026-03-02T09:00:00Z', reasons: ['stalking', 'threats-to-kill'], agency: 'police', priority: 'A', caseRef: 'C-2026-ABCD2345' };
    expect(assertDecisionData(v)).toEqual(v);
  });

  it.each([[{ victimName: 'Jane Smith' }], [{ surname: 'Smith' }], [{ note: 'lives at 1 High Street' }], [{ nested: { a: 1 } }], [{ 'bad key': 1 }]])('refuses %j', (v) => {
    expect(() => assertDecisionData(v)).toThrow(/non-personal/);
  });
});
