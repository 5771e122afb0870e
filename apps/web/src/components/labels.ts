import type { ReferringAgency } from '../api/api.types';

/** SafeLives' referring-agency categories in words (the agenda and the KPIs). */
export const SOURCE_LABELS: Record<ReferringAgency, string> = {
  police: 'Police',
  idva: 'IDVA service',
  probation: 'Probation',
  'childrens-social-care': 'Children’s social care',
  health: 'Health',
  'mental-health': 'Mental health',
  housing: 'Housing',
  education: 'Education',
  'adult-social-care': 'Adult social care',
  'substance-misuse': 'Substance misuse',
  'voluntary-sector': 'Voluntary sector',
  other: 'Other',
};
