/**
 * The MARAC referral criteria as one FEEL decision (a business rule task's
 * `referral:decision expression`). It reads process variables and `params` (the partnership's
 * thresholds, see marac-criteria.params.ts) and returns a context; the gateway after it
 * branches on `criteria.route`. `evaluateMaracCriteria` is the same rule in TypeScript, and a
 * property test holds the two together.
 */

/** The FEEL source, without the leading `=`. */
export const MARAC_CRITERIA_FEEL = `{
  score: if dashScore = null then 0 else dashScore,
  band: if score >= params.highFrom then "high" else if score >= params.mediumFrom then "medium" else "standard",
  visibleHighRisk: score >= params.dashThreshold,
  pjRaised: professionalJudgement = true,
  pjReasons: if professionalJudgementReasons = null then [] else professionalJudgementReasons,
  professionalJudgement: pjRaised and count(pjReasons) > 0,
  incidents: if policeIncidentDates = null then [] else policeIncidentDates,
  escalationFrom: date(referralDate) - duration("P" + string(params.escalationWindowMonths) + "M"),
  policeIncidentsInWindow: count(incidents[date(item) > escalationFrom and date(item) <= date(referralDate)]),
  potentialEscalation: policeIncidentsInWindow >= params.escalationIncidents,
  repeat: if lastMaracReferralDate = null then false else date(lastMaracReferralDate) > date(referralDate) - duration("P" + string(params.repeatWindowMonths) + "M") and date(lastMaracReferralDate) <= date(referralDate),
  selfHarm: params.selfHarmCriterion = true and victimSelfHarmRisk = true,
  meetsMarac: visibleHighRisk or professionalJudgement or potentialEscalation or repeat or selfHarm,
  route: if meetsMarac then "marac" else if score >= params.idvaWithConsentFrom then "idva-with-consent" else "signpost",
  errors: if pjRaised and count(pjReasons) = 0 then ["professional-judgement-needs-reasons"] else []
}`;

/** The expression as it goes into a BPMN attribute (leading `=`, one line). */
export function maracCriteriaExpressionAttribute(): string {
  return '=' + MARAC_CRITERIA_FEEL.replace(/\s*\n\s*/g, ' ');
}
