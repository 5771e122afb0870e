/**
 * The 24 questions of the SafeLives DASH risk identification checklist (2009) as data.
 * Topics are paraphrased from the public form (domain §2.3, §5.1): the product shows the
 * partnership's licensed wording, which is configuration, not code.
 */
import type { DashQuestion } from './dash.types';

export const DASH_QUESTIONS: readonly DashQuestion[] = [
  { number: 1, key: 'current-injury', topic: 'Did the current incident cause an injury?', about: 'incident', triggers: ['physical-or-sexual-violence'] },
  { number: 2, key: 'very-frightened', topic: 'Is the victim very frightened?', about: 'victim' },
  { number: 3, key: 'fears-what', topic: 'What is the victim afraid of (further injury, violence, other)?', about: 'victim' },
  { number: 4, key: 'isolated', topic: 'Does the victim feel isolated from family or friends?', about: 'victim' },
  { number: 5, key: 'depressed-suicidal', topic: 'Is the victim feeling depressed or having suicidal thoughts?', about: 'victim' },
  { number: 6, key: 'separation', topic: 'Has the victim separated, or tried to, from the abuser in the past year?', about: 'relationship', triggers: ['separation'] },
  { number: 7, key: 'child-contact-conflict', topic: 'Is there conflict over contact with children?', about: 'relationship' },
  { number: 8, key: 'stalking-harassment', topic: 'Does the abuser constantly contact, follow, stalk or harass the victim?', about: 'perpetrator', triggers: ['stalking'] },
  { number: 9, key: 'pregnant-recent-baby', topic: 'Is the victim pregnant or has she had a baby in the last 18 months?', about: 'victim' },
  { number: 10, key: 'more-often', topic: 'Is the abuse happening more often?', about: 'relationship' },
  { number: 11, key: 'getting-worse', topic: 'Is the abuse getting worse?', about: 'relationship' },
  { number: 12, key: 'controlling-jealous', topic: 'Does the abuser try to control everything and/or show excessive jealousy?', about: 'perpetrator', triggers: ['coercive-control'] },
  { number: 13, key: 'weapons-objects', topic: 'Has the abuser ever used weapons or objects to hurt the victim?', about: 'perpetrator', triggers: ['physical-or-sexual-violence'] },
  { number: 14, key: 'threats-to-kill', topic: 'Has the abuser ever threatened to kill the victim or someone else, and was it believed?', about: 'perpetrator', triggers: ['threats-to-kill'] },
  { number: 15, key: 'strangulation', topic: 'Has the abuser ever tried to strangle, choke, suffocate or drown the victim?', about: 'perpetrator', triggers: ['non-fatal-strangulation', 'physical-or-sexual-violence'] },
  { number: 16, key: 'sexual-abuse', topic: 'Does the abuser do or say sexual things that hurt or degrade the victim or someone else?', about: 'perpetrator', triggers: ['physical-or-sexual-violence'] },
  { number: 17, key: 'other-threat', topic: 'Is there another person who has threatened the victim or whom the victim fears?', about: 'victim' },
  { number: 18, key: 'hurt-others', topic: 'Has the abuser hurt anyone else (children, relatives, a former partner, others)?', about: 'perpetrator' },
  { number: 19, key: 'animal-cruelty', topic: 'Has the abuser ever mistreated an animal or the family pet?', about: 'perpetrator' },
  { number: 20, key: 'financial-issues', topic: 'Are there financial issues (dependence, loss of a job)?', about: 'relationship' },
  { number: 21, key: 'substances-mental-health', topic: 'Has the abuser had problems with drugs, alcohol or mental health in the past year?', about: 'perpetrator' },
  { number: 22, key: 'perpetrator-suicide', topic: 'Has the abuser ever threatened or attempted suicide?', about: 'perpetrator' },
  { number: 23, key: 'breached-bail-order', topic: 'Has the abuser ever broken bail, an injunction or a formal agreement?', about: 'perpetrator' },
  { number: 24, key: 'criminal-history', topic: 'Is the abuser known to have been in trouble with the police or to have a criminal history?', about: 'perpetrator' },
];

export const DASH_QUESTION_COUNT = 24;
