// Form fields: a unique name, a known type, options for choices, a known scope that the task
// is allowed to see.
const { is } = require('bpmnlint-utils');
const { findExtension, splitList, DATA_SCOPES, FIELD_TYPES } = require('../lib/referral.util');

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

module.exports = function formFields() {
  function check(node, reporter) {
    if (!is(node, 'bpmn:UserTask')) return;
    const task = findExtension(node, 'referral:Task');
    if (!task) return;
    const taskScopes = splitList(task.scopes);
    const seen = new Set();
    (task.fields || []).forEach((field, index) => {
      const label = field.name ? `Field "${field.name}"` : `Field ${index + 1}`;
      if (!field.name) reporter.report(node.id, `${label} has no name`);
      else if (!NAME.test(field.name)) reporter.report(node.id, `${label}: the name must be a FEEL identifier (letters, digits, _)`);
      else if (seen.has(field.name)) reporter.report(node.id, `${label} is declared twice`);
      if (field.name) seen.add(field.name);
      if (!FIELD_TYPES.includes(field.type)) {
        reporter.report(node.id, `${label} has ${field.type ? `type "${field.type}"` : 'no type'} (known: ${FIELD_TYPES.join(', ')})`);
      }
      if ((field.type === 'enum' || field.type === 'list') && splitList(field.options).length === 0) {
        reporter.report(node.id, `${label} is a choice with no options`);
      }
      if (field.scope && !DATA_SCOPES.includes(field.scope)) {
        reporter.report(node.id, `${label} has unknown data scope "${field.scope}"`);
      } else if (field.scope && taskScopes.length && !taskScopes.includes(field.scope)) {
        reporter.report(node.id, `${label} writes scope "${field.scope}", which the task may not see`);
      }
    });
  }
  return { check };
};
