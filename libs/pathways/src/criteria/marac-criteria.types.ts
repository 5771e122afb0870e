/** Types of the MARAC referral criteria decision (domain §2.3, §7 T1 step 3). */

/** Coded reasons for professional judgement; free text stays in case data, never in variables. */
export type ProfessionalJudgementReason =
  | 'non-fatal-strangulation'
  | 'stalking'
  | 'threats-to-kill'
  | 'victim-perception-of-risk'
  | 'cluster-of-three'
  | 'honour-based-abuse'
  | 'forced-marriage'
  | 'other-stated-on-form';

export const PROFESSIONAL_JUDGEMENT_REASONS: readonly ProfessionalJudgementReason[] = [
  'non-fatal-strangulation',
  'stalking',
  'threats-to-kill',
  'victim-perception-of-risk',
  'cluster-of-three',
  'honour-based-abuse',
  'forced-marriage',
  'other-stated-on-form',
];

/** Thresholds of the decision; passed to the engine as `params`. */
export interface MaracCriteriaParams {
  /** Visible high risk: DASH score at or above this goes to MARAC (SafeLives 14; Cambridgeshire 17). */
  dashThreshold: number;
  /** Below the MARAC criteria, a score at or above this is offered an IDVA with consent. */
  idvaWithConsentFrom: number;
  /** Potential escalation: this many police-reported incidents … */
  escalationIncidents: number;
  /** … within this many months before the referral (SafeLives 12; Kent 6). */
  escalationWindowMonths: number;
  /** Repeat: a referral within this many months of the last MARAC referral (12). */
  repeatWindowMonths: number;
  /** Kent: a suicide/self-harm risk of the victim is a criterion of its own. */
  selfHarmCriterion: boolean;
  /** DASH bands for display (medium from, high from). */
  mediumFrom: number;
  highFrom: number;
  /** MARAC needs the victim's consent (Finland's MARAK: yes; UK: no). */
  maracConsentRequired: boolean;
}

/** The decision's input: process variables (non-personal decision data only). */
export interface MaracCriteriaInput {
  /** DASH score (number of yes answers). */
  dashScore: number;
  professionalJudgement: boolean;
  professionalJudgementReasons: ProfessionalJudgementReason[];
  /** Dates (`YYYY-MM-DD`) of incidents reported to the police. */
  policeIncidentDates: string[];
  /** Date of this referral (`YYYY-MM-DD`). */
  referralDate: string;
  /** Date of the last MARAC referral for the same victim and perpetrator, if any. */
  lastMaracReferralDate: string | null;
  victimSelfHarmRisk: boolean;
}

export type MaracRoute = 'marac' | 'idva-with-consent' | 'signpost';

export interface MaracCriteriaResult {
  band: 'standard' | 'medium' | 'high';
  visibleHighRisk: boolean;
  professionalJudgement: boolean;
  potentialEscalation: boolean;
  policeIncidentsInWindow: number;
  repeat: boolean;
  selfHarm: boolean;
  meetsMarac: boolean;
  route: MaracRoute;
  /** Validation errors (e.g. professional judgement without reasons): the referral cannot proceed. */
  errors: string[];
}
