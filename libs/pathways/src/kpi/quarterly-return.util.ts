/**
 * The quarterly MARAC return in the layout of SafeLives' MARAC dataset: one row per meeting
 * (date, cases discussed, repeats, children, referrals by agency, diversity counts) and a total
 * row. Column names follow the SafeLives data form as far as the public pages show it
 * (domain §2.5); the exact column set of the current form is not verified [?].
 */
import type { MaracCaseRecord, ReferringAgency } from './kpi.types';
import { REFERRING_AGENCIES } from './kpi.types';
import { casesPer10kAdultFemales, groupBy, inPeriod, quarterRange } from './marac-kpi.util';

export interface QuarterlyReturnRow {
  meetingDate: string | 'TOTAL';
  casesDiscussed: number;
  repeatCases: number;
  childrenInHouseholds: number;
  referralsBy: Record<ReferringAgency, number>;
  bmeVictims: number;
  lgbtVictims: number;
  victimsWithDisability: number;
  maleVictims: number;
  victimsAged16to17: number;
  perpetratorsUnder18: number;
}

export interface QuarterlyReturn {
  maracArea: string;
  quarter: string;
  rows: QuarterlyReturnRow[];
  total: QuarterlyReturnRow;
  casesPer10kAdultFemales: number;
  repeatRate: number | null;
  partnerAgencyReferralRate: number | null;
}

function row(meetingDate: string, cases: MaracCaseRecord[]): QuarterlyReturnRow {
  const referralsBy = Object.fromEntries(REFERRING_AGENCIES.map((a) => [a, 0])) as Record<ReferringAgency, number>;
  for (const c of cases) referralsBy[c.referringAgency]++;
  const n = (p: (c: MaracCaseRecord) => boolean) => cases.filter(p).length;
  return {
    meetingDate,
    casesDiscussed: cases.length,
    repeatCases: n((c) => c.isRepeat),
    childrenInHouseholds: cases.reduce((s, c) => s + c.childrenInHousehold, 0),
    referralsBy,
    bmeVictims: n((c) => c.victim.bme === true),
    lgbtVictims: n((c) => c.victim.lgbt === true),
    victimsWithDisability: n((c) => c.victim.disability === true),
    maleVictims: n((c) => c.victim.gender === 'male'),
    victimsAged16to17: n((c) => c.victim.age === 16 || c.victim.age === 17),
    perpetratorsUnder18: cases.reduce((s, c) => s + c.perpetratorAges.filter((a) => a !== null && a < 18).length, 0),
  };
}

/** Cases heard at the area's meetings in the quarter (by meeting date). */
export function quarterlyReturn(cases: MaracCaseRecord[], maracArea: string, quarter: string, adultFemalePopulation: number): QuarterlyReturn {
  const { from, to } = quarterRange(quarter);
  const heard = inPeriod(cases.filter((c) => c.maracArea === maracArea), (c) => c.meetingDate, from, to);
  const rows = Object.entries(groupBy(heard, (c) => c.meetingDate as string))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, cs]) => row(date, cs));
  const total = row('TOTAL', heard);
  return {
    maracArea,
    quarter,
    rows,
    total,
    casesPer10kAdultFemales: casesPer10kAdultFemales(heard.length, adultFemalePopulation),
    repeatRate: heard.length ? total.repeatCases / heard.length : null,
    partnerAgencyReferralRate: heard.length ? (heard.length - total.referralsBy.police) / heard.length : null,
  };
}

/** The return as CSV, columns in the dataset's order. */
export function quarterlyReturnCsv(r: QuarterlyReturn): string {
  const header = [
    'MARAC', 'Quarter', 'Meeting date', 'Cases discussed', 'Repeat cases', 'Children in households',
    ...REFERRING_AGENCIES.map((a) => `Referrals: ${a}`),
    'BME victims', 'LGBT victims', 'Victims with a disability', 'Male victims', 'Victims aged 16-17', 'Perpetrators under 18',
  ];
  const line = (x: QuarterlyReturnRow) =>
    [r.maracArea, r.quarter, x.meetingDate, x.casesDiscussed, x.repeatCases, x.childrenInHouseholds, ...REFERRING_AGENCIES.map((a) => x.referralsBy[a]), x.bmeVictims, x.lgbtVictims, x.victimsWithDisability, x.maleVictims, x.victimsAged16to17, x.perpetratorsUnder18].join(',');
  return [header.join(','), ...r.rows.map(line), line(r.total)].join('\n') + '\n';
}
