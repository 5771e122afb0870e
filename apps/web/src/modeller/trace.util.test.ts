import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markersAt } from './trace.util';
import type { TraceEntry } from '../api/api.types';

const at = '2026-03-02T10:00:00Z';
const trace: TraceEntry[] = [
  { elementId: 'start', transition: 'activated', at },
  { elementId: 'start', transition: 'completed', at },
  { elementId: 'f1', transition: 'taken', at },
  { elementId: 'triage', transition: 'activated', at },
  { elementId: 'triage', transition: 'sla-breach', at },
];

test('markers follow the trace step by step', () => {
  assert.deepEqual([...markersAt(trace, 1)], [['start', 'sim-active']]);
  assert.deepEqual([...markersAt(trace, 3)], [['start', 'sim-done'], ['f1', 'sim-taken']]);
  assert.deepEqual([...markersAt(trace, 5)], [['start', 'sim-done'], ['f1', 'sim-taken'], ['triage', 'sim-active']]);
  assert.equal(markersAt(trace, 0).size, 0);
});
