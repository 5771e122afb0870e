import { assertDecisionData } from './decision-data.util';

describe('assertDecisionData', () => {
  it('lets codes, numbers, flags, dates and lists of them through', () => {
    const v = { dashScore: 15, safeToCall: false, referralDate: '2026-03-02', reasons: ['stalking', 'threats-to-kill'], agency: 'police' };
    expect(assertDecisionData(v)).toEqual(v);
  });

  it.each([[{ victimName: 'Jane Smith' }], [{ note: 'lives at 1 High Street' }], [{ nested: { a: 1 } }], [{ 'bad key': 1 }]])('refuses %j', (v) => {
    expect(() => assertDecisionData(v)).toThrow(/non-personal/);
  });
});
