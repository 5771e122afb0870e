// bpmnlint plugin: rules for what the referral-pathways engine executes. The modeller bundles
// it at build time (apps/web/vite.config.ts compiles apps/web/.bpmnlintrc); the same rules run
// in Node through bpmnlint's Linter (see test/).
module.exports = {
  configs: {
    recommended: {
      rules: {
        'supported-elements': 'error',
        'feel-only': 'error',
        'no-juel': 'error',
        'gateway-conditions': 'error',
        'user-task-sla': 'error',
        'escalation-steps': 'error',
        'data-scopes': 'error',
        'form-fields': 'error',
        'service-tasks': 'error',
        'business-rule-tasks': 'error',
        'call-activities': 'error',
      },
    },
  },
  rules: {
    'supported-elements': './rules/supported-elements.js',
    'feel-only': './rules/feel-only.js',
    'no-juel': './rules/no-juel.js',
    'gateway-conditions': './rules/gateway-conditions.js',
    'user-task-sla': './rules/user-task-sla.js',
    'escalation-steps': './rules/escalation-steps.js',
    'data-scopes': './rules/data-scopes.js',
    'form-fields': './rules/form-fields.js',
    'service-tasks': './rules/service-tasks.js',
    'business-rule-tasks': './rules/business-rule-tasks.js',
    'call-activities': './rules/call-activities.js',
  },
};
