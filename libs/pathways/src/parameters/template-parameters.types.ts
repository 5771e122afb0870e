/** Types of the pathway templates' partnership parameters (visible to FEEL as `params`). */
import type { JsonValue } from '@app/engine';

/** Where a value comes from: found in a source [F], a proposed default [I], or unknown [?]. */
export type SourceStatus = 'F' | 'I' | '?';

export type ParameterType = 'integer' | 'number' | 'boolean' | 'duration' | 'string' | 'enum';

export interface ParameterDefinition {
  name: string;
  type: ParameterType;
  default: JsonValue;
  description: string;
  status: SourceStatus;
  /** Public source of the value (domain.md), when status is F. */
  source?: string;
  unit?: string;
  options?: string[];
  /** May be null (e.g. a deadline that a country does not have). */
  nullable?: boolean;
}

export interface TemplateVariant {
  description: string;
  /** Parameter overrides of this variant. */
  values: Record<string, JsonValue>;
  status: SourceStatus;
  source?: string;
}

export interface TemplateDefinition {
  /** Process id = BPMN file name in workflows/. */
  id: string;
  title: string;
  /** Template jurisdictions (libs/calendar codes) for the partnership calendar. */
  jurisdictions: string[];
  parameters: ParameterDefinition[];
  variants: Record<string, TemplateVariant>;
}
