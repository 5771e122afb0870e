import { buildCalendars, jurisdictionCalendar } from '@app/calendar';
import type { TemplateJurisdictionCode } from '@app/calendar';
import { resolveTemplateParams } from '../parameters/template-parameters.util';
import { readTemplate, templateRuleProblems } from './template-files.util';
import { TemplateWalk } from './template-walk.util';

const xml = readTemplate('protective-order-proactive');

function walk(country: 'AT' | 'DE' | 'SI' | 'HU', startAt: string) {
  const cal = jurisdictionCalendar(country as TemplateJurisdictionCode, { name: 'partnership', ...(country === 'DE' ? { germanState: 'NI' } : {}) });
  return new TemplateWalk(xml, { startAt, calendars: buildCalendars([cal], 2026, 2026), params: resolveTemplateParams('protective-order-proactive', country) }).begin({ caseRef: 'SYN-ORDER-1' });
}

const timersOf = (w: TemplateWalk, elementId: string) => [...w.timers.values()].filter((t) => t.elementId === elementId).map((t) => t.dueAt);

describe('template protective-order-proactive', () => {
  it('compiles with no problems and follows the house rules', () => {
    expect(TemplateWalk.problems(xml)).toEqual([]);
    expect(templateRuleProblems('protective-order-proactive', xml)).toEqual([]);
  });

  it('main path (AT, scenario 19): order on a Friday → review deadline in 3 days, proactive contact, missed 5-day counselling contact → police summons', () => {
    // Friday 6 March 2026, 10:00 in Vienna.
    const w = walk('AT', '2026-03-06T09:00:00Z').complete('RegisterOrder', { childrenInHousehold: 1, victimConsentToReferral: false, riskLevel: 'high' });
    expect(w.openTasks().map((t) => t.elementId).sort()).toEqual(['AuthorityReview', 'CaseConference', 'ChildWelfareContact', 'ProactiveContact']);
    expect(w.openTasks('ProactiveContact')[0]?.input?.ownerAgency).toBe('gewaltschutzzentrum');
    expect(timersOf(w, 'ReviewDeadline')).toEqual(['2026-03-09T09:00:00.000Z']);
    expect(timersOf(w, 'OrderExpires')).toEqual(['2026-03-20T09:00:00.000Z']);
    expect(timersOf(w, 'CivilOrderReminder')).toEqual(['2026-03-18T09:00:00.000Z']);
    expect(timersOf(w, 'ContactDeadline')).toEqual(['2026-03-11T09:00:00.000Z']);
    // The authority's handling time ends before the legal deadline (Saturday, not Monday 17:00).
    expect(w.openTasks('AuthorityReview')[0]?.dueAt).toBe('2026-03-07T09:00:00.000Z');
    w.complete('ProactiveContact', { contactOutcome: 'reached' })
      .complete('ShortTermCounselling', { safetyPlanAgreed: true, civilOrderDiscussed: true })
      .complete('ChildWelfareContact', { childrenSeen: true, furtherAssessment: false })
      .complete('AuthorityReview', { orderUpheld: true })
      .complete('CaseConference', { conferenceHeld: true, actionsAgreed: 4 });
    w.advanceTo('2026-03-11T10:00:00Z');
    expect(w.openTasks('PoliceSummons')).toHaveLength(1);
    w.complete('PoliceSummons', { summonsServed: true, fineIssued: false }).advanceTo('2026-03-18T10:00:00Z');
    w.complete('DiscussCivilOrder', { civilOrderDiscussed: true }).advanceTo('2026-03-21T00:00:00Z');
    w.complete('CloseCase', { outcome: 'supported' });
    expect(w.ended).toBe('completed');
    expect(w.incidents()).toEqual([]);
  });

  it('scenario 20 (AT): a civil injunction filed on day 10 moves the order end from day 14 to day 28', () => {
    const w = walk('AT', '2026-03-06T09:00:00Z').complete('RegisterOrder', { childrenInHousehold: 0, victimConsentToReferral: true, riskLevel: 'standard' });
    w.advanceTo('2026-03-16T09:00:00Z').message('OrderExtended', 'SYN-ORDER-1', { extensionKind: 'civil-injunction' });
    expect(timersOf(w, 'OrderExpires')).toEqual([]);
    expect(timersOf(w, 'ExtendedOrderExpires')).toEqual(['2026-04-03T09:00:00.000Z']);
    expect(w.state.variables.orderEndsAt).toBe('2026-04-03T09:00:00Z');
  });

  it('the perpetrator track runs when he contacts counselling in time, and only in Austria', () => {
    const w = walk('AT', '2026-03-06T09:00:00Z').complete('RegisterOrder', { childrenInHousehold: 0, victimConsentToReferral: true, riskLevel: 'standard' });
    w.advanceTo('2026-03-09T09:00:00Z').message('PerpetratorContactedCounselling', 'SYN-ORDER-1').advanceTo('2026-03-16T09:00:00Z').message('FirstCounsellingSessionHeld', 'SYN-ORDER-1');
    expect(w.openTasks('ConfirmCounsellingCompleted')).toHaveLength(1);
    expect(w.openTasks('PoliceSummons')).toHaveLength(0);
    const si = walk('SI', '2026-03-06T09:00:00Z').complete('RegisterOrder', { childrenInHousehold: 0, victimConsentToReferral: true, riskLevel: 'standard' });
    expect(timersOf(si, 'ContactDeadline')).toEqual([]);
  });

  it('scenario 21 (SI): the social work centre is notified at once; the judge extends to 15 days, the victim’s request to 60', () => {
    const w = walk('SI', '2026-03-06T09:00:00Z').complete('RegisterOrder', { childrenInHousehold: 0, victimConsentToReferral: false, riskLevel: 'elevated' });
    expect(w.history.some((e) => e.elementId === 'NotifyVictimService' && e.transition === 'completed' && e.at === '2026-03-06T09:00:00.000Z')).toBe(true);
    expect(w.openTasks('ProactiveContact')[0]?.input?.ownerAgency).toBe('social-work-centre');
    expect(timersOf(w, 'OrderExpires')).toEqual(['2026-03-08T09:00:00.000Z']);
    expect(timersOf(w, 'ReviewDeadline')).toEqual(['2026-03-08T09:00:00.000Z']);
    w.message('OrderExtended', 'SYN-ORDER-1', { extensionKind: 'judge' });
    expect(timersOf(w, 'ExtendedOrderExpires')).toEqual(['2026-03-21T09:00:00.000Z']);
    const v = walk('SI', '2026-03-06T09:00:00Z').complete('RegisterOrder', { childrenInHousehold: 0, victimConsentToReferral: false, riskLevel: 'elevated' });
    v.message('OrderExtended', 'SYN-ORDER-1', { extensionKind: 'victim-request' });
    expect(timersOf(v, 'ExtendedOrderExpires')).toEqual(['2026-05-05T09:00:00.000Z']);
    // In turn on one order: the judge's 15 days, then the victim's request within them: 60 days from the issue.
    w.advanceTo('2026-03-16T09:00:00Z').message('OrderExtended', 'SYN-ORDER-1', { extensionKind: 'victim-request' });
    expect(timersOf(w, 'ExtendedOrderExpires')).toEqual(['2026-05-05T09:00:00.000Z']);
    expect(w.state.variables.orderEndsAt).toBe('2026-05-05T09:00:00Z');
    // A later, shorter extension never brings the end forward.
    w.message('OrderExtended', 'SYN-ORDER-1', { extensionKind: 'judge' });
    expect(timersOf(w, 'ExtendedOrderExpires')).toEqual(['2026-05-05T09:00:00.000Z']);
  });

  it('HU: a 72-hour order that the court can extend to 60 days', () => {
    const w = walk('HU', '2026-03-06T09:00:00Z').complete('RegisterOrder', { childrenInHousehold: 0, victimConsentToReferral: false, riskLevel: 'standard' });
    expect(timersOf(w, 'OrderExpires')).toEqual(['2026-03-09T09:00:00.000Z']);
    w.message('OrderExtended', 'SYN-ORDER-1', { extensionKind: 'court' });
    expect(timersOf(w, 'ExtendedOrderExpires')).toEqual(['2026-05-05T09:00:00.000Z']);
  });

  it('scenario 22 (DE): no consent → information only, no transfer to the Interventionsstelle; consent → proactive contact', () => {
    const no = walk('DE', '2026-03-06T09:00:00Z').complete('RegisterOrder', { childrenInHousehold: 0, victimConsentToReferral: false, riskLevel: 'standard' });
    expect(no.openTasks('GiveInformationLeaflet')).toHaveLength(1);
    expect(no.openTasks('ProactiveContact')).toHaveLength(0);
    expect(no.history.some((e) => e.elementId === 'NotifyVictimService')).toBe(false);
    const yes = walk('DE', '2026-03-06T09:00:00Z').complete('RegisterOrder', { childrenInHousehold: 0, victimConsentToReferral: true, riskLevel: 'standard' });
    expect(yes.openTasks('ProactiveContact')[0]?.input?.ownerAgency).toBe('interventionsstelle');
    // A civil filing does not extend a German police order: it still ends after 14 days.
    yes.message('OrderExtended', 'SYN-ORDER-1', { extensionKind: 'civil-injunction' });
    expect(timersOf(yes, 'OrderExpiresUnextended')).toEqual(['2026-03-20T09:00:00.000Z']);
  });

  it('escalation path (AT): proactive contact not made within 1 working day escalates along the chain, skipping the weekend', () => {
    const w = walk('AT', '2026-03-06T09:00:00Z').complete('RegisterOrder', { childrenInHousehold: 0, victimConsentToReferral: true, riskLevel: 'standard' });
    // Friday → due Monday 9 March, 17:00 in Vienna (16:00 UTC).
    expect(w.openTasks('ProactiveContact')[0]?.dueAt).toBe('2026-03-09T16:00:00.000Z');
    w.advanceTo('2026-03-17T00:00:00Z');
    expect(w.sla.filter((s) => s.elementId === 'ProactiveContact').map((s) => `${s.kind}${s.to ? ':' + s.to : ''}@${s.at.slice(0, 16)}`)).toEqual([
      'reminder@2026-03-09T12:00',
      'breach@2026-03-09T16:00',
      'escalation:agency-spoc@2026-03-09T16:00',
      'escalation:pathway-coordinator@2026-03-10T16:00',
      'escalation:partnership-coordinator@2026-03-11T16:00',
      'escalation:steering-group@2026-03-16T16:00',
    ]);
  });

  describe('proactive contact due on the right working day and hour in each country', () => {
    const dueOf = (country: 'AT' | 'DE' | 'SI' | 'HU', startAt: string) =>
      walk(country, startAt).complete('RegisterOrder', { childrenInHousehold: 0, victimConsentToReferral: true, riskLevel: 'standard' }).openTasks('ProactiveContact')[0]?.dueAt;

    it('AT: an order on the Friday before the clock change is due Monday 17:00 summer time', () => {
      expect(dueOf('AT', '2026-03-27T09:00:00Z')).toBe('2026-03-30T15:00:00.000Z');
    });
    it('DE (Lower Saxony): over Ascension Day', () => {
      expect(dueOf('DE', '2026-05-13T08:00:00Z')).toBe('2026-05-15T15:00:00.000Z');
    });
    it('SI: over Statehood Day (25 June)', () => {
      expect(dueOf('SI', '2026-06-24T08:00:00Z')).toBe('2026-06-26T15:00:00.000Z');
    });
    it('HU: over St Stephen’s Day (20 August)', () => {
      expect(dueOf('HU', '2026-08-19T08:00:00Z')).toBe('2026-08-21T15:00:00.000Z');
    });
  });
});
