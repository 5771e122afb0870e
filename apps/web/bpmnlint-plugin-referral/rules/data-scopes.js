// Data scopes a task may see: only the scopes the access layer knows.
const { is } = require('bpmnlint-utils');
const { findExtension, splitList, DATA_SCOPES } = require('../lib/referral.util');

module.exports = function dataScopes() {
  function check(node, reporter) {
    if (!is(node, 'bpmn:UserTask')) return;
    const task = findExtension(node, 'referral:Task');
    for (const scope of splitList(task && task.scopes)) {
      if (!DATA_SCOPES.includes(scope)) {
        reporter.report(node.id, `Unknown data scope "${scope}" (known: ${DATA_SCOPES.join(', ')})`);
      }
    }
  }
  return { check };
};
