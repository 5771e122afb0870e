/**
 * Sequence flow and process-level rules: the flow lists of flow nodes, isImmediate, conditional
 * flows from activities, gateway directions, start and end events per process level, and the
 * flows intermediate events need. Flows are counted by their sourceRef and targetRef.
 */
import type { ModdleElement } from '../moddle';
import { ConstraintContext, eventDefinitionsOf, isActivity, isFlowNode, isGateway, label, LEVEL_TYPES, list } from './context';

export function checkFlows(ctx: ConstraintContext): void {
  checkFlowLists(ctx);
  for (const flow of ctx.ofType('bpmn:SequenceFlow')) {
    // EXT.024
    if (flow.isImmediate === false) {
      ctx.problem(flow, 'isImmediate="false" lets activities that are not in the model happen between the two elements, which an executable process cannot allow; remove isImmediate (or set it to true)');
    }
    // EXT.025
    const source = flow.sourceRef as ModdleElement | undefined;
    if (flow.conditionExpression && isActivity(source) && ctx.outgoingOf(source!).length === 1) {
      ctx.problem(flow, `the only flow leaving ${label(source)} has a condition; a conditional flow needs a sibling flow from the same activity — remove the condition, or put an exclusive gateway after the activity`);
    }
  }
  checkGateways(ctx);
  checkLevels(ctx);
  checkEventFlows(ctx);
}

/**
 * EXT.023: a flow node's <incoming>/<outgoing> lists and the flows' sourceRef/targetRef are two
 * records of the same connection and must agree. A file that lists flows on none of a process's
 * nodes (hand-written XML) leaves them to be derived; once a process lists them, they are checked.
 */
function checkFlowLists(ctx: ConstraintContext): void {
  const nodesByProcess = new Map<ModdleElement, ModdleElement[]>();
  for (const element of ctx.elements) {
    if (!isFlowNode(element) || !ctx.inScope(element)) continue;
    const owner = ctx.callableOf(element);
    if (!owner) continue;
    const nodes = nodesByProcess.get(owner);
    if (nodes) nodes.push(element);
    else nodesByProcess.set(owner, [element]);
  }
  for (const nodes of nodesByProcess.values()) {
    if (!nodes.some((n) => list(n.incoming).length || list(n.outgoing).length)) continue;
    for (const node of nodes) {
      for (const [listed, actual, side, end] of [
        [list(node.outgoing), ctx.outgoingOf(node), 'outgoing', 'sourceRef'],
        [list(node.incoming), ctx.incomingOf(node), 'incoming', 'targetRef'],
      ] as const) {
        for (const flow of actual) {
          if (!listed.includes(flow)) {
            ctx.problem(node, `the sequence flow "${flow.id}" ${side === 'outgoing' ? 'leaves' : 'enters'} ${label(node)}, but the element does not list it as ${side}; add <${side}>${flow.id}</${side}> to the element (saving the diagram from the modeller writes both)`);
          }
        }
        for (const flow of listed) {
          const other = flow?.[end] as ModdleElement | undefined;
          if (flow && other !== node) {
            ctx.problem(node, `${label(node)} lists the sequence flow "${flow.id}" as ${side}, but that flow ${side === 'outgoing' ? 'starts' : 'ends'} at ${other ? label(other) : 'no element'}; remove it from the list or reconnect the flow`);
          }
        }
      }
    }
  }
}

/** EXT.017, EXT.018, EXT.019, EXT.135. */
function checkGateways(ctx: ConstraintContext): void {
  for (const gateway of ctx.elements.filter((e) => isGateway(e) && ctx.inScope(e))) {
    const ins = ctx.incomingOf(gateway).length;
    const outs = ctx.outgoingOf(gateway).length;
    const counts = `it has ${ins} incoming and ${outs} outgoing`;
    const direction = String(gateway.gatewayDirection ?? 'Unspecified');
    if (direction === 'Converging' && outs > 1) {
      ctx.problem(gateway, `a converging gateway merges flows and may have only one outgoing flow (${counts}); split after it with another gateway, or set gatewayDirection to Mixed or Unspecified`);
    } else if (direction === 'Diverging' && ins > 1) {
      ctx.problem(gateway, `a diverging gateway splits the flow and may have only one incoming flow (${counts}); merge before it with another gateway, or set gatewayDirection to Mixed or Unspecified`);
    } else if (direction === 'Mixed' && (ins < 2 || outs < 2)) {
      ctx.problem(gateway, `a mixed gateway must both merge and split: several incoming and several outgoing flows (${counts}); set gatewayDirection to match what it does`);
    }
    // An unconnected gateway, and an event-based gateway with fewer than two outgoing flows, are reported by the process builder.
    if (ins < 2 && outs < 2 && ins + outs > 0 && gateway.$type !== 'bpmn:EventBasedGateway') {
      const fix = !outs ? 'connect it to the elements the flow continues to' : !ins ? 'connect the element before it to it' : 'remove the gateway and connect the two flows directly';
      ctx.problem(gateway, `a gateway must split the flow (several outgoing flows) or merge it (several incoming flows), and ${counts}; ${fix}`);
    }
  }
}

/**
 * EXT.097 and EXT.105: on one process level (a process or a sub-process), start and end events
 * come together: with an end event there must be a start event, and with a start event an end event.
 */
function checkLevels(ctx: ConstraintContext): void {
  for (const level of ctx.ofType(...LEVEL_TYPES)) {
    if (level.$type === 'bpmn:AdHocSubProcess') continue; // no start or end events at all (EXT.062)
    const children = list(level.flowElements);
    const starts = children.filter((e) => e.$type === 'bpmn:StartEvent');
    const ends = children.filter((e) => e.$type === 'bpmn:EndEvent');
    const instantiating = children.some((e) => (e.$type === 'bpmn:ReceiveTask' || e.$type === 'bpmn:EventBasedGateway') && e.instantiate === true);
    const what = level.$type === 'bpmn:Process' ? 'the process' : `the ${level.triggeredByEvent === true ? 'event ' : ''}sub-process ${label(level)}`;
    if (ends.length && !starts.length && !instantiating) {
      ctx.problem(level, `${what} has an end event but no start event; a process level that ends with end events must begin with a start event — add one before its first element`);
    }
    if (starts.length && !ends.length) {
      ctx.problem(level, `${what} has a start event but no end event; a process level that begins with a start event must finish in an end event — add one after its last element`);
    }
  }
}

/**
 * A start event is the source of a sequence flow and an end event the target of one; an
 * intermediate event in the flow is both, except that a link catch event has no incoming flow
 * and a link throw event no outgoing one (EXT.101, EXT.107, EXT.115, EXT.116).
 */
function checkEventFlows(ctx: ConstraintContext): void {
  const isLink = (e: ModdleElement) => eventDefinitionsOf(e).some((d) => d.$type === 'bpmn:LinkEventDefinition');
  for (const event of ctx.ofType('bpmn:StartEvent', 'bpmn:EndEvent', 'bpmn:IntermediateCatchEvent', 'bpmn:IntermediateThrowEvent')) {
    const needsIncoming = event.$type === 'bpmn:EndEvent' || event.$type === 'bpmn:IntermediateThrowEvent' || (event.$type === 'bpmn:IntermediateCatchEvent' && !isLink(event));
    const needsOutgoing = event.$type === 'bpmn:StartEvent' || event.$type === 'bpmn:IntermediateCatchEvent' || (event.$type === 'bpmn:IntermediateThrowEvent' && !isLink(event));
    const kind = event.$type === 'bpmn:StartEvent' ? 'a start event' : event.$type === 'bpmn:EndEvent' ? 'an end event' : 'an intermediate event';
    if (needsIncoming && !ctx.incomingOf(event).length) {
      ctx.problem(event, `${kind} must be the target of a sequence flow, and ${label(event)} has no incoming flow; connect the element before it to it`);
    }
    if (needsOutgoing && !ctx.outgoingOf(event).length) {
      ctx.problem(event, `${kind} must be the source of a sequence flow, and ${label(event)} has no outgoing flow; connect it to the next element`);
    }
  }
}
