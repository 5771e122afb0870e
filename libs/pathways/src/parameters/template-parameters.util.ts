/**
 * Resolves a template's parameters for a partnership: defaults, then a variant's values, then
 * the partnership's overrides, each checked against the definition. The result goes to the
 * engine as `EngineContext.params`.
 */
import type { JsonValue, Variables } from '@app/engine';
import { TEMPLATES } from './template-parameters.data';
import type { ParameterDefinition, TemplateDefinition } from './template-parameters.types';

export class TemplateParameterError extends Error {}

const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

export function findTemplate(id: string): TemplateDefinition {
  const t = TEMPLATES.find((x) => x.id === id);
  if (!t) throw new TemplateParameterError(`unknown template ${id}`);
  return t;
}

export function checkParameterValue(def: ParameterDefinition, value: JsonValue): string | undefined {
  if (value === null) return def.nullable ? undefined : `${def.name} may not be null`;
  switch (def.type) {
    case 'integer':
      return Number.isInteger(value) ? undefined : `${def.name} must be an integer`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : `${def.name} must be a number`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `${def.name} must be a boolean`;
    case 'duration':
      return typeof value === 'string' && DURATION.test(value) ? undefined : `${def.name} must be an ISO 8601 duration`;
    case 'string':
      return typeof value === 'string' && value.length > 0 ? undefined : `${def.name} must be a non-empty string`;
    case 'enum':
      return typeof value === 'string' && (def.options ?? []).includes(value) ? undefined : `${def.name} must be one of ${(def.options ?? []).join(', ')}`;
  }
}

export function resolveTemplateParams(templateId: string, variant?: string, overrides: Variables = {}): Variables {
  const template = findTemplate(templateId);
  const defs = new Map(template.parameters.map((p) => [p.name, p]));
  const out: Variables = {};
  for (const p of template.parameters) out[p.name] = p.default;
  const layers: Variables[] = [];
  if (variant !== undefined) {
    const v = template.variants[variant];
    if (!v) throw new TemplateParameterError(`template ${templateId} has no variant ${variant}`);
    layers.push(v.values);
  }
  layers.push(overrides);
  for (const layer of layers) {
    for (const [name, value] of Object.entries(layer)) {
      const def = defs.get(name);
      if (!def) throw new TemplateParameterError(`template ${templateId} has no parameter ${name}`);
      const problem = checkParameterValue(def, value);
      if (problem) throw new TemplateParameterError(problem);
      out[name] = value;
    }
  }
  return out;
}
