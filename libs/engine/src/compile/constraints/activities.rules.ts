/**
 * Activity and artifact rules: ad-hoc sub-processes, resource roles (performers), choreography
 * activities in processes, MIME types of scripts and text annotations, conditions that cannot
 * be true or false, and event-based gateway configurations.
 */
import type { ModdleElement } from '../moddle';
import { an, ConstraintContext, eventDefinitionsOf, isActivity, label, list, typeName } from './context';

export function checkActivities(ctx: ConstraintContext): void {
  checkAdHoc(ctx);
  checkResources(ctx);
  checkChoreographyActivities(ctx);
  checkMimeTypes(ctx);
  checkLiteralConditions(ctx);
  checkEventGatewayConfigurations(ctx);
}

/** EXT.061, EXT.062. */
function checkAdHoc(ctx: ConstraintContext): void {
  for (const adHoc of ctx.ofType('bpmn:AdHocSubProcess')) {
    const children = list(adHoc.flowElements);
    if (!children.some((e) => isActivity(e))) {
      ctx.problem(adHoc, `the ad-hoc sub-process ${label(adHoc)} contains no activity; it must contain at least one task or sub-process to choose from`);
    }
    for (const event of children.filter((e) => e.$type === 'bpmn:StartEvent' || e.$type === 'bpmn:EndEvent')) {
      ctx.problem(event, `${label(event)} is ${an(typeName(event))} inside the ad-hoc sub-process ${label(adHoc)}; an ad-hoc sub-process has no start or end events — its activities start when chosen and it ends by its completion condition`);
    }
  }
}

/**
 * EXT.039, EXT.040: a resource role (performer, potential owner…) names its resource either
 * directly (resourceRef) or by an assignment expression, not both; parameter bindings bind
 * parameters of the named resource, so they need a resourceRef.
 */
function checkResources(ctx: ConstraintContext): void {
  for (const owner of ctx.elements.filter((e) => list(e.resources).length && ctx.inScope(e))) {
    for (const role of list(owner.resources)) {
      const resource = role.resourceRef as ModdleElement | undefined;
      const what = `the ${typeName(role)}${role.name ? ` "${role.name}"` : ''} of ${label(owner)}`;
      if (resource && role.resourceAssignmentExpression) {
        ctx.problem(owner, `${what} names a resource (resourceRef ${label(resource)}) and also a resourceAssignmentExpression; use one of the two`);
      }
      const bindings = list(role.resourceParameterBindings);
      if (bindings.length && !resource) {
        ctx.problem(owner, `${what} binds resource parameters but names no resource (resourceRef); parameter bindings apply to the parameters of the named resource — set resourceRef or remove the bindings`);
        continue;
      }
      for (const binding of bindings) {
        const parameter = binding.parameterRef as ModdleElement | undefined;
        if (parameter && resource && !list(resource.resourceParameters).includes(parameter)) {
          ctx.problem(owner, `${what} binds the parameter ${label(parameter)}, which is not a parameter of its resource ${label(resource)}`);
        }
      }
    }
  }
}

/** EXT.036, EXT.056: choreography activities belong in choreographies, not in processes or sub-processes. */
function checkChoreographyActivities(ctx: ConstraintContext): void {
  for (const element of ctx.ofType('bpmn:ChoreographyTask', 'bpmn:CallChoreography', 'bpmn:SubChoreography')) {
    const parent = element.$parent;
    if (parent && /^bpmn:(Process|SubProcess|Transaction|AdHocSubProcess)$/.test(parent.$type)) {
      ctx.problem(element, `${label(element)} is ${an(typeName(element))}, which belongs in a choreography, not in ${an(typeName(parent))}; use a task (or a call activity) instead`);
    }
  }
}

const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*(\s*;.*)?$/i;

/** EXT.010, EXT.145: formats are MIME types. The engine's own FEEL script format `feel` is accepted as well. */
function checkMimeTypes(ctx: ConstraintContext): void {
  for (const task of ctx.ofType('bpmn:ScriptTask', 'bpmn:GlobalScriptTask')) {
    const format = typeof task.scriptFormat === 'string' ? task.scriptFormat.trim() : '';
    if (format && !MIME.test(format) && format.toLowerCase() !== 'feel') {
      ctx.problem(task, `the script format "${format}" of ${label(task)} is not a MIME type; scriptFormat names the script's MIME type — for FEEL, the engine's script language, use "feel" or "text/x-feel"`);
    }
  }
  for (const annotation of ctx.ofType('bpmn:TextAnnotation')) {
    const format = typeof annotation.textFormat === 'string' ? annotation.textFormat.trim() : '';
    if (format && !MIME.test(format)) {
      ctx.problem(annotation, `the text format "${format}" of the text annotation ${label(annotation)} is not a MIME type; remove textFormat or use one such as "text/plain"`);
    }
  }
}

/**
 * EXT.072 and the other conditions: a condition is a boolean expression; a number or a quoted
 * text is never true or false.
 */
function checkLiteralConditions(ctx: ConstraintContext): void {
  const conditions: [ModdleElement | undefined, ModdleElement | undefined, string][] = [];
  for (const flow of ctx.ofType('bpmn:SequenceFlow')) conditions.push([flow.conditionExpression as ModdleElement | undefined, flow, 'the condition']);
  for (const loop of ctx.ofType('bpmn:StandardLoopCharacteristics')) conditions.push([loop.loopCondition as ModdleElement | undefined, loop.$parent, 'the loop condition']);
  for (const loop of ctx.ofType('bpmn:MultiInstanceLoopCharacteristics')) {
    conditions.push([loop.completionCondition as ModdleElement | undefined, loop.$parent, 'the completion condition']);
    for (const complex of list(loop.complexBehaviorDefinition)) conditions.push([complex.condition as ModdleElement | undefined, loop.$parent, 'the complex behaviour condition']);
  }
  for (const adHoc of ctx.ofType('bpmn:AdHocSubProcess')) conditions.push([adHoc.completionCondition as ModdleElement | undefined, adHoc, 'the completion condition']);
  for (const gateway of ctx.ofType('bpmn:ComplexGateway')) conditions.push([gateway.activationCondition as ModdleElement | undefined, gateway, 'the activation condition']);
  for (const def of ctx.ofType('bpmn:ConditionalEventDefinition')) conditions.push([def.condition as ModdleElement | undefined, def.$parent, 'the event condition']);
  for (const [expression, owner, what] of conditions) {
    const body = typeof expression?.body === 'string' ? expression.body.trim().replace(/^=\s*/, '') : '';
    const literal = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(body) ? 'a number' : /^("[^"]*"|'[^']*')$/.test(body) ? 'a text' : undefined;
    if (literal) {
      ctx.problem(owner, `${what} of ${label(owner)} is ${literal} (${body}), which is never true or false; a condition must be a boolean expression (for example: count >= 3)`);
    }
  }
}

/**
 * EXT.139, EXT.140: after an event-based gateway, either message catch events or receive tasks
 * wait for the messages (not both), and a receive task there has no boundary events.
 */
function checkEventGatewayConfigurations(ctx: ConstraintContext): void {
  for (const gateway of ctx.ofType('bpmn:EventBasedGateway')) {
    const targets = ctx
      .outgoingOf(gateway)
      .map((f) => f.targetRef as ModdleElement | undefined)
      .filter((t): t is ModdleElement => !!t);
    const receiveTasks = targets.filter((t) => t.$type === 'bpmn:ReceiveTask');
    const messageEvents = targets.filter((t) => t.$type === 'bpmn:IntermediateCatchEvent' && eventDefinitionsOf(t).some((d) => d.$type === 'bpmn:MessageEventDefinition'));
    if (receiveTasks.length && messageEvents.length) {
      ctx.problem(gateway, `after the event-based gateway ${label(gateway)} wait for messages either with message catch events (${messageEvents.map((e) => label(e)).join(', ')}) or with receive tasks (${receiveTasks.map((t) => label(t)).join(', ')}), not both; use one kind`);
    }
    for (const task of receiveTasks) {
      const attached = ctx.elements.filter((e) => e.$type === 'bpmn:BoundaryEvent' && e.attachedToRef === task);
      if (attached.length) {
        ctx.problem(task, `the receive task ${label(task)} follows an event-based gateway and cannot have boundary events (${attached.map((b) => label(b)).join(', ')}); put the other event after the gateway instead`);
      }
    }
  }
}
