// Lint a BPMN string with the referral rules in Node, the way the modeller does in the browser.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const { Linter } = require('bpmnlint');
const { BpmnModdle } = await import('bpmn-moddle');
const { createReferralResolver } = require('../lib/node-resolver.js');

const referral = JSON.parse(readFileSync(new URL('../../../../libs/engine/src/compile/referral.schema.json', import.meta.url), 'utf8'));
const zeebe = require('zeebe-bpmn-moddle/resources/zeebe.json');
const lintrc = JSON.parse(readFileSync(new URL('../../.bpmnlintrc', import.meta.url), 'utf8'));

export async function lint(xml, config = lintrc) {
  const moddle = new BpmnModdle({ referral, zeebe });
  const { rootElement, warnings } = await moddle.fromXML(xml);
  if (warnings.length) throw new Error(warnings.map((w) => w.message).join('\n'));
  const linter = new Linter({ config, resolver: createReferralResolver() });
  const reports = await linter.lint(rootElement);
  // flatten { rule: [{ id, message, category }] } to a list
  return Object.entries(reports).flatMap(([rule, items]) => items.map((item) => ({ rule, ...item })));
}

/** Only the referral plugin's rules, at error level. */
export function only(rule) {
  return { rules: { [`referral/${rule}`]: 'error' } };
}

export function process(body, extra = '') {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:referral="http://referral-pathways.org/schema/bpmn/referral/1.0"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  id="defs" targetNamespace="http://example.org/test" ${extra}>
  <bpmn:process id="p" isExecutable="true">${body}</bpmn:process>
</bpmn:definitions>`;
}
