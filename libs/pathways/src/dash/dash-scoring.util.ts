/**
 * DASH scoring: the score is the number of "yes" answers (SafeLives); bands 1–9 standard,
 * 10–13 medium, 14+ high (Plymouth, domain §2.3), thresholds as parameters. Prompts list the
 * professional-judgement triggers the answers point to; they never lower a score.
 */
import { DASH_QUESTION_COUNT, DASH_QUESTIONS } from './dash-questions.data';
import type { DashAnswers, DashBands, DashResult, DashRiskBand, DashTrigger } from './dash.types';

export const DEFAULT_DASH_BANDS: DashBands = { mediumFrom: 10, highFrom: 14 };

export class DashAnswerError extends Error {}

export function dashBand(score: number, bands: DashBands = DEFAULT_DASH_BANDS): DashRiskBand {
  if (bands.mediumFrom > bands.highFrom) throw new DashAnswerError('mediumFrom must not exceed highFrom');
  if (score >= bands.highFrom) return 'high';
  if (score >= bands.mediumFrom) return 'medium';
  return 'standard';
}

export function scoreDash(answers: DashAnswers, bands: DashBands = DEFAULT_DASH_BANDS): DashResult {
  for (const key of Object.keys(answers)) {
    const n = Number(key);
    if (!Number.isInteger(n) || n < 1 || n > DASH_QUESTION_COUNT) throw new DashAnswerError(`no DASH question ${key}`);
    const a = answers[n];
    if (a !== undefined && a !== 'yes' && a !== 'no' && a !== 'not-known') throw new DashAnswerError(`invalid answer to question ${n}`);
  }
  let score = 0;
  let notKnown = 0;
  const unanswered: number[] = [];
  const prompts = new Set<DashTrigger>();
  for (const q of DASH_QUESTIONS) {
    const a = answers[q.number];
    if (a === undefined) unanswered.push(q.number);
    else if (a === 'not-known') notKnown++;
    else if (a === 'yes') {
      score++;
      for (const t of q.triggers ?? []) prompts.add(t);
    }
  }
  const clusterOfThree = prompts.has('separation') && prompts.has('coercive-control') && prompts.has('physical-or-sexual-violence');
  const order: DashTrigger[] = ['non-fatal-strangulation', 'stalking', 'threats-to-kill', 'separation', 'coercive-control', 'physical-or-sexual-violence'];
  return {
    score,
    answered: DASH_QUESTION_COUNT - unanswered.length,
    notKnown,
    unanswered,
    band: dashBand(score, bands),
    prompts: order.filter((t) => prompts.has(t)),
    clusterOfThree,
  };
}
