import { DASH_QUESTIONS } from './dash-questions.data';
import type { DashAnswers } from './dash.types';
import { DashAnswerError, dashBand, scoreDash } from './dash-scoring.util';

const yesTo = (...numbers: number[]): DashAnswers => {
  const a: DashAnswers = {};
  for (const q of DASH_QUESTIONS) a[q.number] = numbers.includes(q.number) ? 'yes' : 'no';
  return a;
};

describe('DASH checklist', () => {
  it('has 24 numbered questions with unique keys', () => {
    expect(DASH_QUESTIONS).toHaveLength(24);
    expect(DASH_QUESTIONS.map((q) => q.number)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(new Set(DASH_QUESTIONS.map((q) => q.key)).size).toBe(24);
  });

  it('scores the number of yes answers and bands it 1–9 / 10–13 / 14+', () => {
    expect(scoreDash(yesTo()).score).toBe(0);
    expect(scoreDash(yesTo(1, 2, 3)).band).toBe('standard');
    const thirteen = scoreDash(yesTo(...Array.from({ length: 13 }, (_, i) => i + 1)));
    expect(thirteen.score).toBe(13);
    expect(thirteen.band).toBe('medium');
    const fourteen = scoreDash(yesTo(...Array.from({ length: 14 }, (_, i) => i + 1)));
    expect(fourteen.score).toBe(14);
    expect(fourteen.band).toBe('high');
    expect(dashBand(9)).toBe('standard');
    expect(dashBand(10)).toBe('medium');
    expect(dashBand(16, { mediumFrom: 14, highFrom: 17 })).toBe('medium');
  });

  it('counts not-known and unanswered questions apart, never as yes', () => {
    const r = scoreDash({ 1: 'yes', 2: 'not-known', 3: 'no' });
    expect(r.score).toBe(1);
    expect(r.notKnown).toBe(1);
    expect(r.answered).toBe(3);
    expect(r.unanswered).toHaveLength(21);
    expect(r.unanswered[0]).toBe(4);
  });

  it('raises professional-judgement prompts and the cluster of three', () => {
    const r = scoreDash(yesTo(6, 12, 15));
    expect(r.prompts).toEqual(['non-fatal-strangulation', 'separation', 'coercive-control', 'physical-or-sexual-violence']);
    expect(r.clusterOfThree).toBe(true);
    expect(scoreDash(yesTo(6, 12)).clusterOfThree).toBe(false);
    expect(scoreDash(yesTo(8, 14)).prompts).toEqual(['stalking', 'threats-to-kill']);
  });

  it('rejects unknown questions and answers', () => {
    expect(() => scoreDash({ 25: 'yes' } as DashAnswers)).toThrow(DashAnswerError);
    expect(() => scoreDash({ 3: 'maybe' } as unknown as DashAnswers)).toThrow(DashAnswerError);
  });
});
