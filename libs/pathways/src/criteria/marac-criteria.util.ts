/**
 * The MARAC referral criteria in TypeScript: the reference for the FEEL decision (a property
 * test checks both agree) and the rule the access layer uses to validate a referral form.
 * Professional judgement may be the only ground but needs reasons, and never downgrades a
 * visible high risk (domain §2.3).
 */
import type { MaracCriteriaInput, MaracCriteriaParams, MaracCriteriaResult } from './marac-criteria.types';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(s: string): { y: number; m: number; d: number } {
  if (!ISO_DATE.test(s)) throw new RangeError(`not a YYYY-MM-DD date: ${s}`);
  return { y: Number(s.slice(0, 4)), m: Number(s.slice(5, 7)), d: Number(s.slice(8, 10)) };
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** `date - PnM` as FEEL does it: same day of month, clamped to the month's last day. */
export function minusMonths(date: string, months: number): string {
  const { y, m, d } = parseDate(date);
  const total = y * 12 + (m - 1) - months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const nd = Math.min(d, daysInMonth(ny, nm));
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(nd).padStart(2, '0')}`;
}

export function evaluateMaracCriteria(input: MaracCriteriaInput, params: MaracCriteriaParams): MaracCriteriaResult {
  parseDate(input.referralDate);
  const score = input.dashScore;
  const band = score >= params.highFrom ? 'high' : score >= params.mediumFrom ? 'medium' : 'standard';
  const visibleHighRisk = score >= params.dashThreshold;
  const pjRaised = input.professionalJudgement;
  const professionalJudgement = pjRaised && input.professionalJudgementReasons.length > 0;
  const escalationFrom = minusMonths(input.referralDate, params.escalationWindowMonths);
  // ISO dates compare correctly as strings.
  const policeIncidentsInWindow = input.policeIncidentDates.filter((d) => {
    parseDate(d);
    return d > escalationFrom && d <= input.referralDate;
  }).length;
  const potentialEscalation = policeIncidentsInWindow >= params.escalationIncidents;
  const last = input.lastMaracReferralDate;
  const repeat = last !== null && last > minusMonths(input.referralDate, params.repeatWindowMonths) && last <= input.referralDate;
  const selfHarm = params.selfHarmCriterion && input.victimSelfHarmRisk;
  const meetsMarac = visibleHighRisk || professionalJudgement || potentialEscalation || repeat || selfHarm;
  const route = meetsMarac ? 'marac' : score >= params.idvaWithConsentFrom ? 'idva-with-consent' : 'signpost';
  const errors = pjRaised && input.professionalJudgementReasons.length === 0 ? ['professional-judgement-needs-reasons'] : [];
  return { band, visibleHighRisk, professionalJudgement, potentialEscalation, policeIncidentsInWindow, repeat, selfHarm, meetsMarac, route, errors };
}
