import { buildCalendars, jurisdictionCalendar } from '@app/calendar';
import { resolveTemplateParams } from '../parameters/template-parameters.util';
import { slaTrail } from './sla-trail.util';
import { readTemplate, templateRuleProblems } from './template-files.util';
import { TemplateWalk } from './template-walk.util';

const xml = readTemplate('embedded-social-worker-fr');
const calendars = buildCalendars([jurisdictionCalendar('FR', { name: 'partnership' })], 2026, 2026);
const walk = (startAt = '2026-05-04T08:00:00Z') =>
  new TemplateWalk(xml, { startAt, calendars, params: resolveTemplateParams('embedded-social-worker-fr', 'FR') }).begin({ caseRef: 'SYN-ISCG-1' });

describe('template embedded-social-worker-fr', () => {
  it('compiles with no problems and follows the house rules', () => {
    expect(TemplateWalk.problems(xml)).toEqual([]);
    expect(templateRuleProblems('embedded-social-worker-fr', xml)).toEqual([]);
  });

  it('main path: review → contact → needs → urgent measures → handover confirmed by the receiving service', () => {
    const w = walk()
      .complete('ISCGReview', { signalSource: 'daybook', personRole: 'victim', partnerViolence: true })
      .complete('ContactPerson', { contactMade: true })
      .complete('AssessSocialNeeds', { urgentMeasuresNeeded: true })
      .complete('UrgentMeasures', { shelterArranged: true, escortArranged: false })
      .complete('OrientAndHandover', { handoverTo: 'specialised-association' });
    expect(w.openTasks('ConfirmHandover')[0]?.input?.ownerAgency).toBe('specialised-association');
    w.complete('ConfirmHandover', { handoverConfirmed: true });
    expect(w.ended).toBe('completed');
    expect(w.path()).toContain('HandedOver');
  });

  it('closes after the second unconfirmed exchange (one or two exchanges)', () => {
    const w = walk()
      .complete('ISCGReview', { signalSource: 'complaint', personRole: 'suspect', partnerViolence: true })
      .complete('ContactPerson', { contactMade: true })
      .complete('AssessSocialNeeds', { urgentMeasuresNeeded: false })
      .complete('OrientAndHandover', { handoverTo: 'health' })
      .complete('ConfirmHandover', { handoverConfirmed: false })
      .complete('OrientAndHandover', { handoverTo: 'departmental-social-services' })
      .complete('ConfirmHandover', { handoverConfirmed: false });
    expect(w.state.variables.exchanges).toBe(2);
    expect(w.path()).toContain('ClosedAfterExchanges');
  });

  it('escalation path: a review signalled the day before Victory Day (8 May) falls due on Monday, and escalates over Ascension', () => {
    // Thursday 7 May 2026, 10:00 in Paris; Friday 8 May and Thursday 14 May are public holidays.
    const w = walk('2026-05-07T08:00:00Z');
    expect(w.openTasks('ISCGReview')[0]?.dueAt).toBe('2026-05-11T15:00:00.000Z');
    w.advanceTo('2026-05-20T00:00:00Z');
    expect(slaTrail(w, 'ISCGReview')).toEqual([
      'reminder@2026-05-11T11:00',
      'breach@2026-05-11T15:00',
      'escalation:agency-spoc@2026-05-11T15:00',
      'escalation:pathway-coordinator@2026-05-12T15:00',
      'escalation:partnership-coordinator@2026-05-13T15:00',
      'escalation:steering-group@2026-05-19T15:00',
    ]);
  });

  it('a handover not confirmed in 10 working days goes straight to the partnership coordinator', () => {
    const w = walk()
      .complete('ISCGReview', { signalSource: 'daybook', personRole: 'victim', partnerViolence: true })
      .complete('ContactPerson', { contactMade: true })
      .complete('AssessSocialNeeds', { urgentMeasuresNeeded: false })
      .complete('OrientAndHandover', { handoverTo: 'legal-aid' })
      .advanceTo('2026-06-30T00:00:00Z');
    const trail = slaTrail(w, 'ConfirmHandover');
    expect(trail.filter((t) => t.startsWith('escalation:partnership-coordinator'))).toHaveLength(1);
    expect(trail.find((t) => t.startsWith('breach'))?.slice(-16, -6)).toBe(trail.find((t) => t.startsWith('escalation:partnership-coordinator'))?.slice(-16, -6));
  });
});
