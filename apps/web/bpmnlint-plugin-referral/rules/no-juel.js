// `${…}` / `#{…}` is JUEL or JavaScript templating (Camunda 7, Activiti): the engine evaluates
// FEEL only and never runs JavaScript from a model.
const { collectExpressions } = require('../lib/referral.util');

const TEMPLATE = /[$#]\{/;

module.exports = function noJuel() {
  function check(node, reporter) {
    if (!node.id) return;
    for (const expr of collectExpressions(node)) {
      if (TEMPLATE.test(expr.text)) {
        reporter.report(node.id, `The ${expr.where} uses a \${…} expression (JUEL/JavaScript); write it in FEEL, e.g. = score >= 14`);
      }
    }
  }
  return { check };
};
