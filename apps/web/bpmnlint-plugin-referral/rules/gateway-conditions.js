// A decision gateway with several outgoing flows needs a condition on each flow or a default
// flow; otherwise a case can stop there with no way on (an incident at run time).
const { is } = require('bpmnlint-utils');

function hasCondition(flow) {
  const body = flow.conditionExpression && flow.conditionExpression.body;
  return typeof body === 'string' && body.replace(/^\s*=/, '').trim() !== '';
}

// `outgoing` is filled only when the XML lists <outgoing> refs (bpmn-js writes them; hand-written
// files may not), so fall back to the flows that name the gateway as their source.
function outgoingFlows(node) {
  if (node.outgoing && node.outgoing.length) return node.outgoing;
  const siblings = (node.$parent && node.$parent.flowElements) || [];
  return siblings.filter((el) => is(el, 'bpmn:SequenceFlow') && el.sourceRef === node);
}

module.exports = function gatewayConditions() {
  function check(node, reporter) {
    if (!is(node, 'bpmn:ExclusiveGateway') && !is(node, 'bpmn:InclusiveGateway') && !is(node, 'bpmn:ComplexGateway')) return;
    const outgoing = outgoingFlows(node);
    if (outgoing.length < 2) return;
    for (const flow of outgoing) {
      if (node.default === flow) {
        if (hasCondition(flow)) reporter.report(flow.id, 'The default flow must not have a condition');
      } else if (!hasCondition(flow)) {
        reporter.report(flow.id, 'Flow out of a decision gateway needs a FEEL condition (or make it the default flow)');
      }
    }
  }
  return { check };
};
