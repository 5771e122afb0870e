import type { CaseRecord, PersonRecord } from './matching.types';
import { matacCandidates } from './matac-candidates.util';

// Invented people only.
const perp: PersonRecord = { givenNames: ['Robert'], surname: 'Strachan', dobs: ['1985-11-23'] };
const v1: PersonRecord = { givenNames: ['Amelia'], surname: 'Lockhart', dobs: ['1990-02-14'] };
const v2: PersonRecord = { givenNames: ['Nadia'], surname: 'Rennie', dobs: ['1993-07-01'] };
const c = (caseId: string, victim: PersonRecord, perpetrator: PersonRecord): CaseRecord => ({ caseId, victim, perpetrators: [perpetrator], lastReferralDate: '2026-01-10' });

describe('MATAC candidates (scenario 28)', () => {
  it('flags one perpetrator (under name variants) with two victims', () => {
    const cases = [
      c('A', v1, perp),
      c('B', v2, { givenNames: ['Bob'], surname: 'Strachan', dobs: ['1985'] }),
      c('C', { givenNames: ['Isla'], surname: 'Moffat', dobs: ['1988-03-03'] }, { givenNames: ['Oscar'], surname: 'Pemberton', dobs: ['1979-05-05'] }),
    ];
    expect(matacCandidates(cases)).toEqual([{ caseIds: ['A', 'B'], victimCount: 2, requiresConfirmation: true }]);
  });

  it('does not flag repeats of the same victim and perpetrator', () => {
    const cases = [c('A', v1, perp), c('B', { ...v1, givenNames: ['Amy'], dobs: ['1990-14-02'] }, perp)];
    expect(matacCandidates(cases)).toEqual([]);
  });

  it('counts three victims of one perpetrator', () => {
    const cases = [c('A', v1, perp), c('B', v2, perp), c('C', { givenNames: ['Isla'], surname: 'Moffat', dobs: ['1988-03-03'] }, perp)];
    expect(matacCandidates(cases)[0]?.victimCount).toBe(3);
    expect(matacCandidates(cases, { minVictims: 4 })).toEqual([]);
  });
});
