import { buildCalendars, jurisdictionCalendar } from '@app/calendar';
import { resolveTemplateParams } from '../parameters/template-parameters.util';
import { slaTrail } from './sla-trail.util';
import { readTemplate, templateRuleProblems } from './template-files.util';
import { TemplateWalk } from './template-walk.util';

const xml = readTemplate('anchor-team-fi');
const calendars = buildCalendars([jurisdictionCalendar('FI', { name: 'partnership' })], 2026, 2026);
const walk = (startAt = '2026-03-02T07:00:00Z') =>
  new TemplateWalk(xml, { startAt, calendars, params: resolveTemplateParams('anchor-team-fi', 'FI') }).begin({ caseRef: 'SYN-ANK-1' });

const upToRisk = (w: TemplateWalk, riskScore: number) =>
  w.complete('TeamReview', { riskScore, childrenInHousehold: 1 })
    .complete('InviteClientMeeting', { meetingAgreed: true })
    .complete('AssessSituation', { supportNeeds: ['housing'] })
    .complete('ServiceGuidance', { servicesOffered: ['shelter'] });

describe('template anchor-team-fi', () => {
  it('compiles with no problems and follows the house rules', () => {
    expect(TemplateWalk.problems(xml)).toEqual([]);
    expect(templateRuleProblems('anchor-team-fi', xml)).toEqual([]);
  });

  it('main path: high risk with consent → MARAK → 6-month follow-up → close', () => {
    const w = upToRisk(walk(), 16).complete('AskMarakConsent', { marakConsent: true });
    w.complete('PrepareMarak', { marakAgencies: ['police', 'health'] })
      .complete('HoldMarak', { actions: [{ agency: 'health', dueDate: '2026-04-01' }], minutesRecorded: true });
    expect(w.openTasks('CompleteMarakAction')[0]?.input?.ownerAgency).toBe('health');
    w.complete('CompleteMarakAction', { actionOutcome: 'completed' });
    expect(w.openTasks('FollowUpCheck')).toHaveLength(0);
    w.advanceTo('2026-09-30T00:00:00Z').complete('FollowUpCheck', { newPoliceReport: false }).complete('ReferOnwardOrClose', { closure: 'closed' });
    expect(w.ended).toBe('completed');
    expect(w.incidents()).toEqual([]);
  });

  it('scenario 23: without consent MARAK is blocked and other support is offered', () => {
    const w = upToRisk(walk(), 16).complete('AskMarakConsent', { marakConsent: false });
    expect(w.openTasks().map((t) => t.elementId)).toEqual(['OfferOtherSupport']);
    w.complete('OfferOtherSupport', { supportOffered: 'victim-support' }).complete('ReferOnwardOrClose', { closure: 'referred-onward' });
    expect(w.path()).not.toContain('Marak');
    expect(w.ended).toBe('completed');
  });

  it('a case below the MARAK threshold is guided and closed without MARAK', () => {
    const w = upToRisk(walk(), 9);
    expect(w.openTasks().map((t) => t.elementId)).toEqual(['ReferOnwardOrClose']);
  });

  it('escalation path: the team review over Easter (Good Friday, Easter Monday) escalates on the right working days', () => {
    // Wednesday 1 April 2026, 09:00 in Helsinki (EEST, UTC+3).
    const w = walk('2026-04-01T06:00:00Z');
    expect(w.openTasks('TeamReview')[0]?.dueAt).toBe('2026-04-10T14:00:00.000Z');
    w.advanceTo('2026-04-20T00:00:00Z');
    expect(slaTrail(w, 'TeamReview')).toEqual([
      'reminder@2026-04-08T14:00',
      'breach@2026-04-10T14:00',
      'escalation:agency-spoc@2026-04-10T14:00',
      'escalation:pathway-coordinator@2026-04-13T14:00',
      'escalation:partnership-coordinator@2026-04-14T14:00',
      'escalation:steering-group@2026-04-17T14:00',
    ]);
  });
});
