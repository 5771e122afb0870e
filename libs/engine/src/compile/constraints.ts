/**
 * Document-level BPMN 2.0 constraints (the EXTnnn rules of the standard's table of constraints)
 * that the process builder does not already enforce: checked on the parsed definitions and
 * reported by element id, each with what is wrong and what to do. The rules live in
 * ./constraints/ by subject; each names the constraint numbers it implements.
 *
 * Processes that are neither executable nor called are not checked inside (see context.ts).
 */
import type { Problem } from '../contract.types';
import type { ModdleElement, ParsedDefinitions } from './moddle';
import { checkActivities } from './constraints/activities.rules';
import { checkCollaborations } from './constraints/collaboration.rules';
import { ConstraintContext } from './constraints/context';
import { checkData } from './constraints/data.rules';
import { checkEvents } from './constraints/events.rules';
import { checkFlows } from './constraints/flow.rules';

export function checkConstraints(definitions: ModdleElement, parsed: ParsedDefinitions): Problem[] {
  const ctx = new ConstraintContext(definitions, parsed);
  checkFlows(ctx);
  checkEvents(ctx);
  checkCollaborations(ctx);
  checkData(ctx);
  checkActivities(ctx);
  return ctx.problems;
}
