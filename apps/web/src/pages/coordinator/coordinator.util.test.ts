import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AgendaCase, MeetingSummary } from '../../api/api.types';
import { formatDay, listingText, matchReasonText, nextMeeting, orderAgenda, riskReasonText, stepText } from './coordinator.util';

const agendaCase = (ref: string, hasChildren: boolean): AgendaCase => ({
  position: 0, caseId: ref, caseReference: ref, hasChildren, repeat: false, referringAgency: 'housing', riskReason: [], listedFor: [], heard: false,
});

test('the agenda hears cases with children first and keeps the order otherwise', () => {
  const ordered = orderAgenda([agendaCase('A1', false), agendaCase('C1', true), agendaCase('A2', false), agendaCase('C2', true)]);
  assert.deepEqual(ordered.map((c) => c.caseReference), ['C1', 'C2', 'A1', 'A2']);
});

test('the next meeting is the first with cases listed, else the first', () => {
  const m = (id: string, date: string, caseCount: number): MeetingSummary => ({
    id, pathway: 'marac-safelives', date, startTime: '10:00', kind: 'scheduled', status: 'planned', caseCount, cutOffDate: date, circulationDate: date,
  });
  assert.equal(nextMeeting([m('b', '2026-03-17', 2), m('a', '2026-03-10', 0), m('c', '2026-03-24', 1)])?.id, 'b');
  assert.equal(nextMeeting([m('b', '2026-03-17', 0), m('a', '2026-03-10', 0)])?.id, 'a');
  assert.equal(nextMeeting([]), undefined);
});

test('codes in words: chain steps, criteria, listing and match reasons', () => {
  assert.equal(stepText({ kind: 'breach', step: null, to: null }), 'SLA breached');
  assert.equal(stepText({ kind: 'escalation', step: 1, to: 'pathway-coordinator' }), 'Step 2 → the pathway coordinator');
  assert.equal(stepText({ kind: 'escalation', step: 0, to: 'someone-new' }), 'Step 1 → someone new');
  assert.equal(riskReasonText('visibleHighRisk'), 'Visible high risk (DASH 14 or more)');
  assert.equal(listingText(['after-cut-off', 'imminent-risk']), 'referred after an earlier meeting’s cut-off; imminent risk: emergency meeting');
  assert.equal(matchReasonText('victim/dob:day-month-swapped'), 'victim date of birth: day month swapped');
  assert.equal(matchReasonText('perpetrator/given:nickname'), 'perpetrator given name: nickname');
  assert.equal(matchReasonText('same-postcode'), 'same postcode');
});

test('a calendar day is shown without a time-zone shift', () => {
  assert.match(formatDay('2026-03-17'), /^Tue,? 17 Mar 2026$/);
  assert.equal(formatDay(null), '—');
});
