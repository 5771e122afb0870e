import { buildCalendars, jurisdictionCalendar } from '@app/calendar';
import { resolveTemplateParams } from '../parameters/template-parameters.util';
import { slaTrail } from './sla-trail.util';
import { readTemplate, templateRuleProblems } from './template-files.util';
import { TemplateWalk } from './template-walk.util';

const xml = readTemplate('marac-vienna-at');
const calendars = buildCalendars([jurisdictionCalendar('AT', { name: 'partnership' })], 2026, 2026);
const walk = (variant: 'police-led' | 'ngo-led' = 'police-led', startAt = '2026-03-02T08:00:00Z') =>
  new TemplateWalk(xml, { startAt, calendars, params: resolveTemplateParams('marac-vienna-at', variant) }).begin({ caseRef: 'SYN-VIE-1' });

describe('template marac-vienna-at', () => {
  it('compiles with no problems and follows the house rules', () => {
    expect(TemplateWalk.problems(xml)).toEqual([]);
    expect(templateRuleProblems('marac-vienna-at', xml)).toEqual([]);
  });

  it('main path: high GiP rating → lead agency recorded → conference → action plan → review', () => {
    const w = walk().complete('GiPRiskRating', { gipRisk: 'high' });
    expect(w.state.variables.leadAgency).toBe('police');
    expect(w.history.some((e) => e.elementId === 'ReferPerpetratorToNeustart' && e.transition === 'completed')).toBe(true);
    expect(w.openTasks('ConveneConference')[0]?.input?.ownerAgency).toBe('police');
    w.complete('ConveneConference', { conferenceDate: '2026-03-05', conferenceAgencies: ['interventionsstelle', 'child-welfare', 'probation'] });
    expect(w.openTasks('ShareDangerFactors').map((t) => t.input?.ownerAgency).sort()).toEqual(['child-welfare', 'interventionsstelle', 'probation']);
    for (let i = 0; i < 3; i++) w.complete('ShareDangerFactors', { recordsFound: true });
    w.complete('HoldCaseConference', { actions: [{ agency: 'interventionsstelle', dueDate: '2026-03-20' }], minutesKeptApartFromCriminalFile: true })
      .complete('CompleteConferenceAction', { actionOutcome: 'completed' })
      .advanceTo('2026-05-01T00:00:00Z')
      .complete('ReviewActionPlan', { closeCase: true });
    expect(w.ended).toBe('completed');
    expect(w.incidents()).toEqual([]);
  });

  it('the NGO-led variant gives the conference to the Interventionsstelle; low risk gets standard support', () => {
    const ngo = walk('ngo-led').complete('GiPRiskRating', { gipRisk: 'high' });
    expect(ngo.openTasks('ConveneConference')[0]?.input?.ownerAgency).toBe('interventionsstelle');
    const low = walk().complete('GiPRiskRating', { gipRisk: 'elevated' });
    expect(low.openTasks().map((t) => t.elementId)).toEqual(['StandardVictimSupport']);
  });

  it('escalation path: convening over Ascension and Whit Monday escalates on the right working days', () => {
    // Monday 11 May 2026, 10:00 in Vienna; 14 May (Ascension) and 25 May (Whit Monday) are holidays.
    const w = walk('police-led', '2026-05-11T08:00:00Z').complete('GiPRiskRating', { gipRisk: 'high' });
    expect(w.openTasks('ConveneConference')[0]?.dueAt).toBe('2026-05-19T15:00:00.000Z');
    w.advanceTo('2026-06-01T00:00:00Z');
    expect(slaTrail(w, 'ConveneConference')).toEqual([
      'reminder@2026-05-15T15:00',
      'breach@2026-05-19T15:00',
      'escalation:agency-spoc@2026-05-19T15:00',
      'escalation:pathway-coordinator@2026-05-20T15:00',
      'escalation:partnership-coordinator@2026-05-21T15:00',
      'escalation:steering-group@2026-05-27T15:00',
    ]);
  });
});
