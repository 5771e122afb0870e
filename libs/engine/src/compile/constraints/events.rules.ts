/**
 * Event rules the process builder does not cover: reuse of event definitions, the data inputs
 * and outputs of events, non-interrupting event sub-process starts, conditional triggers in
 * executable processes, and the none start event a called process needs.
 */
import type { ModdleElement } from '../moddle';
import { CATCH_EVENT_TYPES, ConstraintContext, eventDefinitionsOf, label, list, THROW_EVENT_TYPES } from './context';

const TRIGGER: Record<string, string> = {
  'bpmn:MessageEventDefinition': 'message',
  'bpmn:TimerEventDefinition': 'timer',
  'bpmn:SignalEventDefinition': 'signal',
  'bpmn:ConditionalEventDefinition': 'conditional',
  'bpmn:ErrorEventDefinition': 'error',
  'bpmn:EscalationEventDefinition': 'escalation',
  'bpmn:CompensateEventDefinition': 'compensation',
  'bpmn:CancelEventDefinition': 'cancel',
  'bpmn:TerminateEventDefinition': 'terminate',
  'bpmn:LinkEventDefinition': 'link',
};

export function checkEvents(ctx: ConstraintContext): void {
  const events = ctx.ofType(...CATCH_EVENT_TYPES, ...THROW_EVENT_TYPES);
  for (const event of events) {
    checkDefinitionRefs(ctx, event);
    checkEventData(ctx, event);
    checkEventSubProcessStart(ctx, event);
  }
  checkConditions(ctx);
  checkCalledProcessStarts(ctx);
}

/**
 * EXT.095: an event definition written inside an event belongs to that event only; events share
 * a trigger by referring (eventDefinitionRef) to a definition at the top level of the file.
 */
function checkDefinitionRefs(ctx: ConstraintContext, event: ModdleElement): void {
  for (const def of list(event.eventDefinitionRef)) {
    const owner = def.$parent;
    if (owner && owner.$type !== 'bpmn:Definitions') {
      ctx.problem(event, `${label(event)} refers (eventDefinitionRef) to the event definition "${def.id}" that belongs to ${label(owner)}; an event's own definitions cannot be used elsewhere — define the trigger at the top level of the file (under <definitions>) and refer to that`);
    }
  }
}

/**
 * EXT.093: a throw event that carries data has one data input per event definition, and a catch
 * event one data output per event definition.
 */
function checkEventData(ctx: ConstraintContext, event: ModdleElement): void {
  const defs = eventDefinitionsOf(event).length;
  const throwing = THROW_EVENT_TYPES.has(event.$type);
  const data = list(throwing ? event.dataInputs : event.dataOutputs);
  if (!data.length || data.length === defs) return;
  const what = throwing ? 'data input' : 'data output';
  ctx.problem(event, `${label(event)} has ${data.length} ${what}${data.length === 1 ? '' : 's'} for ${defs} event definition${defs === 1 ? '' : 's'}; an event that ${throwing ? 'sends' : 'receives'} data needs exactly one ${what} per event definition`);
}

/** EXT.059: error and compensation event sub-processes always interrupt. */
function checkEventSubProcessStart(ctx: ConstraintContext, event: ModdleElement): void {
  if (event.$type !== 'bpmn:StartEvent' || event.isInterrupting !== false) return;
  const parent = event.$parent;
  if (parent?.$type !== 'bpmn:SubProcess' || parent.triggeredByEvent !== true) return;
  for (const def of eventDefinitionsOf(event)) {
    if (def.$type === 'bpmn:ErrorEventDefinition' || def.$type === 'bpmn:CompensateEventDefinition') {
      ctx.problem(event, `an event sub-process started by ${TRIGGER[def.$type] === 'error' ? 'an error' : 'a compensation'} always interrupts; remove isInterrupting="false" from ${label(event)} (only message, timer, signal, conditional and escalation starts can be non-interrupting)`);
    }
  }
}

/** EXT.123: in an executable process a conditional trigger's condition is a formal expression. */
function checkConditions(ctx: ConstraintContext): void {
  for (const def of ctx.ofType('bpmn:ConditionalEventDefinition')) {
    const condition = def.condition as ModdleElement | undefined;
    const body = typeof condition?.body === 'string' ? condition.body.trim() : '';
    if (!condition || condition.$type === 'bpmn:FormalExpression' || !body) continue; // an empty condition is reported by the builder
    const event = def.$parent;
    ctx.problem(event?.$type === 'bpmn:Definitions' ? def : event, `the condition of the conditional trigger is free text, not an expression the engine can evaluate; give it xsi:type="bpmn:tFormalExpression" and write it in FEEL (e.g. score >= 14)`);
  }
}

/**
 * EXT.099: a process that call activities call begins at a none start event (one with no
 * trigger); a process whose start events all have triggers cannot be started by a call.
 */
function checkCalledProcessStarts(ctx: ConstraintContext): void {
  const reported = new Set<ModdleElement>();
  for (const call of ctx.ofType('bpmn:CallActivity')) {
    const called = ctx.called(call);
    if (!called || called.$type !== 'bpmn:Process' || reported.has(called)) continue;
    const starts = list(called.flowElements).filter((e) => e.$type === 'bpmn:StartEvent');
    if (!starts.length || starts.some((s) => !eventDefinitionsOf(s).length)) continue;
    reported.add(called);
    ctx.problem(called, `the call activity ${label(call)} calls ${label(called)}, but all its start events have triggers (${starts.map((s) => label(s)).join(', ')}); a called process needs a none start event (without a trigger) where the call begins`);
  }
}
