// Only element types the engine executes (libs/engine NodeKind) may appear in a process.
const { is } = require('bpmnlint-utils');

const SUPPORTED = new Set([
  'bpmn:StartEvent', 'bpmn:EndEvent', 'bpmn:IntermediateCatchEvent', 'bpmn:IntermediateThrowEvent', 'bpmn:BoundaryEvent',
  'bpmn:Task', 'bpmn:ManualTask', 'bpmn:UserTask', 'bpmn:ServiceTask', 'bpmn:ScriptTask', 'bpmn:BusinessRuleTask',
  'bpmn:SendTask', 'bpmn:ReceiveTask', 'bpmn:SubProcess', 'bpmn:AdHocSubProcess', 'bpmn:Transaction', 'bpmn:CallActivity',
  'bpmn:ExclusiveGateway', 'bpmn:ParallelGateway', 'bpmn:InclusiveGateway', 'bpmn:EventBasedGateway', 'bpmn:ComplexGateway',
  'bpmn:SequenceFlow',
  // not executed, but harmless to carry in a model
  'bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference', 'bpmn:TextAnnotation', 'bpmn:Association', 'bpmn:Group',
]);

const SUPPORTED_EVENTS = new Set([
  'bpmn:MessageEventDefinition', 'bpmn:TimerEventDefinition', 'bpmn:SignalEventDefinition', 'bpmn:ConditionalEventDefinition',
  'bpmn:ErrorEventDefinition', 'bpmn:EscalationEventDefinition', 'bpmn:CompensateEventDefinition',
  'bpmn:CancelEventDefinition', 'bpmn:TerminateEventDefinition', 'bpmn:LinkEventDefinition',
]);

module.exports = function supportedElements() {
  function check(node, reporter) {
    if (is(node, 'bpmn:FlowElement') || is(node, 'bpmn:Artifact')) {
      if (!SUPPORTED.has(node.$type)) {
        reporter.report(node.id, `${node.$type.replace('bpmn:', '')} is not executed by the engine`);
      }
    }
    for (const def of node.eventDefinitions || []) {
      if (!SUPPORTED_EVENTS.has(def.$type)) {
        reporter.report(node.id, `${def.$type.replace('bpmn:', '')} is not executed by the engine`);
      }
    }
  }
  return { check };
};
