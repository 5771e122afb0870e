/** Checks a task completion's output against the form fields the task declares. */
import type { FormField, JsonValue, Variables } from '../contract.types';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real day: Date.parse rolls 2026-02-30 over to 2 March, so the date must read back the same. */
function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

function typeProblem(field: FormField, value: JsonValue): string | undefined {
  switch (field.type) {
    case 'string':
    case 'text':
      return typeof value === 'string' ? undefined : 'must be text';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a number';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) ? undefined : 'must be a whole number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'date':
      return typeof value === 'string' && isCalendarDate(value) ? undefined : 'must be a date (YYYY-MM-DD)';
    case 'enum':
      return typeof value === 'string' && (field.options ?? []).includes(value) ? undefined : `must be one of ${(field.options ?? []).join(', ')}`;
    case 'list':
      return Array.isArray(value) ? undefined : 'must be a list';
    default:
      return undefined;
  }
}

/**
 * Problems with a completion's output, one message per field: missing required fields, wrong
 * types, and fields the task does not declare. A task that declares no form accepts any output.
 */
export function validateFormOutput(fields: FormField[], variables: Variables | undefined): string[] {
  if (!fields.length) return [];
  const problems: string[] = [];
  const output = variables ?? {};
  const declared = new Set(fields.map((f) => f.name));
  for (const field of fields) {
    const value = Object.prototype.hasOwnProperty.call(output, field.name) ? output[field.name] : undefined;
    if (value === undefined || value === null || value === '') {
      if (field.required) problems.push(`${field.label ?? field.name} is required`);
      continue;
    }
    const problem = typeProblem(field, value);
    if (problem) problems.push(`${field.label ?? field.name} ${problem}`);
  }
  for (const name of Object.keys(output)) if (!declared.has(name)) problems.push(`${name} is not a field of this task`);
  return problems;
}
