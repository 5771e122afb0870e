/**
 * A task's completion form, built from the fields the task declares (`referral:field`), and its
 * validation: the same rules the engine applies to completions, so errors show before sending.
 */
import type { FormField, JsonValue } from '../../api/api.types';

export type RawValue = string | boolean | string[];
export type RawValues = Record<string, RawValue | undefined>;

export interface FormCheck {
  values: Record<string, JsonValue>;
  errors: Record<string, string>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function fieldLabel(field: FormField): string {
  return field.label || field.name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
}

function isEmpty(value: RawValue | undefined): boolean {
  return value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

export function validateForm(fields: FormField[], raw: RawValues): FormCheck {
  const values: Record<string, JsonValue> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const value = raw[field.name];
    const label = fieldLabel(field);
    if (field.type === 'boolean') {
      // an unticked box is an answer (false); "required" means it must be answered, which it is
      values[field.name] = value === true;
      continue;
    }
    if (isEmpty(value)) {
      if (field.required) errors[field.name] = `${label} is required`;
      continue;
    }
    switch (field.type) {
      case 'number':
      case 'integer': {
        const text = String(value).trim();
        const num = Number(text);
        if (text === '' || !Number.isFinite(num)) errors[field.name] = `${label} must be a number`;
        else if (field.type === 'integer' && !Number.isInteger(num)) errors[field.name] = `${label} must be a whole number`;
        else values[field.name] = num;
        break;
      }
      case 'date': {
        const text = String(value);
        if (!DATE.test(text) || Number.isNaN(new Date(`${text}T00:00:00Z`).getTime())) errors[field.name] = `${label} must be a date (YYYY-MM-DD)`;
        else values[field.name] = text;
        break;
      }
      case 'enum': {
        const text = String(value);
        if (field.options && !field.options.includes(text)) errors[field.name] = `${label} must be one of: ${field.options.join(', ')}`;
        else values[field.name] = text;
        break;
      }
      case 'list': {
        const items = Array.isArray(value) ? value : [String(value)];
        const bad = items.filter((item) => field.options && !field.options.includes(item));
        if (bad.length) errors[field.name] = `${label}: unknown choice ${bad.join(', ')}`;
        else values[field.name] = items;
        break;
      }
      case 'string':
      case 'text':
        values[field.name] = String(value);
        break;
    }
  }
  return { values, errors };
}
