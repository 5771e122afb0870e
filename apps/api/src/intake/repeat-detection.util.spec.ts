import { proposeRepeatMatches } from '@app/pathways';
import { ageBand, ageOn, monitoringGender, personRecordOf, safeLivesAgencyKind } from './repeat-detection.util';

describe('reading referral identities for repeat detection', () => {
  it('reads given names and surname, a single name, aliases and several dates of birth', () => {
    expect(personRecordOf({ givenNames: ['Synthia', 'Ann'], surname: 'Example', dateOfBirth: '1991-02-03' })).toEqual({ givenNames: ['Synthia', 'Ann'], surname: 'Example', dobs: ['1991-02-03'] });
    expect(personRecordOf({ name: 'Synthia Ann Example', dobs: ['1991-02-03', '1991'], aliases: ['Syn Example', { givenNames: ['S'], surname: 'Sample' }] })).toEqual({
      givenNames: ['Synthia', 'Ann'], surname: 'Example', dobs: ['1991-02-03', '1991'],
      aliases: [{ givenNames: ['Syn'], surname: 'Example' }, { givenNames: ['S'], surname: 'Sample' }],
    });
    expect(personRecordOf({ firstName: 'Perry', lastName: 'Placeholder', dob: 'unknown' })).toEqual({ givenNames: ['Perry'], surname: 'Placeholder', dobs: [] });
    expect(personRecordOf({ notes: 'nothing to match on' })).toBeNull();
    expect(personRecordOf(null)).toBeNull();
  });

  it('feeds the matcher: a nickname and a day/month swap are proposed, a stranger is not', () => {
    const earlier = { caseId: 'c1', victim: personRecordOf({ givenNames: ['Alexandra'], surname: 'Testperson', dateOfBirth: '1990-04-12' })!, perpetrators: [personRecordOf({ name: 'Robert Sampleman', dateOfBirth: '1985-07-01' })!], lastReferralDate: '2026-01-10' };
    const query = { victim: personRecordOf({ givenNames: ['Alex'], surname: 'Testperson', dateOfBirth: '1990-12-04' })!, perpetrator: personRecordOf({ name: 'Bob Sampleman', dateOfBirth: '1985-07-01' })!, incidentDate: '2026-03-02' };
    expect(proposeRepeatMatches(query, [earlier]).map((p) => [p.caseId, p.withinRepeatWindow])).toEqual([['c1', true]]);
    const stranger = { ...query, victim: personRecordOf({ name: 'Morgan Unrelated', dateOfBirth: '1979-09-09' })! };
    expect(proposeRepeatMatches(stranger, [earlier])).toEqual([]);
  });

  it('keeps the age band only, and maps agency types to SafeLives categories', () => {
    expect([15, 16, 17, 18, 30, 50, 70, undefined].map(ageBand)).toEqual([null, '16-17', '16-17', '18-24', '25-44', '45-64', '65+', null]);
    expect(['police', 'children-social-work', 'ngo-refuge', 'other', null].map(safeLivesAgencyKind)).toEqual(['police', 'childrens-social-care', 'voluntary-sector', 'other', 'other']);
  });

  it('reads the monitoring age and gender from the referral form\'s identity (no double keying)', () => {
    expect(ageOn({ name: 'Young Perp', dateOfBirth: '2009-03-03' }, '2026-03-02')).toBe(16);
    expect(ageOn({ name: 'Young Perp', dateOfBirth: '2009-03-02' }, '2026-03-02')).toBe(17);
    expect(ageOn({ name: 'Two Dobs', dobs: ['1990-04-12', '1990-12-04'] }, '2026-03-02')).toBe(35); // the same age either way
    expect(ageOn({ name: 'Two Dobs', dobs: ['1990-01-12', '1990-12-01'] }, '2026-03-02')).toBeNull();
    expect(ageOn({ name: 'Year Only', dobs: ['1990'] }, '2026-03-02')).toBeNull();
    expect(ageOn(undefined, '2026-03-02')).toBeNull();
    expect([{ gender: 'Male' }, { gender: 'female' }, { gender: 'non-binary' }, {}].map(monitoringGender)).toEqual(['male', 'female', 'other', undefined]);
  });
});
