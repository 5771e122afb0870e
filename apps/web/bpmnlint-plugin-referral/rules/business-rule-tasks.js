// A business rule task runs a FEEL decision and stores its result in a variable.
const { is } = require('bpmnlint-utils');
const { findExtension } = require('../lib/referral.util');

module.exports = function businessRuleTasks() {
  function check(node, reporter) {
    if (!is(node, 'bpmn:BusinessRuleTask')) return;
    const decision = findExtension(node, 'referral:Decision');
    if (!decision || !decision.expression || !decision.expression.replace(/^\s*=/, '').trim()) {
      reporter.report(node.id, 'Business rule task has no FEEL decision expression');
    }
    if (!decision || !decision.resultVariable) {
      reporter.report(node.id, 'Business rule task has no result variable');
    }
  }
  return { check };
};
