import { buildCalendars, jurisdictionCalendar } from '@app/calendar';
import { maracCriteriaExpressionAttribute } from '../criteria/marac-criteria.feel';
import { resolveTemplateParams } from '../parameters/template-parameters.util';
import { readTemplate, templateRuleProblems } from './template-files.util';
import { TemplateWalk } from './template-walk.util';

const xml = readTemplate('marac-safelives');
const calendars = buildCalendars([jurisdictionCalendar('GB-ENG', { name: 'partnership' })], 2026, 2027);

const referral = (over: Record<string, unknown> = {}) => ({
  referringAgencyType: 'health',
  referralDate: '2026-03-02',
  dashScore: 15,
  professionalJudgement: false,
  childrenInHousehold: 2,
  imminentRisk: false,
  safeToCall: true,
  victimInformed: 'yes',
  ...over,
});

function walk(variant = 'england-wales', startAt = '2026-03-02T09:00:00Z') {
  return new TemplateWalk(xml, { startAt, calendars, params: resolveTemplateParams('marac-safelives', variant) }).begin({ caseRef: 'SYN-CASE-1' });
}

/** Runs the MARAC branch up to the meeting. */
function toMeeting(w: TemplateWalk, meeting = { meetingDate: '2026-03-17', circulationDate: '2026-03-10', emergencyMeeting: false }) {
  return w
    .complete('CompleteRiskChecklist', referral())
    .complete('SubmitMaracReferral', { managerSignOff: true, secureChannel: 'cjsm' })
    .complete('ImmediateSafeguarding', { childProtectionReferral: true, adultProtectionReferral: false })
    .complete('TriageReferral', { priority: 'A' })
    .complete('ContactVictim', { contactMade: true, channel: 'phone' })
    .complete('DedupeAndRepeatCheck', { isRepeat: false })
    .complete('ScheduleToNextMeeting', meeting);
}

describe('template marac-safelives', () => {
  it('compiles with no problems and follows the house rules', () => {
    expect(TemplateWalk.problems(xml)).toEqual([]);
    expect(templateRuleProblems('marac-safelives', xml)).toEqual([]);
  });

  it('carries the same referral criteria as libs/pathways', () => {
    const attr = /referral:decision expression="([^"]*)"/.exec(xml)?.[1] ?? '';
    const unescaped = attr
      .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
      .replace(/&quot;/g, '"')
      .replace(/&gt;/g, '>')
      .replace(/&lt;/g, '<')
      .replace(/&amp;/g, '&');
    expect(unescaped).toBe(maracCriteriaExpressionAttribute());
  });

  it('main path (scenario 1): DASH 15 → MARAC referral with manager sign-off, IDVA and safeguarding in parallel → meeting → actions → feedback → 12-month notice', () => {
    const w = walk().complete('CompleteRiskChecklist', referral());
    expect(w.state.variables.criteria).toMatchObject({ route: 'marac', visibleHighRisk: true });
    expect(w.openTasks().map((t) => t.elementId).sort()).toEqual(['ImmediateSafeguarding', 'SubmitMaracReferral', 'TriageReferral']);
    w.complete('SubmitMaracReferral', { managerSignOff: true, secureChannel: 'cjsm' })
      .complete('ImmediateSafeguarding', { childProtectionReferral: true, adultProtectionReferral: false })
      .complete('TriageReferral', { priority: 'A' })
      .complete('ContactVictim', { contactMade: true, channel: 'phone' })
      .complete('DedupeAndRepeatCheck', { isRepeat: false })
      .complete('ScheduleToNextMeeting', { meetingDate: '2026-03-17', circulationDate: '2026-03-10', emergencyMeeting: false });
    expect(w.openTasks('CirculateList')).toHaveLength(0); // waits for the circulation date
    w.advanceTo('2026-03-10T00:00:00Z').complete('CirculateList', { researchAgencies: ['police', 'health', 'housing'] });
    const research = w.openTasks('ResearchAgencyRecords');
    expect(research.map((t) => t.input?.ownerAgency).sort()).toEqual(['health', 'housing', 'police']);
    for (let i = 0; i < 3; i++) w.complete('ResearchAgencyRecords', { recordsFound: true, riskRelevantInformation: i === 0 });
    expect(w.openTasks('HoldMeeting')).toHaveLength(0); // waits for the meeting day
    w.advanceTo('2026-03-17T00:00:00Z').complete('HoldMeeting', {
      riskAnalysisRecorded: true,
      actions: [{ agency: 'housing', dueDate: '2026-03-27' }, { agency: 'police', dueDate: '2026-03-24' }],
      nextMeetingDate: '2026-03-31',
      minutesRecorded: true,
    });
    expect(w.openTasks('CompleteAction').map((t) => t.input?.ownerAgency).sort()).toEqual(['housing', 'police']);
    w.complete('FeedbackToVictim', { feedbackGiven: true })
      .complete('CompleteAction', { actionOutcome: 'completed' })
      .complete('CompleteAction', { actionOutcome: 'not-possible-change-in-circumstance' });
    expect(w.openTasks()).toEqual([]);
    w.advanceTo('2027-03-03T00:00:00Z').complete('TwelveMonthNotice', { noticeListed: true });
    expect(w.ended).toBe('completed');
    expect(w.path()).toContain('CaseArchived');
    expect(w.incidents()).toEqual([]);
  });

  it('escalation path (scenario 8): IDVA contact not made within 2 working days over Easter escalates on the right working day', () => {
    // Referral on Thursday 2 April 2026 (BST); Good Friday and Easter Monday are bank holidays in England.
    const w = walk('england-wales', '2026-04-02T08:00:00Z')
      .complete('CompleteRiskChecklist', referral({ referralDate: '2026-04-02' }))
      .complete('TriageReferral', { priority: 'A' });
    const contact = w.openTasks('ContactVictim')[0];
    // 2 working days: Tuesday 7 and Wednesday 8 April, due at 17:00 London (16:00 UTC).
    expect(contact?.dueAt).toBe('2026-04-08T16:00:00.000Z');
    w.advanceTo('2026-04-16T00:00:00Z');
    const contactSla = w.sla.filter((s) => s.elementId === 'ContactVictim');
    expect(contactSla.map((s) => `${s.kind}${s.to ? ':' + s.to : ''}@${s.at}`)).toEqual([
      'reminder@2026-04-07T16:00:00.000Z',
      'breach@2026-04-08T16:00:00.000Z',
      'escalation:agency-spoc@2026-04-08T16:00:00.000Z',
      'escalation:pathway-coordinator@2026-04-09T16:00:00.000Z',
      'escalation:partnership-coordinator@2026-04-10T16:00:00.000Z',
      'escalation:steering-group@2026-04-15T16:00:00.000Z',
    ]);
  });

  it('scenario 2: professional judgement without reasons asks for the reasons, then proceeds', () => {
    const w = walk().complete('CompleteRiskChecklist', referral({ dashScore: 13, professionalJudgement: true, professionalJudgementReasons: [] }));
    expect(w.openTasks().map((t) => t.elementId)).toEqual(['StateProfessionalJudgementReasons']);
    w.complete('StateProfessionalJudgementReasons', { professionalJudgement: true, professionalJudgementReasons: ['non-fatal-strangulation'] });
    expect(w.state.variables.criteria).toMatchObject({ route: 'marac', professionalJudgement: true });
    expect(w.openTasks('SubmitMaracReferral')).toHaveLength(1);
  });

  it('scenario 3: Cambridgeshire sends DASH 16 to the IDVA with consent, DASH 17 to MARAC', () => {
    const w16 = walk('cambridgeshire').complete('CompleteRiskChecklist', referral({ dashScore: 16 }));
    expect(w16.openTasks().map((t) => t.elementId)).toEqual(['OfferIdvaWithConsent']);
    w16.complete('OfferIdvaWithConsent', { consentGiven: true });
    expect(w16.ended).toBe('completed');
    const w17 = walk('cambridgeshire').complete('CompleteRiskChecklist', referral({ dashScore: 17 }));
    expect(w17.openTasks('SubmitMaracReferral')).toHaveLength(1);
  });

  it('scenario 4: three police incidents in 12 months with DASH 6 meet the criteria; Kent counts 6 months', () => {
    const incidents = { dashScore: 6, policeIncidentDates: ['2025-05-01', '2025-11-20', '2026-02-01'] };
    expect(walk().complete('CompleteRiskChecklist', referral(incidents)).state.variables.criteria).toMatchObject({ route: 'marac', potentialEscalation: true });
    expect(walk('kent').complete('CompleteRiskChecklist', referral(incidents)).openTasks().map((t) => t.elementId)).toEqual(['Signpost']);
  });

  it('scenario 9: three failed contact attempts go to the IDVA manager, with the attempts recorded', () => {
    const w = walk().complete('CompleteRiskChecklist', referral()).complete('TriageReferral', { priority: 'A' });
    for (let i = 0; i < 3; i++) w.complete('ContactVictim', { contactMade: false });
    expect(w.state.variables.contactAttempts).toBe(3);
    expect(w.openTasks('ReviewUnreachedVictim')).toHaveLength(1);
    expect(w.openTasks('ContactVictim')).toHaveLength(0);
  });

  it('scenario 10: an emergency MARAC is convened when the coordinator flags imminent risk', () => {
    const w = toMeeting(walk(), { meetingDate: '2026-03-04', circulationDate: '2026-03-03', emergencyMeeting: true });
    expect(w.openTasks('ConveneEmergencyMarac')).toHaveLength(1);
    w.complete('ConveneEmergencyMarac', { emergencyConvened: true });
    expect(w.openTasks('CirculateList')).toHaveLength(1);
  });

  it('scenario 11: research not returned by the meeting start is recorded as a gap and the meeting goes ahead', () => {
    const w = toMeeting(walk()).advanceTo('2026-03-10T00:00:00Z').complete('CirculateList', { researchAgencies: ['police', 'housing'] });
    w.complete('ResearchAgencyRecords', { recordsFound: true, riskRelevantInformation: false });
    w.advanceTo('2026-03-17T00:00:00Z');
    expect(w.state.variables.researchGaps).toBe(true);
    expect(w.openTasks('ResearchAgencyRecords')).toHaveLength(0);
    expect(w.openTasks('HoldMeeting')).toHaveLength(1);
  });

  it('scenarios 5 and 16: a new incident in the watch asks for a repeat referral; a move transfers the case out', () => {
    const w = toMeeting(walk()).advanceTo('2026-03-10T00:00:00Z').complete('CirculateList', { researchAgencies: [] });
    w.advanceTo('2026-03-17T00:00:00Z').complete('HoldMeeting', { riskAnalysisRecorded: true, actions: [], nextMeetingDate: '2026-03-31', minutesRecorded: true });
    w.complete('FeedbackToVictim', { feedbackGiven: true }).advanceTo('2026-09-18T00:00:00Z');
    w.message('NewIncident', 'SYN-CASE-1');
    expect(w.state.variables.repeatIncidents).toBe(1);
    w.complete('RepeatReferral', { repeatConfirmed: true });
    expect(w.history.some((e) => e.elementId === 'RelistRepeat' && e.transition === 'completed')).toBe(true);
    expect(w.ended).toBeUndefined(); // the 12-month watch goes on
    w.message('VictimMoved', 'SYN-CASE-1').complete('MaracToMaracTransfer', { receivingMarac: 'SYN-OTHER', bundleSent: true }).complete('IdvaHandover', { handoverDone: true });
    expect(w.ended).toBe('completed');
    expect(w.path()).toContain('Transferred');
  });

  it('scenario 5: a confirmed repeat restarts the 12-month watch; an incident more than 12 months after the last referral is not a repeat; an unconfirmed one is not re-listed', () => {
    const w = toMeeting(walk()).advanceTo('2026-03-10T00:00:00Z').complete('CirculateList', { researchAgencies: [] });
    w.advanceTo('2026-03-17T00:00:00Z').complete('HoldMeeting', { riskAnalysisRecorded: true, actions: [], nextMeetingDate: '2026-03-31', minutesRecorded: true });
    w.complete('FeedbackToVictim', { feedbackGiven: true });
    // Day 200: a bail breach (not a crime) is a repeat whatever its risk.
    w.advanceTo('2026-09-18T09:00:00Z').message('NewIncident', 'SYN-CASE-1', { incidentType: 'bail-breach', criminal: false, incidentDate: '2026-09-18' });
    w.complete('RepeatReferral', { repeatConfirmed: true });
    expect(w.state.variables.lastReferralDate).toBe('2026-09-18');
    expect(w.history.some((e) => e.elementId === 'RelistRepeat' && e.transition === 'completed')).toBe(true);
    // 12 months after the first referral the watch goes on: 12 months from the repeat.
    w.advanceTo('2027-03-03T00:00:00Z');
    expect(w.openTasks('TwelveMonthNotice')).toHaveLength(0);
    expect([...w.timers.values()].filter((t) => t.elementId === 'RepeatWatch').map((t) => t.dueAt.slice(0, 10))).toEqual(['2027-09-18']);
    // A coordinator who does not confirm a repeat: nothing is re-listed, the watch is unchanged.
    w.advanceTo('2027-03-10T09:00:00Z').message('NewIncident', 'SYN-CASE-1', { incidentType: 'unwanted-contact', criminal: false });
    w.complete('RepeatReferral', { repeatConfirmed: false });
    expect(w.history.filter((e) => e.elementId === 'RelistRepeat' && e.transition === 'completed')).toHaveLength(1);
    expect(w.state.variables.lastReferralDate).toBe('2026-09-18');
    // The watch ends 12 months after the repeat: the notice, then the case is archived.
    w.advanceTo('2027-09-19T00:00:00Z');
    expect(w.openTasks('TwelveMonthNotice')).toHaveLength(1);
    // While the notice waits for the agenda, an incident 400 days after the last referral is a new referral, not a repeat.
    w.advanceTo('2027-10-23T09:00:00Z').message('NewIncident', 'SYN-CASE-1', { incidentType: 'bail-breach', criminal: false, incidentDate: '2027-10-23' });
    expect(w.openTasks('RepeatReferral')).toHaveLength(0);
    expect(w.history.some((e) => e.elementId === 'NotARepeat')).toBe(true);
    w.complete('TwelveMonthNotice', { noticeListed: true });
    expect(w.history.some((e) => e.elementId === 'ArchiveCase' && e.transition === 'completed')).toBe(true);
    expect(w.ended).toBe('completed');
    expect(w.path()).toContain('CaseArchived');
  });

  it('scenario 15: IDVA feedback not given within 2 working days of the meeting escalates', () => {
    const w = toMeeting(walk()).advanceTo('2026-03-10T00:00:00Z').complete('CirculateList', { researchAgencies: [] });
    w.advanceTo('2026-03-17T00:00:00Z').complete('HoldMeeting', { riskAnalysisRecorded: true, actions: [], nextMeetingDate: '2026-03-31', minutesRecorded: true });
    expect(w.openTasks('FeedbackToVictim')[0]?.dueAt).toBe('2026-03-19T17:00:00.000Z'); // Thursday, GMT
    w.advanceTo('2026-03-20T00:00:00Z');
    expect(w.sla.filter((s) => s.elementId === 'FeedbackToVictim').map((s) => s.kind)).toEqual(['reminder', 'breach', 'escalation']);
  });

  it('Scotland and England differ: IDVA contact from 30 December 2026 is due on 5 January in Scotland (2 January substitute), 4 January in England', () => {
    const due = (code: 'GB-SCT' | 'GB-ENG', variant: string) => {
      const cals = buildCalendars([jurisdictionCalendar(code, { name: 'partnership' })], 2026, 2027);
      const w = new TemplateWalk(xml, { startAt: '2026-12-30T10:00:00Z', calendars: cals, params: resolveTemplateParams('marac-safelives', variant) })
        .begin({ caseRef: 'SYN-CASE-2' })
        .complete('CompleteRiskChecklist', referral({ referralDate: '2026-12-30' }))
        .complete('TriageReferral', { priority: 'A' });
      return w.openTasks('ContactVictim')[0]?.dueAt;
    };
    expect(due('GB-SCT', 'scotland')).toBe('2027-01-05T17:00:00.000Z');
    expect(due('GB-ENG', 'england-wales')).toBe('2027-01-04T17:00:00.000Z');
  });
});

