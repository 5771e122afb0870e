import { FIXTURE_ACTIONS, FIXTURE_AS_OF, FIXTURE_CASES, FIXTURE_POPULATION, FIXTURE_SLAS } from './kpi.fixture';
import {
  actionCompletion,
  capacityNeeded,
  casesPer10kAdultFemales,
  daysReferralToMeeting,
  diversity,
  groupBy,
  hoursReferralToIdvaContact,
  inPeriod,
  kpisBy,
  kpiSummary,
  partnerAgencyShare,
  quarterRange,
  referralsBySource,
  repeatRate,
  slaBreachRate,
  summarise,
} from './marac-kpi.util';
import { quarterlyReturn, quarterlyReturnCsv } from './quarterly-return.util';

// Q1 2026 by referral date: C1–C8 (C9 is April).
const q1 = inPeriod(FIXTURE_CASES, (c) => c.referralDate, '2026-01-01', '2026-03-31');

describe('partnership KPIs on the hand-worked fixture (scenario 18)', () => {
  it('selects the quarter', () => {
    expect(quarterRange('2026-Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(quarterRange('2024-Q1').to).toBe('2024-03-31');
    expect(quarterRange('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(() => quarterRange('2026-Q5')).toThrow(RangeError);
    expect(q1.map((c) => c.caseId)).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8']);
  });

  it('cases per 10,000 adult females: 8 / 20,000 × 10,000 = 4', () => {
    expect(casesPer10kAdultFemales(q1.length, FIXTURE_POPULATION)).toBe(4);
    expect(() => casesPer10kAdultFemales(1, 0)).toThrow(RangeError);
  });

  it('repeat rate: C2, C5, C8 = 3 of 8', () => {
    expect(repeatRate(q1)).toEqual({ hits: 3, total: 8, rate: 0.375 });
  });

  it('referrals by source: police 4, health, housing, idva, children’s social care 1 each; partner share 4 of 8', () => {
    expect(referralsBySource(q1)).toEqual({ police: 4, health: 1, housing: 1, idva: 1, 'childrens-social-care': 1 });
    expect(partnerAgencyShare(q1).rate).toBe(0.5);
  });

  it('diversity: BME 3, LGBT 2, disability 2, male 1, aged 16–17 2 of 8; 2 perpetrators under 18 (scenario 27)', () => {
    const d = diversity(q1);
    expect(d.bme.rate).toBe(0.375); // C1, C6, C7
    expect(d.lgbt.rate).toBe(0.25); // C3, C8
    expect(d.disability.rate).toBe(0.25); // C4, C7
    expect(d.male.rate).toBe(0.125); // C3
    expect(d.aged16to17.rate).toBe(0.25); // C2 (17), C6 (16)
    expect(d.perpetratorsUnder18).toBe(2); // C2's 17-year-old, C4's 16-year-old
  });

  it('days from referral to meeting: 15, 13, 22, 20, 14, 15, 7, 20 → mean 15.75, median 15', () => {
    expect(daysReferralToMeeting(q1)).toEqual({ count: 8, mean: 15.75, median: 15 });
  });

  it('hours from referral to IDVA contact: 24, 6, 48, 36, 3, 48 → mean 27.5, median 30; 2 not contacted', () => {
    expect(hoursReferralToIdvaContact(q1)).toEqual({ count: 6, mean: 27.5, median: 30, notContacted: 2 });
  });

  it('action completion counts "not possible" apart from "agency did not act" (scenario 14)', () => {
    const a = actionCompletion(FIXTURE_ACTIONS);
    expect(a).toMatchObject({ total: 8, completed: 4, notPossibleChangeInCircumstance: 1, agencyDidNotAct: 2, open: 1 });
    expect(a.completionRate).toBeCloseTo(4 / 7, 10); // of 7 closed
    expect(a.agencyCompletionRate).toBeCloseTo(4 / 6, 10); // not-possible left out
    const housing = actionCompletion(groupBy(FIXTURE_ACTIONS, (x) => x.agency).housing ?? []);
    expect(housing).toMatchObject({ total: 3, completed: 0, agencyDidNotAct: 2, notPossibleChangeInCircumstance: 1 });
    expect(housing.agencyCompletionRate).toBe(0);
  });

  it('SLA breach rate: 3 of the 5 tasks due by the end of March, by agency and by task', () => {
    const s = slaBreachRate(FIXTURE_SLAS, FIXTURE_AS_OF);
    expect(s.overall).toEqual({ hits: 3, total: 5, rate: 0.6 }); // S2 late, S3 open past due, S5 late; S6 not yet due
    expect(s.byAgency).toEqual({
      idva: { hits: 1, total: 2, rate: 0.5 },
      housing: { hits: 2, total: 2, rate: 1 },
      police: { hits: 0, total: 1, rate: 0 },
    });
    expect(s.byTask).toEqual({
      ContactVictim: { hits: 1, total: 2, rate: 0.5 },
      ResearchAgencyRecords: { hits: 1, total: 2, rate: 0.5 },
      CompleteAction: { hits: 1, total: 1, rate: 1 },
    });
  });

  it('capacity guide: 8 cases → 0.08 IDVA FTE, 0.02 administrator FTE', () => {
    expect(capacityNeeded(8)).toEqual({ idvaFte: 0.08, adminFte: 0.02 });
  });

  it('summarises empty and odd-length lists', () => {
    expect(summarise([])).toEqual({ count: 0, mean: null, median: null });
    expect(summarise([5, 1, 3])).toEqual({ count: 3, mean: 3, median: 3 });
  });

  it('groups by pathway and period', () => {
    const byMonth = groupBy(FIXTURE_CASES, (c) => c.referralDate.slice(0, 7));
    expect(Object.fromEntries(Object.entries(byMonth).map(([k, v]) => [k, v.length]))).toEqual({ '2026-01': 5, '2026-02': 3, '2026-04': 1 });
  });
});

describe('quarterly return in the SafeLives layout', () => {
  const r = quarterlyReturn(FIXTURE_CASES, 'SYN-MARAC', '2026-Q1', FIXTURE_POPULATION);

  it('has one row per meeting and a total', () => {
    expect(r.rows.map((x) => [x.meetingDate, x.casesDiscussed, x.repeatCases, x.childrenInHouseholds])).toEqual([
      ['2026-01-20', 2, 1, 2],
      ['2026-02-03', 3, 1, 4],
      ['2026-02-17', 2, 0, 3],
      ['2026-03-03', 1, 1, 0],
    ]);
    expect(r.total).toMatchObject({ casesDiscussed: 8, repeatCases: 3, childrenInHouseholds: 9, bmeVictims: 3, lgbtVictims: 2, victimsWithDisability: 2, maleVictims: 1, victimsAged16to17: 2, perpetratorsUnder18: 2 });
    expect(r.total.referralsBy).toMatchObject({ police: 4, health: 1, housing: 1, idva: 1, 'childrens-social-care': 1, probation: 0 });
    expect(r.rows[1]?.referralsBy).toMatchObject({ police: 1, health: 1, housing: 1 });
    expect(r.casesPer10kAdultFemales).toBe(4);
    expect(r.repeatRate).toBe(0.375);
    expect(r.partnerAgencyReferralRate).toBe(0.5);
  });

  it('leaves out other areas and other quarters', () => {
    const other = quarterlyReturn([...FIXTURE_CASES, { ...FIXTURE_CASES[0]!, caseId: 'X', maracArea: 'ELSEWHERE' }], 'SYN-MARAC', '2026-Q1', FIXTURE_POPULATION);
    expect(other.total.casesDiscussed).toBe(8);
    expect(quarterlyReturn(FIXTURE_CASES, 'SYN-MARAC', '2026-Q2', FIXTURE_POPULATION).total.casesDiscussed).toBe(1);
  });

  it('writes CSV with a header, the meeting rows and the total', () => {
    const lines = quarterlyReturnCsv(r).trim().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^MARAC,Quarter,Meeting date,Cases discussed,Repeat cases,Children in households,Referrals: police,/);
    expect(lines[5]).toMatch(/^SYN-MARAC,2026-Q1,TOTAL,8,3,9,4,1,0,1,1,0,1,0,0,0,0,0,3,2,2,1,2,2$/);
  });
});

describe('KPIs by pathway, agency and period', () => {
  const input = { cases: FIXTURE_CASES, actions: FIXTURE_ACTIONS, slas: FIXTURE_SLAS, asOf: FIXTURE_AS_OF };

  it('summarises a whole area, with the population', () => {
    const q1Input = { ...input, cases: q1, adultFemalePopulation: FIXTURE_POPULATION };
    const s = kpiSummary(q1Input);
    expect(s).toMatchObject({ cases: 8, casesPer10kAdultFemales: 4, repeatRate: { rate: 0.375 }, partnerAgencyShare: { rate: 0.5 }, slaBreachRate: { hits: 3, total: 5 } });
  });

  it('splits by period: quarter of referral, of the action due date, of the SLA due time', () => {
    const by = kpisBy('period', input);
    expect(Object.keys(by)).toEqual(['2026-Q1', '2026-Q2']);
    expect(by['2026-Q1']).toMatchObject({ cases: 8, actionCompletion: { total: 8 }, slaBreachRate: { hits: 3, total: 5 } });
    expect(by['2026-Q2']).toMatchObject({ cases: 1, actionCompletion: { total: 0 }, slaBreachRate: { total: 0, rate: null } });
  });

  it('splits by agency: referrals by referring agency, actions and SLAs by owner', () => {
    const by = kpisBy('agency', input);
    expect(by.housing).toMatchObject({ cases: 1, actionCompletion: { total: 3, completed: 0, agencyDidNotAct: 2, agencyCompletionRate: 0 }, slaBreachRate: { hits: 2, total: 2, rate: 1 } });
    expect(by.police).toMatchObject({ cases: 5, actionCompletion: { total: 2, completed: 2 }, slaBreachRate: { hits: 0, total: 1 } });
    expect(by.idva).toMatchObject({ cases: 1, slaBreachRate: { hits: 1, total: 2 } });
  });

  it('splits by pathway', () => {
    const other = { ...FIXTURE_CASES[0]!, caseId: 'P1', pathway: 'marac-vienna-at' };
    const by = kpisBy('pathway', { ...input, cases: [...FIXTURE_CASES, other] });
    expect(Object.keys(by)).toEqual(['marac-safelives', 'marac-vienna-at']);
    expect(by['marac-vienna-at']?.cases).toBe(1);
    expect(by['marac-safelives']?.cases).toBe(9);
  });
});

