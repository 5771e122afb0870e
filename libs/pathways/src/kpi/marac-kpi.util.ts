/**
 * Partnership KPIs as pure functions over records (domain §2.5): the SafeLives measures (cases per
 * 10,000 adult females with the population a parameter, repeat rate, referrals by source agency
 * and the partner-agency share, diversity), time from referral to meeting and to IDVA contact,
 * action completion (not possible through a change in circumstance counted apart from the agency
 * not acting), SLA breach rate by agency and task, and the IDVA / administrator capacity guide.
 * Percentages are fractions (0–1); callers round for display.
 */
import type { ActionRecord, MaracCaseRecord, Rate, ReferringAgency, SlaRecord, Summary } from './kpi.types';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export function rate(hits: number, total: number): Rate {
  return { total, hits, rate: total ? hits / total : null };
}

export function summarise(values: number[]): Summary {
  if (!values.length) return { count: 0, mean: null, median: null };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { count: values.length, mean: values.reduce((a, b) => a + b, 0) / values.length, median };
}

/** Records whose date (`YYYY-MM-DD` or ISO instant) is in [from, to] inclusive, by date. */
export function inPeriod<T>(records: T[], dateOf: (r: T) => string | undefined, from: string, to: string): T[] {
  return records.filter((r) => {
    const d = dateOf(r)?.slice(0, 10);
    return d !== undefined && d >= from && d <= to;
  });
}

export function quarterRange(quarter: string): { from: string; to: string } {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) throw new RangeError(`quarter must look like 2026-Q1, got ${quarter}`);
  const year = Number(m[1]);
  const q = Number(m[2]);
  const from = `${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
  const end = new Date(Date.UTC(year, q * 3, 0)).toISOString().slice(0, 10);
  return { from, to: end };
}

export function groupBy<T>(records: T[], key: (r: T) => string): Record<string, T[]> {
  const out: Record<string, T[]> = {};
  for (const r of records) (out[key(r)] ??= []).push(r);
  return out;
}

/** SafeLives' recommended volume is 40 per 10,000 adult females a year. */
export function casesPer10kAdultFemales(caseCount: number, adultFemalePopulation: number): number {
  if (!(adultFemalePopulation > 0)) throw new RangeError('population must be positive');
  return (caseCount / adultFemalePopulation) * 10_000;
}

export function repeatRate(cases: MaracCaseRecord[]): Rate {
  return rate(cases.filter((c) => c.isRepeat).length, cases.length);
}

export function referralsBySource(cases: MaracCaseRecord[]): Partial<Record<ReferringAgency, number>> {
  const out: Partial<Record<ReferringAgency, number>> = {};
  for (const c of cases) out[c.referringAgency] = (out[c.referringAgency] ?? 0) + 1;
  return out;
}

/** Referrals from agencies other than the police. */
export function partnerAgencyShare(cases: MaracCaseRecord[]): Rate {
  return rate(cases.filter((c) => c.referringAgency !== 'police').length, cases.length);
}

export interface Diversity {
  bme: Rate;
  lgbt: Rate;
  disability: Rate;
  male: Rate;
  aged16to17: Rate;
  /** A count, as SafeLives reports it. */
  perpetratorsUnder18: number;
}

export function diversity(cases: MaracCaseRecord[]): Diversity {
  const n = cases.length;
  const count = (p: (c: MaracCaseRecord) => boolean) => rate(cases.filter(p).length, n);
  return {
    bme: count((c) => c.victim.bme === true),
    lgbt: count((c) => c.victim.lgbt === true),
    disability: count((c) => c.victim.disability === true),
    male: count((c) => c.victim.gender === 'male'),
    aged16to17: count((c) => c.victim.age === 16 || c.victim.age === 17),
    perpetratorsUnder18: cases.reduce((s, c) => s + c.perpetratorAges.filter((a) => a !== null && a < 18).length, 0),
  };
}

/** Calendar days from the referral date to the meeting that heard the case. */
export function daysReferralToMeeting(cases: MaracCaseRecord[]): Summary {
  return summarise(
    cases.filter((c) => c.meetingDate).map((c) => (Date.parse(`${c.meetingDate}T00:00:00Z`) - Date.parse(`${c.referralDate}T00:00:00Z`)) / DAY_MS),
  );
}

/** Hours from receipt of the referral to the first IDVA contact; `notContacted` counts the rest. */
export function hoursReferralToIdvaContact(cases: MaracCaseRecord[]): Summary & { notContacted: number } {
  const contacted = cases.filter((c) => c.idvaFirstContactAt);
  return {
    ...summarise(contacted.map((c) => (Date.parse(c.idvaFirstContactAt as string) - Date.parse(c.receivedAt)) / HOUR_MS)),
    notContacted: cases.length - contacted.length,
  };
}

export interface ActionCompletion {
  total: number;
  completed: number;
  notPossibleChangeInCircumstance: number;
  agencyDidNotAct: number;
  open: number;
  /** Completed of all closed actions. */
  completionRate: number | null;
  /** Completed of the actions the agency could act on (not-possible left out): the agency's own record. */
  agencyCompletionRate: number | null;
}

export function actionCompletion(actions: ActionRecord[]): ActionCompletion {
  const by = (o: ActionRecord['outcome']) => actions.filter((a) => a.outcome === o).length;
  const completed = by('completed');
  const notPossible = by('not-possible-change-in-circumstance');
  const didNotAct = by('agency-did-not-act');
  const open = by('open');
  const closed = actions.length - open;
  return {
    total: actions.length,
    completed,
    notPossibleChangeInCircumstance: notPossible,
    agencyDidNotAct: didNotAct,
    open,
    completionRate: closed ? completed / closed : null,
    agencyCompletionRate: completed + didNotAct ? completed / (completed + didNotAct) : null,
  };
}

/** A task breached its SLA if completed after its due time, or still open after it at `asOf`. Tasks not yet due are left out. */
export function isBreached(r: SlaRecord, asOf: string): boolean | undefined {
  const due = Date.parse(r.dueAt);
  if (r.completedAt) return Date.parse(r.completedAt) > due;
  return Date.parse(asOf) > due ? true : undefined;
}

export function slaBreachRate(records: SlaRecord[], asOf: string): { overall: Rate; byAgency: Record<string, Rate>; byTask: Record<string, Rate> } {
  const judged = records.map((r) => ({ r, b: isBreached(r, asOf) })).filter((x) => x.b !== undefined);
  const toRate = (xs: typeof judged) => rate(xs.filter((x) => x.b).length, xs.length);
  const byKey = (key: (r: SlaRecord) => string) => {
    const out: Record<string, Rate> = {};
    for (const [k, xs] of Object.entries(groupBy(judged, (x) => key(x.r)))) out[k] = toRate(xs);
    return out;
  };
  return { overall: toRate(judged), byAgency: byKey((r) => r.agency), byTask: byKey((r) => r.task) };
}

/** SafeLives capacity guide: about 100 referrals a year per IDVA FTE, one administrator per 400 cases. */
export function capacityNeeded(casesPerYear: number): { idvaFte: number; adminFte: number } {
  return { idvaFte: casesPerYear / 100, adminFte: casesPerYear / 400 };
}

export interface KpiInput {
  cases: MaracCaseRecord[];
  actions: ActionRecord[];
  slas: SlaRecord[];
  /** SLA breaches are judged at this instant. */
  asOf: string;
  /** Adult female population, for cases per 10,000 (only meaningful for a whole area). */
  adultFemalePopulation?: number;
}

export interface KpiSummary {
  cases: number;
  casesPer10kAdultFemales: number | null;
  repeatRate: Rate;
  partnerAgencyShare: Rate;
  referralsBySource: Partial<Record<ReferringAgency, number>>;
  diversity: Diversity;
  daysReferralToMeeting: Summary;
  hoursReferralToIdvaContact: Summary & { notContacted: number };
  actionCompletion: ActionCompletion;
  slaBreachRate: Rate;
}

export function kpiSummary(input: KpiInput): KpiSummary {
  return {
    cases: input.cases.length,
    casesPer10kAdultFemales: input.adultFemalePopulation ? casesPer10kAdultFemales(input.cases.length, input.adultFemalePopulation) : null,
    repeatRate: repeatRate(input.cases),
    partnerAgencyShare: partnerAgencyShare(input.cases),
    referralsBySource: referralsBySource(input.cases),
    diversity: diversity(input.cases),
    daysReferralToMeeting: daysReferralToMeeting(input.cases),
    hoursReferralToIdvaContact: hoursReferralToIdvaContact(input.cases),
    actionCompletion: actionCompletion(input.actions),
    slaBreachRate: slaBreachRate(input.slas, input.asOf).overall,
  };
}

function quarterKey(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;
}

/**
 * The KPIs by pathway, by agency (cases by referring agency, actions and SLAs by owner agency) or
 * by period (quarter of the referral, of the action's due date, of the SLA's due time).
 */
export function kpisBy(dimension: 'pathway' | 'agency' | 'period', input: KpiInput): Record<string, KpiSummary> {
  const keys = {
    pathway: { c: (r: MaracCaseRecord) => r.pathway, a: (r: ActionRecord) => r.pathway, s: (r: SlaRecord) => r.pathway },
    agency: { c: (r: MaracCaseRecord) => r.referringAgency, a: (r: ActionRecord) => r.agency, s: (r: SlaRecord) => r.agency },
    period: { c: (r: MaracCaseRecord) => quarterKey(r.referralDate), a: (r: ActionRecord) => quarterKey(r.dueDate), s: (r: SlaRecord) => quarterKey(r.dueAt) },
  }[dimension];
  const cases = groupBy(input.cases, keys.c);
  const actions = groupBy(input.actions, keys.a);
  const slas = groupBy(input.slas, keys.s);
  const out: Record<string, KpiSummary> = {};
  for (const key of [...new Set([...Object.keys(cases), ...Object.keys(actions), ...Object.keys(slas)])].sort()) {
    out[key] = kpiSummary({ cases: cases[key] ?? [], actions: actions[key] ?? [], slas: slas[key] ?? [], asOf: input.asOf });
  }
  return out;
}
