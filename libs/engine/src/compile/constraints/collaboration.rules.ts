/**
 * Collaboration rules: participant multiplicity and message flows (what they may connect, that
 * they go between pools, and which way they point at events).
 */
import type { ModdleElement } from '../moddle';
import { an, CATCH_EVENT_TYPES, ConstraintContext, eventDefinitionsOf, isActivity, isEvent, label, THROW_EVENT_TYPES, typeName } from './context';

export function checkCollaborations(ctx: ConstraintContext): void {
  for (const multiplicity of ctx.ofType('bpmn:ParticipantMultiplicity')) checkMultiplicity(ctx, multiplicity);
  for (const flow of ctx.ofType('bpmn:MessageFlow')) checkMessageFlow(ctx, flow);
}

/** EXT.029, EXT.030. */
function checkMultiplicity(ctx: ConstraintContext, multiplicity: ModdleElement): void {
  const participant = multiplicity.$parent;
  const minimum = Number(multiplicity.minimum ?? 0);
  const maximum = Number(multiplicity.maximum ?? 1);
  if (minimum < 0) ctx.problem(participant, `the participant multiplicity of ${label(participant)} has minimum ${minimum}; the minimum cannot be negative`);
  if (maximum < 1 || maximum < minimum) {
    ctx.problem(participant, `the participant multiplicity of ${label(participant)} has maximum ${maximum} and minimum ${minimum}; the maximum must be at least 1 and at least the minimum`);
  }
}

/** The pool an element of a message flow belongs to: the process a participant stands for, or the process that contains the element. */
function poolOf(ctx: ConstraintContext, element: ModdleElement): ModdleElement | undefined {
  if (element.$type === 'bpmn:Participant') return (element.processRef as ModdleElement | undefined) ?? element;
  const owner = ctx.callableOf(element);
  return owner?.$type === 'bpmn:Process' ? owner : undefined;
}

function checkMessageFlow(ctx: ConstraintContext, flow: ModdleElement): void {
  const source = flow.sourceRef as ModdleElement | undefined;
  const target = flow.targetRef as ModdleElement | undefined;
  if (!source || !target) return; // an unresolved reference is reported when the file is read
  // EXT.008 and the InteractionNode type of the ends: pools, activities and events.
  let ends = true;
  for (const end of [source, target]) {
    if (end.$type === 'bpmn:Participant' || isActivity(end) || isEvent(end) || /^bpmn:(SubConversation|CallConversation|Conversation)$/.test(end.$type)) continue;
    ends = false;
    ctx.problem(flow, `a message flow connects pools, activities and events, but its ${end === source ? 'source' : 'target'} ${label(end)} is ${an(typeName(end))}; connect it to the pool, task or event that sends or receives the message`);
  }
  if (!ends) return;
  // EXT.031
  const from = poolOf(ctx, source);
  const to = poolOf(ctx, target);
  if (source === target || (from && from === to)) {
    ctx.problem(flow, `a message flow cannot connect two elements of the same pool (${label(source)} and ${label(target)}); messages go between pools — use a sequence flow inside a pool, or move one end to the other pool`);
  }
  // EXT.102, EXT.108, EXT.119: catch events receive, throw events send.
  if (CATCH_EVENT_TYPES.has(source.$type)) {
    ctx.problem(flow, `a message flow cannot start at ${label(source)}: ${an(typeName(source))} receives messages and cannot send them; reverse the flow, or send from a throw event or task`);
  }
  if (THROW_EVENT_TYPES.has(target.$type)) {
    ctx.problem(flow, `a message flow cannot end at ${label(target)}: ${an(typeName(target))} sends messages and cannot receive them; reverse the flow, or receive with a catch event or task`);
  }
  // EXT.103, EXT.109: an event at either end of a message flow has a message trigger.
  for (const end of [source, target]) {
    if (!isEvent(end)) continue;
    if (end === source ? CATCH_EVENT_TYPES.has(end.$type) : THROW_EVENT_TYPES.has(end.$type)) continue;
    if (!eventDefinitionsOf(end).some((d) => d.$type === 'bpmn:MessageEventDefinition')) {
      ctx.problem(end, `${label(end)} ${end === source ? 'sends' : 'receives'} the message flow "${flow.id}" but has no message trigger; make it a message ${typeName(end)} (add a message event definition)`);
    }
  }
}
