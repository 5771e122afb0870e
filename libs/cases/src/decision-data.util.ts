import { DomainError, ErrorCode } from '@app/application';

/**
 * Process variables hold references and non-personal decision data only (architecture
 * invariant 8): numbers, booleans, dates, and short codes — never names, addresses or free
 * text. A value that could be personal is refused before it reaches the engine's history.
 */
// Lower-case codes (agencies, reasons, outcomes), ISO dates and times, short upper-case bands
// ("A", "RVD"), and case references. A capitalised word (a name) is refused.
const CODE = /^([a-z0-9][a-z0-9_.:+-]{0,63}|\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?|[A-Z]{1,4}|C-\d{4}-[A-Z0-9]{8}|)$/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

function ok(v: unknown, depth: number): boolean {
  if (v === null || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v === 'string') return CODE.test(v);
  if (Array.isArray(v)) return depth < 2 && v.length <= 50 && v.every((x) => ok(x, depth + 1));
  return false;
}

export function assertDecisionData(vars: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const problems: { field: string; message: string }[] = [];
  for (const [k, v] of Object.entries(vars ?? {})) {
    if (!NAME.test(k)) problems.push({ field: k, message: 'variable names are identifiers' });
    else if (!ok(v, 0)) problems.push({ field: k, message: 'process variables take codes, numbers, flags and dates only (no personal data or free text)' });
    else out[k] = v;
  }
  if (problems.length > 0) throw new DomainError(ErrorCode.InvalidInput, 'process variables hold references and non-personal decision data only', problems);
  return out;
}
