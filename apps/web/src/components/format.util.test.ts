import { test } from 'node:test';
import assert from 'node:assert/strict';
import { slaCountdown } from './format.util';

const now = new Date('2026-03-02T10:00:00Z');

test('SLA countdown before and after the due time', () => {
  assert.deepEqual(slaCountdown('2026-03-03T14:00:00Z', now), { text: 'due in 1 d 4 h', overdue: false, soon: false });
  assert.deepEqual(slaCountdown('2026-03-02T12:30:00Z', now), { text: 'due in 2 h 30 min', overdue: false, soon: true });
  assert.deepEqual(slaCountdown('2026-03-02T06:55:00Z', now), { text: 'overdue by 3 h 5 min', overdue: true, soon: false });
  assert.equal(slaCountdown(undefined, now), null);
});
