// Expressions are FEEL and only FEEL: a condition, timer or script naming another language
// (JavaScript, Groovy, JUEL…) would never run.
const { collectExpressions, isFeelLanguage } = require('../lib/referral.util');

module.exports = function feelOnly() {
  function check(node, reporter) {
    if (!node.id) return;
    for (const expr of collectExpressions(node)) {
      if (expr.script && !isFeelLanguage(expr.language)) {
        reporter.report(node.id, `Script format "${expr.language}" is not executed: scripts must be FEEL`, ['scriptFormat']);
      } else if (!isFeelLanguage(expr.language)) {
        reporter.report(node.id, `The ${expr.where} is in "${expr.language}": expressions must be FEEL`);
      }
    }
  }
  return { check };
};
