// Shared helpers for the referral rules: extension lookup, ISO 8601 durations, expressions.
const { is } = require('bpmnlint-utils');

const DATA_SCOPES = ['identity', 'address', 'safe-contact', 'dash', 'perpetrator', 'children', 'health', 'minutes'];
const FIELD_TYPES = ['string', 'text', 'number', 'integer', 'boolean', 'date', 'enum', 'list'];

/** ISO 8601 duration (PnYnMnWnDTnHnMnS), at least one component. */
const DURATION = /^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

function isIsoDuration(text) {
  return typeof text === 'string' && DURATION.test(text.trim());
}

/** A retry cycle such as `R3/PT10S`. */
function isRetryCycle(text) {
  if (typeof text !== 'string') return false;
  const match = /^R(\d+)\/(.+)$/.exec(text.trim());
  return !!match && isIsoDuration(match[2]);
}

function extensionValues(node) {
  const ext = node && node.extensionElements;
  return (ext && ext.values) || [];
}

/** The first extension element of a type, e.g. `referral:Task`. */
function findExtension(node, type) {
  return extensionValues(node).find((value) => is(value, type));
}

function splitList(text) {
  return typeof text === 'string' ? text.split(/[\s,]+/).filter(Boolean) : [];
}

/** FEEL expressions may start with `=`; a language attribute, when given, must name FEEL. */
function isFeelLanguage(language) {
  return !language || /feel/i.test(language);
}

/**
 * Every expression an element carries, where the engine reads one: `{ where, text, language }`.
 * `language` is set only where BPMN lets a model name the expression language.
 */
function collectExpressions(node) {
  const out = [];
  const push = (where, expr) => {
    if (!expr) return;
    if (typeof expr === 'string') {
      out.push({ where, text: expr });
    } else if (typeof expr.body === 'string') {
      out.push({ where, text: expr.body, language: expr.language });
    }
  };

  push('condition', node.conditionExpression);
  push('activation condition', node.activationCondition);

  for (const def of node.eventDefinitions || []) {
    if (is(def, 'bpmn:ConditionalEventDefinition')) push('event condition', def.condition);
    if (is(def, 'bpmn:TimerEventDefinition')) {
      push('timer duration', def.timeDuration);
      push('timer date', def.timeDate);
      push('timer cycle', def.timeCycle);
    }
  }

  const loop = node.loopCharacteristics;
  if (loop) {
    push('loop cardinality', loop.loopCardinality);
    push('completion condition', loop.completionCondition);
    push('loop condition', loop.loopCondition);
  }

  if (is(node, 'bpmn:ScriptTask') && typeof node.script === 'string') {
    out.push({ where: 'script', text: node.script, language: node.scriptFormat, script: true });
  }

  for (const value of extensionValues(node)) {
    if (is(value, 'referral:Decision')) push('decision expression', value.expression);
    if (is(value, 'zeebe:IoMapping')) {
      for (const p of value.inputParameters || []) push(`input ${p.target || ''}`.trim(), p.source);
      for (const p of value.outputParameters || []) push(`output ${p.target || ''}`.trim(), p.source);
    }
    if (is(value, 'zeebe:LoopCharacteristics')) {
      push('input collection', value.inputCollection);
      push('output element', value.outputElement);
      push('completion condition', value.completionCondition);
    }
    if (is(value, 'zeebe:Subscription')) push('correlation key', value.correlationKey);
    if (is(value, 'zeebe:Script')) push('script', value.expression);
    if (is(value, 'zeebe:CalledElement')) push('called element', value.processId);
  }
  return out;
}

module.exports = {
  DATA_SCOPES,
  FIELD_TYPES,
  isIsoDuration,
  isRetryCycle,
  findExtension,
  extensionValues,
  splitList,
  isFeelLanguage,
  collectExpressions,
};
