import { evaluateMaracCriteria } from '../criteria/marac-criteria.util';
import type { MaracCriteriaParams } from '../criteria/marac-criteria.types';
import { TEMPLATES } from './template-parameters.data';
import { checkParameterValue, findTemplate, resolveTemplateParams, TemplateParameterError } from './template-parameters.util';

describe('template parameters', () => {
  it('has unique template ids and parameter names, and valid defaults and variants', () => {
    expect(new Set(TEMPLATES.map((t) => t.id)).size).toBe(TEMPLATES.length);
    for (const t of TEMPLATES) {
      expect(new Set(t.parameters.map((p) => p.name)).size).toBe(t.parameters.length);
      for (const p of t.parameters) {
        expect({ param: `${t.id}.${p.name}`, problem: checkParameterValue(p, p.default) }).toEqual({ param: `${t.id}.${p.name}`, problem: undefined });
        if (p.status === 'F') expect(p.source).toMatch(/^https?:\/\//);
      }
      for (const name of Object.keys(t.variants)) expect(() => resolveTemplateParams(t.id, name)).not.toThrow();
    }
  });

  it('resolves defaults, then the variant, then the overrides', () => {
    const at = resolveTemplateParams('protective-order-proactive');
    expect(at.orderDuration).toBe('P14D');
    expect(at.perpetratorTrack).toBe(true);
    const si = resolveTemplateParams('protective-order-proactive', 'SI');
    expect(si.orderDuration).toBe('PT48H');
    expect(si.extendedOrderDuration).toBe('P15D');
    expect(si.victimRequestedExtension).toBe('P60D');
    expect(si.perpetratorTrack).toBe(false);
    const hu = resolveTemplateParams('protective-order-proactive', 'HU', { maxContactAttempts: 5 });
    expect(hu.orderDuration).toBe('PT72H');
    expect(hu.maxContactAttempts).toBe(5);
    expect(resolveTemplateParams('protective-order-proactive', 'DE').consentForReferral).toBe(true);
  });

  it('runs the Cambridgeshire and Kent MARAC variants through the same criteria', () => {
    const input = { dashScore: 16, professionalJudgement: false, professionalJudgementReasons: [], policeIncidentDates: [], referralDate: '2026-03-10', lastMaracReferralDate: null, victimSelfHarmRisk: false };
    const route = (variant: string) => evaluateMaracCriteria(input, resolveTemplateParams('marac-safelives', variant) as unknown as MaracCriteriaParams).route;
    expect(route('england-wales')).toBe('marac');
    expect(route('cambridgeshire')).toBe('idva-with-consent');
    expect(route('kent')).toBe('marac');
    expect(resolveTemplateParams('marac-safelives', 'kent').escalationWindowMonths).toBe(6);
  });

  it('rejects unknown templates, variants, parameters and ill-typed values', () => {
    expect(() => findTemplate('nope')).toThrow(TemplateParameterError);
    expect(() => resolveTemplateParams('marac-safelives', 'atlantis')).toThrow(/variant/);
    expect(() => resolveTemplateParams('marac-safelives', undefined, { dashTreshold: 12 })).toThrow(/no parameter/);
    expect(() => resolveTemplateParams('marac-safelives', undefined, { dashThreshold: 12.5 })).toThrow(/integer/);
    expect(() => resolveTemplateParams('marac-safelives', undefined, { repeatWatch: '12 months' })).toThrow(/duration/);
    expect(() => resolveTemplateParams('marac-safelives', undefined, { meetingFrequency: 'daily' })).toThrow(/one of/);
    expect(() => resolveTemplateParams('marac-safelives', undefined, { dashThreshold: null })).toThrow(/null/);
    expect(resolveTemplateParams('protective-order-proactive', undefined, { authorityReviewWithin: null }).authorityReviewWithin).toBeNull();
  });
});
