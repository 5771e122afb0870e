import { evaluate } from 'feelin';
import fc from 'fast-check';
import { MARAC_CRITERIA_FEEL, maracCriteriaExpressionAttribute } from './marac-criteria.feel';
import {
  CAMBRIDGESHIRE_MARAC_CRITERIA,
  DEFAULT_MARAC_CRITERIA,
  KENT_MARAC_CRITERIA,
} from './marac-criteria.params';
import type { MaracCriteriaInput, MaracCriteriaParams } from './marac-criteria.types';
import { PROFESSIONAL_JUDGEMENT_REASONS } from './marac-criteria.types';
import { evaluateMaracCriteria, minusMonths } from './marac-criteria.util';

const base: MaracCriteriaInput = {
  dashScore: 0,
  professionalJudgement: false,
  professionalJudgementReasons: [],
  policeIncidentDates: [],
  referralDate: '2026-03-10',
  lastMaracReferralDate: null,
  victimSelfHarmRisk: false,
};

/** Runs the FEEL decision as the engine would: variables plus `params`. */
function feel(input: MaracCriteriaInput, params: MaracCriteriaParams) {
  const { value } = evaluate(MARAC_CRITERIA_FEEL, { ...input, params }) as { value: Record<string, unknown> };
  return value;
}

const both = (input: Partial<MaracCriteriaInput>, params: MaracCriteriaParams = DEFAULT_MARAC_CRITERIA) => {
  const i = { ...base, ...input };
  const ts = evaluateMaracCriteria(i, params);
  const f = feel(i, params);
  // The FEEL and TypeScript rules must give the same outcome for every case asserted below.
  for (const key of ['band', 'visibleHighRisk', 'professionalJudgement', 'potentialEscalation', 'policeIncidentsInWindow', 'repeat', 'selfHarm', 'meetsMarac', 'route', 'errors'] as const) {
    expect({ key, value: f[key] }).toEqual({ key, value: ts[key] });
  }
  return ts;
};

describe('MARAC referral criteria (FEEL decision and TypeScript reference)', () => {
  it('scenario 1: DASH 14 is visible high risk and goes to MARAC', () => {
    const r = both({ dashScore: 14 });
    expect(r.visibleHighRisk).toBe(true);
    expect(r.route).toBe('marac');
    expect(r.band).toBe('high');
    expect(both({ dashScore: 13 }).route).toBe('idva-with-consent');
    expect(both({ dashScore: 9 }).route).toBe('signpost');
  });

  it('scenario 2: professional judgement without reasons is a validation error; with reasons it is a ground', () => {
    const without = both({ dashScore: 13, professionalJudgement: true });
    expect(without.errors).toEqual(['professional-judgement-needs-reasons']);
    expect(without.meetsMarac).toBe(false);
    const withReason = both({ dashScore: 13, professionalJudgement: true, professionalJudgementReasons: ['non-fatal-strangulation'] });
    expect(withReason.errors).toEqual([]);
    expect(withReason.professionalJudgement).toBe(true);
    expect(withReason.route).toBe('marac');
  });

  it('professional judgement never downgrades a visible high risk', () => {
    const r = both({ dashScore: 15, professionalJudgement: false });
    expect(r.meetsMarac).toBe(true);
  });

  it('scenario 3: Cambridgeshire sends 14–16 to the IDVA with consent and 17+ to MARAC', () => {
    expect(both({ dashScore: 16 }, CAMBRIDGESHIRE_MARAC_CRITERIA).route).toBe('idva-with-consent');
    expect(both({ dashScore: 14 }, CAMBRIDGESHIRE_MARAC_CRITERIA).route).toBe('idva-with-consent');
    expect(both({ dashScore: 13 }, CAMBRIDGESHIRE_MARAC_CRITERIA).route).toBe('signpost');
    expect(both({ dashScore: 17 }, CAMBRIDGESHIRE_MARAC_CRITERIA).route).toBe('marac');
  });

  it('scenario 4: 3 police incidents in 12 months with DASH 6 is potential escalation; Kent counts 6 months', () => {
    const dates = ['2025-05-01', '2025-11-20', '2026-02-01'];
    const r = both({ dashScore: 6, policeIncidentDates: dates });
    expect(r.policeIncidentsInWindow).toBe(3);
    expect(r.potentialEscalation).toBe(true);
    expect(r.route).toBe('marac');
    const kent = both({ dashScore: 6, policeIncidentDates: dates }, KENT_MARAC_CRITERIA);
    expect(kent.policeIncidentsInWindow).toBe(2);
    expect(kent.potentialEscalation).toBe(false);
    expect(both({ dashScore: 6, policeIncidentDates: [...dates, '2026-03-01'] }, KENT_MARAC_CRITERIA).potentialEscalation).toBe(true);
    // Incidents after the referral date or more than 12 months back do not count.
    expect(both({ policeIncidentDates: ['2025-03-10', '2025-03-11', '2026-03-11'] }).policeIncidentsInWindow).toBe(1);
  });

  it('Kent: a suicide/self-harm risk is a criterion of its own', () => {
    expect(both({ dashScore: 5, victimSelfHarmRisk: true }, KENT_MARAC_CRITERIA).route).toBe('marac');
    expect(both({ dashScore: 5, victimSelfHarmRisk: true }).route).toBe('signpost');
  });

  it('scenario 5: an incident 200 days after the last referral is a repeat; at 400 days it is a new referral', () => {
    // referral 2026-03-10: 200 days before is 2025-08-22, 400 days before is 2025-02-03.
    const r200 = both({ dashScore: 2, lastMaracReferralDate: '2025-08-22' });
    expect(r200.repeat).toBe(true);
    expect(r200.route).toBe('marac');
    const r400 = both({ dashScore: 2, lastMaracReferralDate: '2025-02-03' });
    expect(r400.repeat).toBe(false);
    expect(r400.route).toBe('signpost');
  });

  it('subtracts months as FEEL does, clamping to the end of the month', () => {
    expect(minusMonths('2026-03-31', 1)).toBe('2026-02-28');
    expect(minusMonths('2024-03-31', 1)).toBe('2024-02-29');
    expect(minusMonths('2026-01-15', 12)).toBe('2025-01-15');
    expect(minusMonths('2026-01-15', 13)).toBe('2024-12-15');
    const { value } = evaluate('date("2026-03-31") - duration("P1M")') as { value: unknown };
    expect(String(value)).toBe('2026-02-28');
  });

  it('the FEEL decision and the TypeScript rule agree on random inputs and parameters', () => {
    const day = fc.integer({ min: 0, max: 1200 }).map((n) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    const inputArb = fc.record({
      dashScore: fc.integer({ min: 0, max: 24 }),
      professionalJudgement: fc.boolean(),
      professionalJudgementReasons: fc.subarray([...PROFESSIONAL_JUDGEMENT_REASONS]),
      policeIncidentDates: fc.array(day, { maxLength: 6 }),
      referralDate: day,
      lastMaracReferralDate: fc.option(day, { nil: null }),
      victimSelfHarmRisk: fc.boolean(),
    });
    const paramsArb = fc.record({
      dashThreshold: fc.integer({ min: 10, max: 20 }),
      idvaWithConsentFrom: fc.integer({ min: 5, max: 16 }),
      escalationIncidents: fc.integer({ min: 1, max: 5 }),
      escalationWindowMonths: fc.integer({ min: 1, max: 24 }),
      repeatWindowMonths: fc.integer({ min: 1, max: 24 }),
      selfHarmCriterion: fc.boolean(),
      mediumFrom: fc.constant(10),
      highFrom: fc.constant(14),
      maracConsentRequired: fc.boolean(),
    });
    fc.assert(
      fc.property(inputArb, paramsArb, (input, params) => {
        const ts = evaluateMaracCriteria(input, params);
        const f = feel(input, params);
        return (
          f.route === ts.route &&
          f.meetsMarac === ts.meetsMarac &&
          f.repeat === ts.repeat &&
          f.policeIncidentsInWindow === ts.policeIncidentsInWindow &&
          JSON.stringify(f.errors) === JSON.stringify(ts.errors)
        );
      }),
      { numRuns: 300 },
    );
  });

  it('renders the decision as a one-line BPMN attribute', () => {
    const attr = maracCriteriaExpressionAttribute();
    expect(attr.startsWith('={')).toBe(true);
    expect(attr).not.toContain('\n');
    const { value } = evaluate(attr.slice(1), { ...base, dashScore: 20, params: DEFAULT_MARAC_CRITERIA }) as { value: { route: string } };
    expect(value.route).toBe('marac');
  });
});
