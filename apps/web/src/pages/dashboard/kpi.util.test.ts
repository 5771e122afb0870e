import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KpiReport } from '../../api/api.types';
import { breachRows, completionRows, formatKpi, quartersUpTo, rateText, sourceRows } from './kpi.util';

const rate = (hits: number, total: number) => ({ hits, total, rate: total ? hits / total : null });

const report = {
  summary: {
    cases: 4,
    referralsBySource: { police: 1, housing: 2, health: 1 },
    actionCompletion: { total: 5, completed: 2, notPossibleChangeInCircumstance: 1, agencyDidNotAct: 1, open: 1, completionRate: 0.5, agencyCompletionRate: 2 / 3 },
  },
} as unknown as KpiReport;

test('headline values in their units', () => {
  assert.equal(formatKpi({ value: 0.25, unit: 'fraction' }), '25.0 %');
  assert.equal(formatKpi({ value: 12.04, unit: 'days' }), '12.0 days');
  assert.equal(formatKpi({ value: 30.5, unit: 'hours' }), '30.5 hours');
  assert.equal(formatKpi({ value: 4 }), '4');
  assert.equal(formatKpi({ value: 0.8 }), '0.80');
  assert.equal(formatKpi({ value: null, unit: 'fraction' }), '—');
});

test('rates say what they count', () => {
  assert.equal(rateText(rate(1, 4)), '25.0 % (1 of 4)');
  assert.equal(rateText(rate(0, 0)), '— (none counted)');
});

test('referrals by source, most first, with their share of all cases', () => {
  assert.deepEqual(sourceRows(report).map((r) => [r.source, r.count, r.share]), [['housing', 2, 0.5], ['health', 1, 0.25], ['police', 1, 0.25]]);
});

test('"not possible" stays apart from "did not act"', () => {
  assert.deepEqual(completionRows(report).map((r) => [r.key, r.count]), [['completed', 2], ['notPossibleChangeInCircumstance', 1], ['agencyDidNotAct', 1], ['open', 1]]);
});

test('breach rows by agency are named and sorted by rate', () => {
  const rows = breachRows({ police: rate(1, 4), housing: rate(2, 2), unrouted: rate(0, 0) }, (k) => ({ police: 'Police', housing: 'Housing' })[k] ?? k);
  assert.deepEqual(rows.map((r) => [r.label, r.rate.rate]), [['Housing', 1], ['Police', 0.25], ['unrouted', null]]);
});

test('the quarters up to a day, newest first, across a year', () => {
  assert.deepEqual(quartersUpTo('2026-02-14', 3), ['2026-Q1', '2025-Q4', '2025-Q3']);
});
