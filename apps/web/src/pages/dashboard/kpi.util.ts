// How the partnership KPIs are shown: values by unit, rates with what they count, and the rows
// of the tables beside the charts (the same figures the API answers, never recomputed).
import type { Kpi, KpiRate, KpiReport, ReferringAgency } from '../../api/api.types';
import { SOURCE_LABELS } from '../../components/labels';


/** A share 0–1 as "25.0 %"; null as "—". */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined || Number.isNaN(rate) ? '—' : `${(rate * 100).toFixed(1)} %`;
}

/** A headline value in its unit: shares as percentages, days and hours with one decimal, counts as they are. */
export function formatKpi(k: Pick<Kpi, 'value' | 'unit'>): string {
  if (k.value === null || k.value === undefined) return '—';
  switch (k.unit) {
    case 'fraction':
      return percent(k.value);
    case 'days':
      return `${k.value.toFixed(1)} days`;
    case 'hours':
      return `${k.value.toFixed(1)} hours`;
    default:
      return Number.isInteger(k.value) ? String(k.value) : k.value.toFixed(2);
  }
}

/** "25.0 % (1 of 4)". */
export function rateText(r: KpiRate): string {
  return r.total === 0 ? '— (none counted)' : `${percent(r.rate)} (${r.hits} of ${r.total})`;
}

export interface SourceRow {
  source: ReferringAgency;
  label: string;
  count: number;
  share: number | null;
}

/** Referrals by source agency, most first (ties by name). */
export function sourceRows(r: KpiReport): SourceRow[] {
  const total = r.summary.cases;
  return (Object.entries(r.summary.referralsBySource) as [ReferringAgency, number][])
    .filter(([, n]) => n > 0)
    .map(([source, count]) => ({ source, label: SOURCE_LABELS[source] ?? source, count, share: total ? count / total : null }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

export interface RateRow {
  key: string;
  label: string;
  rate: KpiRate;
}

export function diversityRows(r: KpiReport): RateRow[] {
  const d = r.summary.diversity;
  return [
    { key: 'bme', label: 'Black, Asian or racially minoritised', rate: d.bme },
    { key: 'lgbt', label: 'LGBT+', rate: d.lgbt },
    { key: 'disability', label: 'With a disability', rate: d.disability },
    { key: 'male', label: 'Male', rate: d.male },
    { key: 'aged16to17', label: 'Aged 16–17', rate: d.aged16to17 },
  ];
}

/** SLA breach rates by agency code (named where the agency is known) or by task, highest rate first. */
export function breachRows(byKey: Record<string, KpiRate>, name: (key: string) => string = (k) => k): RateRow[] {
  return Object.entries(byKey)
    .map(([key, rate]) => ({ key, label: name(key), rate }))
    .sort((a, b) => (b.rate.rate ?? -1) - (a.rate.rate ?? -1) || b.rate.total - a.rate.total || a.label.localeCompare(b.label));
}

export interface CompletionRow {
  key: 'completed' | 'notPossibleChangeInCircumstance' | 'agencyDidNotAct' | 'open';
  label: string;
  count: number;
}

/** Action outcomes: "not possible (change in circumstance)" kept apart from "agency did not act". */
export function completionRows(r: KpiReport): CompletionRow[] {
  const a = r.summary.actionCompletion;
  return [
    { key: 'completed', label: 'Completed', count: a.completed },
    { key: 'notPossibleChangeInCircumstance', label: 'Not possible (change in circumstance)', count: a.notPossibleChangeInCircumstance },
    { key: 'agencyDidNotAct', label: 'Agency did not act', count: a.agencyDidNotAct },
    { key: 'open', label: 'Still open', count: a.open },
  ];
}

/** The quarter (`2026-Q1`) a day falls in, and the `count` quarters up to it, newest first. */
export function quartersUpTo(day: string, count: number): string[] {
  let year = Number(day.slice(0, 4));
  let q = Math.ceil(Number(day.slice(5, 7)) / 3);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(`${year}-Q${q}`);
    if (--q === 0) {
      q = 4;
      year--;
    }
  }
  return out;
}
