import { buildCalendars, jurisdictionCalendar } from '@app/calendar';
import { resolveTemplateParams } from '../parameters/template-parameters.util';
import { slaTrail } from './sla-trail.util';
import { readTemplate, templateRuleProblems } from './template-files.util';
import { TemplateWalk } from './template-walk.util';

const xml = readTemplate('risk-first-pt');
const calendars = buildCalendars([jurisdictionCalendar('PT', { name: 'partnership' })], 2026, 2026);
const walk = (startAt = '2026-06-01T10:00:00Z') =>
  new TemplateWalk(xml, { startAt, calendars, params: resolveTemplateParams('risk-first-pt', 'PT') }).begin({ caseRef: 'SYN-PT-1' });

const timersOf = (w: TemplateWalk, elementId: string) => [...w.timers.values()].filter((t) => t.elementId === elementId).map((t) => t.dueAt);

describe('template risk-first-pt', () => {
  it('compiles with no problems and follows the house rules', () => {
    expect(TemplateWalk.problems(xml)).toEqual([]);
    expect(templateRuleProblems('risk-first-pt', xml)).toEqual([]);
  });

  it('main path (scenario 24): high risk → transmitted to the prosecutor at once, 72-hour actions, 3 reassessments 7 days apart', () => {
    const w = walk().complete('RvdInitialAssessment', { riskLevel: 'high', rvdYesItems: 11 });
    expect(w.history.find((e) => e.elementId === 'TransmitToProsecutor' && e.transition === 'completed')?.at).toBe('2026-06-01T10:00:00.000Z');
    expect(w.openTasks().map((t) => t.elementId).sort()).toEqual(['ProtectiveActions72h', 'VictimSupportContact']);
    w.complete('ProtectiveActions72h', { victimProtected: true, urgentEvidenceSecured: true, aggressorContained: true, followUpArranged: true })
      .complete('VictimSupportContact', { contactMade: true });
    expect(timersOf(w, 'UntilReassessment')).toEqual(['2026-06-08T10:00:00.000Z']);
    w.advanceTo('2026-06-08T10:00:00Z').complete('RvdReassessment', { riskLevel: 'medium' });
    expect(timersOf(w, 'UntilReassessment')).toEqual(['2026-07-08T10:00:00.000Z']); // medium: 30 days
    w.advanceTo('2026-07-08T10:00:00Z').complete('RvdReassessment', { riskLevel: 'medium' });
    w.advanceTo('2026-08-07T10:00:00Z').complete('RvdReassessment', { riskLevel: 'low' });
    expect(w.state.variables.reassessments).toBe(3);
    w.complete('CloseFollowUp', { outcome: 'risk-reduced' });
    expect(w.ended).toBe('completed');
  });

  it('extreme risk (RVD-R) triggers immediate protective measures, at the start and on reassessment', () => {
    const w = walk().complete('RvdInitialAssessment', { riskLevel: 'extreme', rvdYesItems: 17 });
    expect(w.openTasks('ImmediateProtectiveMeasures')).toHaveLength(1);
    w.complete('ImmediateProtectiveMeasures', { measuresTaken: ['removal-of-weapons'] })
      .complete('ProtectiveActions72h', { victimProtected: true, urgentEvidenceSecured: true, aggressorContained: true, followUpArranged: true })
      .complete('VictimSupportContact', { contactMade: true });
    expect(timersOf(w, 'UntilReassessment')).toEqual(['2026-06-04T10:00:00.000Z']); // extreme: 3 days
    w.advanceTo('2026-06-04T10:00:00Z').complete('RvdReassessment', { riskLevel: 'extreme' });
    expect(w.openTasks('EscalatedProtectiveMeasures')).toHaveLength(1);
  });

  it('escalation path: the 72-hour actions escalate by the hour', () => {
    const w = walk().complete('RvdInitialAssessment', { riskLevel: 'medium', rvdYesItems: 6 });
    expect(w.openTasks('ProtectiveActions72h')[0]?.dueAt).toBe('2026-06-04T10:00:00.000Z');
    w.advanceTo('2026-06-08T00:00:00Z');
    expect(slaTrail(w, 'ProtectiveActions72h')).toEqual([
      'reminder@2026-06-03T10:00',
      'breach@2026-06-04T10:00',
      'escalation:agency-spoc@2026-06-04T10:00',
      'escalation:pathway-coordinator@2026-06-04T22:00',
      'escalation:partnership-coordinator@2026-06-05T10:00',
      'escalation:steering-group@2026-06-07T10:00',
    ]);
  });

  it('a working-day SLA over the March clock change falls due at 17:00 Lisbon summer time', () => {
    // Friday 27 March 2026, 10:00 WET; clocks go forward on Sunday 29 March.
    const w = walk('2026-03-27T10:00:00Z').complete('RvdInitialAssessment', { riskLevel: 'low', rvdYesItems: 2 });
    expect(w.openTasks('VictimSupportContact')[0]?.dueAt).toBe('2026-03-31T16:00:00.000Z');
  });
});
