/**
 * Partnership parameters of every pathway template, with their source status (domain.md tags)
 * and country or local variants. workflows/README.md lists the same table for coordinators; a
 * spec checks that the two agree and that every `params.x` in a template is defined here.
 */
import { CAMBRIDGESHIRE_MARAC_CRITERIA, DEFAULT_MARAC_CRITERIA, KENT_MARAC_CRITERIA } from '../criteria/marac-criteria.params';
import type { ParameterDefinition, TemplateDefinition } from './template-parameters.types';

const SAFELIVES_CRITERIA = 'https://docsbay.net/marac-referral-criteria-definitions';

const maracCriteriaParameters: ParameterDefinition[] = [
  { name: 'dashThreshold', type: 'integer', default: DEFAULT_MARAC_CRITERIA.dashThreshold, status: 'F', source: SAFELIVES_CRITERIA, description: 'Visible high risk: DASH score (yes answers of 24) at or above which a case goes to MARAC' },
  { name: 'idvaWithConsentFrom', type: 'integer', default: DEFAULT_MARAC_CRITERIA.idvaWithConsentFrom, status: 'I', description: 'Below the MARAC criteria, the DASH score from which an IDVA is offered with consent' },
  { name: 'escalationIncidents', type: 'integer', default: DEFAULT_MARAC_CRITERIA.escalationIncidents, status: 'F', source: 'https://docslib.org/doc/13712024/reason-for-referral-additional-information', description: 'Potential escalation: number of police-reported incidents …' },
  { name: 'escalationWindowMonths', type: 'integer', default: DEFAULT_MARAC_CRITERIA.escalationWindowMonths, unit: 'months', status: 'F', source: 'https://docslib.org/doc/13712024/reason-for-referral-additional-information', description: '… within this many months before the referral' },
  { name: 'repeatWindowMonths', type: 'integer', default: DEFAULT_MARAC_CRITERIA.repeatWindowMonths, unit: 'months', status: 'F', source: 'https://safelives.org.uk/definition-repeat-marac', description: 'Repeat: any incident within this many months of the last MARAC referral' },
  { name: 'selfHarmCriterion', type: 'boolean', default: DEFAULT_MARAC_CRITERIA.selfHarmCriterion, status: 'F', source: 'https://www.domesticabuseservices.org.uk/practitioners/make-a-referral', description: "The victim's suicide/self-harm risk is a criterion of its own (Kent)" },
  { name: 'mediumFrom', type: 'integer', default: DEFAULT_MARAC_CRITERIA.mediumFrom, status: 'F', source: 'https://plymouthscb.co.uk/safe-lives-dash-ric-checklist', description: 'DASH medium band from' },
  { name: 'highFrom', type: 'integer', default: DEFAULT_MARAC_CRITERIA.highFrom, status: 'F', source: 'https://plymouthscb.co.uk/safe-lives-dash-ric-checklist', description: 'DASH high band from' },
  { name: 'maracConsentRequired', type: 'boolean', default: DEFAULT_MARAC_CRITERIA.maracConsentRequired, status: 'F', source: 'https://www.welhat.gov.uk/policies/domestic-abuse-policy/11', description: 'MARAC referral needs the victim’s consent (UK: no, a lawful basis to share exists once the threshold is met)' },
];

export const MARAC_SAFELIVES_TEMPLATE: TemplateDefinition = {
  id: 'marac-safelives',
  title: 'MARAC (Scotland, England and Wales; SafeLives model)',
  jurisdictions: ['GB-SCT', 'GB-ENG', 'GB-WLS'],
  parameters: [
    ...maracCriteriaParameters,
    { name: 'maxContactAttempts', type: 'integer', default: 3, status: 'F', source: 'http://wakefieldchildcare.proceduresonline.com/chapters/pr_idva.html', description: 'Priority A: proactive IDVA contact attempts before the failure is escalated' },
    { name: 'meetingFrequency', type: 'enum', default: 'fortnightly', options: ['weekly', 'fortnightly', 'monthly'], status: 'F', source: 'https://safelives.org.uk/resources-library/marac-suggested-agenda/', description: 'How often the MARAC meets (the meeting calendar is partnership data)' },
    { name: 'referralCutOffWorkingDays', type: 'integer', default: 8, unit: 'working days', status: 'I', description: 'Referral cut-off before a meeting; later referrals go to the next meeting' },
    { name: 'circulationWorkingDays', type: 'integer', default: 5, unit: 'working days', status: 'I', description: 'The list is circulated this many working days before the meeting' },
    { name: 'researchDueWorkingDays', type: 'integer', default: 1, unit: 'working days', status: 'I', description: 'Agency research is due this many working days before the meeting' },
    { name: 'emergencyIfNextMeetingBeyondDays', type: 'integer', default: 5, unit: 'working days', status: 'I', description: 'Imminent risk and the next meeting further away than this → emergency MARAC' },
    { name: 'maxCasesPerMeeting', type: 'integer', default: 16, status: 'F', source: 'https://safelives.org.uk/research-policy/practitioner-datasets/marac-data', description: 'Cases heard per meeting (about 16); a full meeting sends referrals to the next one' },
    { name: 'actionDueDefault', type: 'duration', default: 'P10D', status: 'I', description: 'Due time of an action when the meeting sets none (working days)' },
    { name: 'actionStatusBeforeMeeting', type: 'duration', default: 'P1D', status: 'F', source: 'https://safelives.org.uk/resources-library/marac-action-tracking-form/', description: 'Action status is due this long before the next meeting' },
    { name: 'missesPerQuarterToSteeringGroup', type: 'integer', default: 3, status: 'I', description: 'Missed actions or SLAs by one agency in a quarter that flag the agency to the steering group' },
    { name: 'repeatWatch', type: 'duration', default: 'P12M', status: 'F', source: 'https://safelives.org.uk/definition-repeat-marac', description: 'Repeat watch after the last referral; then the "12 months passed" notice' },
    { name: 'population16PlusFemales', type: 'integer', default: 100000, status: '?', description: 'Adult female population of the MARAC area, for cases per 10,000' },
  ],
  variants: {
    scotland: { description: 'Scotland: DAQ + DASH at police incidents, IDAA for IDVA', values: {}, status: 'F', source: 'https://archive2021.parliament.scot/' },
    'england-wales': { description: 'England and Wales: SafeLives national criteria', values: {}, status: 'F', source: SAFELIVES_CRITERIA },
    cambridgeshire: {
      description: 'DASH 14–16 to the IDVA service with consent, 17+ to MARAC; meets three times a week',
      values: { dashThreshold: CAMBRIDGESHIRE_MARAC_CRITERIA.dashThreshold, idvaWithConsentFrom: CAMBRIDGESHIRE_MARAC_CRITERIA.idvaWithConsentFrom, meetingFrequency: 'weekly' },
      status: 'F',
      source: 'https://www.cambsdasv.org.uk/make_a_referral',
    },
    kent: {
      description: '3 police-reported events in 6 months; a suicide/self-harm criterion',
      values: { escalationWindowMonths: KENT_MARAC_CRITERIA.escalationWindowMonths, selfHarmCriterion: KENT_MARAC_CRITERIA.selfHarmCriterion },
      status: 'F',
      source: 'https://www.domesticabuseservices.org.uk/practitioners/make-a-referral',
    },
  },
};

export const PROTECTIVE_ORDER_TEMPLATE: TemplateDefinition = {
  id: 'protective-order-proactive',
  title: 'Police protective order with proactive contact (AT, DE, SI, HU)',
  jurisdictions: ['AT', 'DE', 'SI', 'HU'],
  parameters: [
    { name: 'country', type: 'enum', default: 'AT', options: ['AT', 'DE', 'SI', 'HU'], status: 'F', source: 'https://www.sccjr.ac.uk/projects/improdova/', description: 'Country of the partnership' },
    { name: 'orderDuration', type: 'duration', default: 'P14D', status: 'F', source: 'https://land-oberoesterreich.gv.at/228571.htm', description: 'Length of the police order' },
    { name: 'authorityReviewWithin', type: 'duration', default: 'P3D', status: 'F', source: 'https://jusline.at/entscheidung/503976', nullable: true, description: 'The authority or court reviews the order within this time (null: no review step)' },
    { name: 'extendedOrderDuration', type: 'duration', default: 'P28D', status: 'F', source: 'https://land-oberoesterreich.gv.at/228571.htm', nullable: true, description: 'Order length after an extension (AT: civil injunction filed; SI: judge; HU: court)' },
    { name: 'victimRequestedExtension', type: 'duration', default: null, nullable: true, status: 'F', source: 'https://policija.si/eng/prevention/personal-safety/domestic-violence/police-restraining-order', description: 'Order length when the victim asks for it (SI: 60 days)' },
    { name: 'civilInjunctionWithin', type: 'duration', default: 'P14D', status: 'F', source: 'https://land-oberoesterreich.gv.at/228571.htm', nullable: true, description: 'A civil injunction filed within this time extends the order (AT)' },
    { name: 'civilOrderReminderBeforeExpiry', type: 'duration', default: 'P2D', status: 'I', description: 'Remind the victim service to discuss a civil order this long before the order expires' },
    { name: 'consentForReferral', type: 'boolean', default: false, status: 'F', source: 'https://gera.de/', description: 'Police need the victim’s consent to pass data to the victim service (DE: yes)' },
    { name: 'victimService', type: 'string', default: 'gewaltschutzzentrum', status: 'F', source: 'https://www.bmi.gv.at/magazin/2022_09_10/07_Gewaltpraeventionsberatung.aspx', description: 'Agency that makes proactive contact' },
    { name: 'maxContactAttempts', type: 'integer', default: 3, status: 'I', description: 'Proactive contact attempts before closing as unreached' },
    { name: 'perpetratorTrack', type: 'boolean', default: true, status: 'F', source: 'https://www.bmi.gv.at/magazin/2022_09_10/07_Gewaltpraeventionsberatung.aspx', description: 'Perpetrator must contact violence-prevention counselling (AT since 1.9.2021)' },
    { name: 'perpetratorContactWithin', type: 'duration', default: 'P5D', status: 'F', source: 'https://www.bmi.gv.at/magazin/2022_09_10/07_Gewaltpraeventionsberatung.aspx', description: 'Perpetrator contacts the counselling centre within' },
    { name: 'firstSessionWithin', type: 'duration', default: 'P14D', status: 'F', source: 'https://www.bmi.gv.at/magazin/2022_09_10/07_Gewaltpraeventionsberatung.aspx', description: 'First counselling session within this time of the contact' },
    { name: 'counsellingHours', type: 'integer', default: 6, unit: 'hours', status: 'F', source: 'https://www.bmi.gv.at/magazin/2022_09_10/07_Gewaltpraeventionsberatung.aspx', description: 'Hours of violence-prevention counselling' },
    { name: 'caseConference', type: 'string', default: 'sicherheitspolizeiliche-fallkonferenz', status: 'F', source: 'https://neustart.at/vom-pilotprojekt-zu-best-practice', description: 'High-risk case conference of the country (AT § 22(2) SPG; DE Fallkonferenz)' },
  ],
  variants: {
    AT: { description: 'Betretungs- und Annäherungsverbot § 38a SPG', values: {}, status: 'F', source: 'https://land-oberoesterreich.gv.at/228571.htm' },
    DE: {
      description: 'Wegweisung up to 14 days (by state law); proactive approach with consent',
      values: { country: 'DE', orderDuration: 'P14D', authorityReviewWithin: null, extendedOrderDuration: null, civilInjunctionWithin: null, consentForReferral: true, victimService: 'interventionsstelle', perpetratorTrack: false, caseConference: 'fallkonferenz' },
      status: 'F',
      source: 'https://www.osnabrueck-gegen-gewalt.de/was-macht-die-polizei/',
    },
    SI: {
      description: 'Police restraining order 48 h; judge review extends to 15 days, 60 on request',
      values: { country: 'SI', orderDuration: 'PT48H', authorityReviewWithin: 'PT48H', extendedOrderDuration: 'P15D', victimRequestedExtension: 'P60D', civilInjunctionWithin: null, victimService: 'social-work-centre', perpetratorTrack: false, caseConference: 'multidisciplinary-team' },
      status: 'F',
      source: 'https://policija.si/eng/prevention/personal-safety/domestic-violence/police-restraining-order',
    },
    HU: {
      description: 'Temporary preventive restraining order 72 h; court preventive order up to 60 days',
      values: { country: 'HU', orderDuration: 'PT72H', authorityReviewWithin: 'PT72H', extendedOrderDuration: 'P60D', civilInjunctionWithin: null, victimService: 'victim-support-service', perpetratorTrack: false, caseConference: 'signalling-system-case-conference' },
      status: 'F',
      source: 'https://resourcehub.bakermckenzie.com/',
    },
  },
};

export const EMBEDDED_SOCIAL_WORKER_TEMPLATE: TemplateDefinition = {
  id: 'embedded-social-worker-fr',
  title: 'Social worker in police and gendarmerie stations (France, ISCG)',
  jurisdictions: ['FR'],
  parameters: [
    { name: 'maxExchanges', type: 'integer', default: 2, status: 'F', source: 'https://ash.tm.fr/', description: 'Handover usually within one or two exchanges' },
  ],
  variants: { FR: { description: 'Circular of 21 Dec 2006; law of 5 March 2007', values: {}, status: 'F', source: 'https://www.aniscg.org/fr/pages/competences-3.html' } },
};

export const ANCHOR_TEAM_TEMPLATE: TemplateDefinition = {
  id: 'anchor-team-fi',
  title: 'Anchor team (Finland) with MARAK, which needs consent',
  jurisdictions: ['FI'],
  parameters: [
    { name: 'marakConsentRequired', type: 'boolean', default: true, status: 'F', source: 'https://rikoksentorjunta.fi/marak', description: 'MARAK needs the victim’s consent' },
    { name: 'marakRiskThreshold', type: 'integer', default: 14, status: '?', description: 'Risk-form score that makes a case high risk for MARAK (the Finnish form is DASH-based; threshold not verified)' },
    { name: 'marakMeetingFrequency', type: 'enum', default: 'monthly', options: ['weekly', 'fortnightly', 'monthly'], status: 'F', source: 'https://rikoksentorjunta.fi/marak', description: 'MARAK meets once a month' },
    { name: 'followUpAfter', type: 'duration', default: 'P6M', status: 'F', source: 'https://www.haaste.om.fi/fi/index/lehtiarkisto/haaste32015/marak-mallitoimiisuomessa.html', description: 'Follow-up: new police report within 6 months?' },
  ],
  variants: { FI: { description: 'Ankkuri handbook (Ministry of the Interior 2019:24)', values: {}, status: 'F', source: 'https://ankkuritoiminta.fi/kasikirja/ankkuritoiminnan-toteuttaminen' } },
};

export const RISK_FIRST_TEMPLATE: TemplateDefinition = {
  id: 'risk-first-pt',
  title: 'Risk-first pathway (Portugal: RVD, 72-hour actions, reassessments)',
  jurisdictions: ['PT'],
  parameters: [
    { name: 'riskScale', type: 'enum', default: 'RVD-R', options: ['RVD-1L', 'RVD-R'], status: 'F', source: 'https://dre.tretas.org/dre/6180664/', description: 'RVD-1L (low/medium/high) or RVD-R since 1 Jul 2025 (adds extreme)' },
    { name: 'protectiveActionsWithin', type: 'duration', default: 'PT72H', status: 'F', source: 'https://pt.scribd.com/document/530088416/', description: 'Police protective actions after the complaint (RCM 139/2019)' },
    { name: 'maxReassessments', type: 'integer', default: 3, status: 'F', source: 'https://ro.scribd.com/document/373396032/Ficha-Rvd-2l', description: 'RVD-2L reassessments with the victim' },
    { name: 'reassessExtreme', type: 'duration', default: 'P3D', status: 'I', description: 'Interval between reassessments at extreme risk' },
    { name: 'reassessHigh', type: 'duration', default: 'P7D', status: 'I', description: 'Interval between reassessments at high risk' },
    { name: 'reassessMedium', type: 'duration', default: 'P30D', status: 'I', description: 'Interval between reassessments at medium risk' },
    { name: 'reassessLow', type: 'duration', default: 'P60D', status: '?', description: 'Interval between reassessments at low risk' },
  ],
  variants: { PT: { description: 'Law 112/2009 art. 29(3); Portaria 228/2025/1', values: {}, status: 'F', source: 'https://debates.parlamento.pt/' } },
};

export const MARAC_VIENNA_TEMPLATE: TemplateDefinition = {
  id: 'marac-vienna-at',
  title: 'MARAC Vienna (Austria) with the lead agency made explicit',
  jurisdictions: ['AT'],
  parameters: [
    { name: 'leadAgency', type: 'enum', default: 'police', options: ['police', 'interventionsstelle'], status: 'F', source: 'https://derstandard.at/2000084715019/', description: 'Who leads the risk assessment and chairs the conference (the police left in 2018 over "Federführung")' },
    { name: 'conferenceWithin', type: 'duration', default: 'P5D', status: 'I', description: 'High-risk conference within this many working days of the rating' },
    { name: 'reviewAfter', type: 'duration', default: 'P30D', status: 'I', description: 'Action plan review after' },
  ],
  variants: {
    'police-led': { description: '§ 22(2) SPG conference convened by the security authority', values: { leadAgency: 'police' }, status: 'F', source: 'https://neustart.at/vom-pilotprojekt-zu-best-practice' },
    'ngo-led': { description: 'The 2011 pilot: the Wiener Interventionsstelle leads', values: { leadAgency: 'interventionsstelle' }, status: 'F', source: 'https://docplayer.org/130118228-' },
  },
};

export const TEMPLATES: readonly TemplateDefinition[] = [
  MARAC_SAFELIVES_TEMPLATE,
  PROTECTIVE_ORDER_TEMPLATE,
  EMBEDDED_SOCIAL_WORKER_TEMPLATE,
  ANCHOR_TEAM_TEMPLATE,
  RISK_FIRST_TEMPLATE,
  MARAC_VIENNA_TEMPLATE,
];
