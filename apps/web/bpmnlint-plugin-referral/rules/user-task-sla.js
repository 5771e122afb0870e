// A user task owned by an agency has an SLA (ISO 8601 duration), so it gets a due time, a
// reminder and an escalation chain. A task owned by nobody sits in no queue.
const { is } = require('bpmnlint-utils');
const { findExtension, isIsoDuration } = require('../lib/referral.util');

module.exports = function userTaskSla() {
  function check(node, reporter) {
    if (!is(node, 'bpmn:UserTask')) return;
    const task = findExtension(node, 'referral:Task');
    const assignment = findExtension(node, 'zeebe:AssignmentDefinition');
    const agency = task && task.agency;
    if (!agency && !(assignment && (assignment.candidateGroups || assignment.assignee))) {
      reporter.report(node.id, 'User task has no agency: set the owning agency');
      return;
    }
    if (!task || !task.sla) {
      reporter.report(node.id, `User task owned by ${agency || 'an agency'} has no SLA`);
    } else if (!isIsoDuration(task.sla)) {
      reporter.report(node.id, `SLA "${task.sla}" is not an ISO 8601 duration (e.g. P2D, PT4H)`);
    }
    if (task && task.reminder && !isIsoDuration(task.reminder)) {
      reporter.report(node.id, `Reminder "${task.reminder}" is not an ISO 8601 duration (e.g. P1D)`);
    }
  }
  return { check };
};
