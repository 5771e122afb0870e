// A service task is dispatched by type to a worker handler; retries are an ISO repeating interval.
const { is } = require('bpmnlint-utils');
const { findExtension, isRetryCycle } = require('../lib/referral.util');

module.exports = function serviceTasks() {
  function check(node, reporter) {
    if (!is(node, 'bpmn:ServiceTask') && !is(node, 'bpmn:SendTask')) return;
    const service = findExtension(node, 'referral:Service');
    const definition = findExtension(node, 'zeebe:TaskDefinition');
    const type = (service && service.type) || (definition && definition.type);
    if (!type) {
      reporter.report(node.id, `${is(node, 'bpmn:SendTask') ? 'Send' : 'Service'} task has no service type`);
    }
    if (service && service.retry && !isRetryCycle(service.retry)) {
      reporter.report(node.id, `Retry "${service.retry}" is not an ISO repeating interval (e.g. R3/PT10S)`);
    }
  }
  return { check };
};
