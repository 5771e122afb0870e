/**
 * libs/pathways: the domain content of the partnership pathways, pure (no I/O): the DASH
 * checklist, the MARAC referral criteria (FEEL decision + parameter sets), the templates'
 * parameters, MARAC meeting planning, repeat matching and the partnership KPIs.
 */
export * from './dash/dash.types';
export { DASH_QUESTIONS, DASH_QUESTION_COUNT } from './dash/dash-questions.data';
export { scoreDash, dashBand, DEFAULT_DASH_BANDS, DashAnswerError } from './dash/dash-scoring.util';
export * from './criteria/marac-criteria.types';
export * from './criteria/marac-criteria.params';
export { MARAC_CRITERIA_FEEL, maracCriteriaExpressionAttribute } from './criteria/marac-criteria.feel';
export { evaluateMaracCriteria, minusMonths } from './criteria/marac-criteria.util';
export * from './parameters/template-parameters.types';
export * from './parameters/template-parameters.data';
export * from './parameters/template-parameters.util';
export * from './meetings/meeting.types';
export * from './meetings/working-days.util';
export * from './meetings/meeting-calendar.util';
export * from './meetings/agenda.util';
export * from './meetings/action-status.util';
export * from './matching/matching.types';
export { matchPerson, proposeRepeatMatches } from './matching/repeat-matching.util';
export { matacCandidates, type MatacCandidate } from './matching/matac-candidates.util';
export { generateMatchingSet, type LabelledQuery, type SyntheticMatchingSet, type VariantKind, type NegativeKind } from './matching/synthetic-matching-set.util';
export { evaluateMatching, type MatchingEvaluation } from './matching/matching-evaluation.util';
export * from './kpi/kpi.types';
export * from './kpi/marac-kpi.util';
export * from './kpi/quarterly-return.util';
