// A call activity must name the process it starts.
const { is } = require('bpmnlint-utils');
const { findExtension } = require('../lib/referral.util');

module.exports = function callActivities() {
  function check(node, reporter) {
    if (!is(node, 'bpmn:CallActivity')) return;
    const called = findExtension(node, 'zeebe:CalledElement');
    if (!node.calledElement && !(called && called.processId)) {
      reporter.report(node.id, 'Call activity does not name the process it calls');
    }
  }
  return { check };
};
