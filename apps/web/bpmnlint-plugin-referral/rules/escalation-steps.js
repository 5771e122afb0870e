// Each SLA escalation step names whom it goes to and after what ISO 8601 duration.
const { is } = require('bpmnlint-utils');
const { findExtension, isIsoDuration } = require('../lib/referral.util');

module.exports = function escalationSteps() {
  function check(node, reporter) {
    if (!is(node, 'bpmn:UserTask')) return;
    const task = findExtension(node, 'referral:Task');
    const steps = (task && task.escalations) || [];
    steps.forEach((step, index) => {
      const n = index + 1;
      if (!step.to) reporter.report(node.id, `Escalation step ${n} does not say whom it goes to`);
      if (!isIsoDuration(step.after)) {
        reporter.report(node.id, `Escalation step ${n} has ${step.after ? `"${step.after}", not` : 'no'} an ISO 8601 duration (e.g. P1D)`);
      }
    });
    if (steps.length && task && !task.sla) {
      reporter.report(node.id, 'Escalation steps count from the SLA, but the task has none');
    }
  }
  return { check };
};
