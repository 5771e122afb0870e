/**
 * Named parameter sets of the MARAC referral criteria. Variants run by changing parameters,
 * not the model (issue 5 §2). Sources in workflows/README.md, domain §2.3.
 */
import type { MaracCriteriaParams } from './marac-criteria.types';

/** SafeLives national criteria [F: docsbay marac-referral-criteria-definitions; Plymouth bands]. */
export const DEFAULT_MARAC_CRITERIA: Readonly<MaracCriteriaParams> = Object.freeze({
  dashThreshold: 14,
  idvaWithConsentFrom: 10, // [I] medium band offered an IDVA with consent
  escalationIncidents: 3,
  escalationWindowMonths: 12,
  repeatWindowMonths: 12,
  selfHarmCriterion: false,
  mediumFrom: 10,
  highFrom: 14,
  maracConsentRequired: false,
});

/** Cambridgeshire: 14–16 to the IDVA service with consent; 17+ to MARAC [F: cambsdasv make_a_referral]. */
export const CAMBRIDGESHIRE_MARAC_CRITERIA: Readonly<MaracCriteriaParams> = Object.freeze({
  ...DEFAULT_MARAC_CRITERIA,
  dashThreshold: 17,
  idvaWithConsentFrom: 14,
});

/** Kent: 3 police-reported events in 6 months, plus a suicide/self-harm criterion [F: domesticabuseservices.org.uk]. */
export const KENT_MARAC_CRITERIA: Readonly<MaracCriteriaParams> = Object.freeze({
  ...DEFAULT_MARAC_CRITERIA,
  escalationWindowMonths: 6,
  selfHarmCriterion: true,
});

/** Finland's MARAK: same risk form threshold [?], but the victim's consent is required [F: haaste 3/2015]. */
export const FINLAND_MARAK_CRITERIA: Readonly<MaracCriteriaParams> = Object.freeze({
  ...DEFAULT_MARAC_CRITERIA,
  maracConsentRequired: true,
});

export const MARAC_CRITERIA_SETS = {
  default: DEFAULT_MARAC_CRITERIA,
  cambridgeshire: CAMBRIDGESHIRE_MARAC_CRITERIA,
  kent: KENT_MARAC_CRITERIA,
  'finland-marak': FINLAND_MARAK_CRITERIA,
} as const;

export type MaracCriteriaSetName = keyof typeof MARAC_CRITERIA_SETS;
