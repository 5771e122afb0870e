// Each referral rule: a model it accepts and the models it rejects, with the element reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, only, process } from './lint.util.mjs';

const ids = (reports) => reports.map((r) => r.id).sort();
const task = (attrs, children = '') =>
  process(`<bpmn:userTask id="t"><bpmn:extensionElements><referral:task ${attrs}>${children}</referral:task></bpmn:extensionElements></bpmn:userTask>`);

test('supported-elements rejects a choreography-only element and an unknown event definition type', async () => {
  const ok = await lint(process('<bpmn:startEvent id="s"/><bpmn:userTask id="u"/>'), only('supported-elements'));
  assert.deepEqual(ok, []);
  const bad = await lint(process('<bpmn:implicitThrowEvent id="x"/>'), only('supported-elements'));
  assert.deepEqual(ids(bad), ['x']);
});

test('feel-only rejects a JavaScript condition and a Groovy script, accepts FEEL', async () => {
  const xml = process(`
    <bpmn:exclusiveGateway id="g"/>
    <bpmn:task id="a"/><bpmn:task id="b"/>
    <bpmn:sequenceFlow id="f1" sourceRef="g" targetRef="a"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="javascript">score &gt; 14</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="b"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="http://www.omg.org/spec/FEEL/20140401">= score &lt;= 14</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:scriptTask id="s" scriptFormat="groovy"><bpmn:script>x = 1</bpmn:script></bpmn:scriptTask>
    <bpmn:scriptTask id="s2" scriptFormat="feel"><bpmn:script>= 1 + 1</bpmn:script></bpmn:scriptTask>`);
  assert.deepEqual(ids(await lint(xml, only('feel-only'))), ['f1', 's']);
});

test('no-juel rejects ${…} in conditions, timers, decisions and zeebe mappings', async () => {
  const xml = process(`
    <bpmn:task id="a"/><bpmn:task id="b"/>
    <bpmn:sequenceFlow id="f1" sourceRef="a" targetRef="b"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">\${score &gt; 14}</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:intermediateCatchEvent id="timer"><bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">#{delay}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:businessRuleTask id="d"><bpmn:extensionElements><referral:decision expression="\${x}" resultVariable="r"/></bpmn:extensionElements></bpmn:businessRuleTask>
    <bpmn:serviceTask id="svc"><bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="\${caseId}" target="id"/></zeebe:ioMapping></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:serviceTask id="ok"><bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="= caseId" target="id"/></zeebe:ioMapping></bpmn:extensionElements></bpmn:serviceTask>`);
  assert.deepEqual(ids(await lint(xml, only('no-juel'))), ['d', 'f1', 'svc', 'timer']);
});

test('gateway-conditions: each flow out of a decision gateway has a condition or is the default', async () => {
  const flows = (defaultAttr, c2) => process(`
    <bpmn:exclusiveGateway id="g" ${defaultAttr}/>
    <bpmn:task id="a"/><bpmn:task id="b"/>
    <bpmn:sequenceFlow id="f1" sourceRef="g" targetRef="a"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">= high</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="b">${c2}</bpmn:sequenceFlow>`);
  assert.deepEqual(ids(await lint(flows('', ''), only('gateway-conditions'))), ['f2']);
  assert.deepEqual(ids(await lint(flows('', '<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=</bpmn:conditionExpression>'), only('gateway-conditions'))), ['f2']);
  assert.deepEqual(await lint(flows('default="f2"', ''), only('gateway-conditions')), []);
  assert.deepEqual(await lint(flows('', '<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">= not(high)</bpmn:conditionExpression>'), only('gateway-conditions')), []);
  // a parallel split needs none
  const parallel = process(`<bpmn:parallelGateway id="g"/><bpmn:task id="a"/><bpmn:task id="b"/>
    <bpmn:sequenceFlow id="f1" sourceRef="g" targetRef="a"/><bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="b"/>`);
  assert.deepEqual(await lint(parallel, only('gateway-conditions')), []);
});

test('user-task-sla: an agency task needs a valid SLA, a reminder must be a duration', async () => {
  assert.deepEqual(await lint(task('agency="idva" sla="P2D" reminder="P1D"'), only('user-task-sla')), []);
  const missing = await lint(task('agency="idva"'), only('user-task-sla'));
  assert.equal(missing.length, 1);
  assert.match(missing[0].message, /owned by idva has no SLA/);
  assert.match((await lint(task('agency="idva" sla="2 days"'), only('user-task-sla')))[0].message, /not an ISO 8601 duration/);
  assert.match((await lint(task('agency="idva" sla="P2D" reminder="tomorrow"'), only('user-task-sla')))[0].message, /Reminder/);
  assert.match((await lint(process('<bpmn:userTask id="t"/>'), only('user-task-sla')))[0].message, /no agency/);
});

test('escalation-steps: each step has a target and an ISO duration', async () => {
  const good = task('agency="police" sla="P1D"', '<referral:escalation to="agency-spoc" after="P1D"/><referral:escalation to="steering-group" after="PT12H"/>');
  assert.deepEqual(await lint(good, only('escalation-steps')), []);
  const bad = task('agency="police" sla="P1D"', '<referral:escalation to="agency-spoc" after="1d"/><referral:escalation after="P2D"/>');
  const messages = (await lint(bad, only('escalation-steps'))).map((r) => r.message);
  assert.deepEqual(messages, ['Escalation step 1 has "1d", not an ISO 8601 duration (e.g. P1D)', 'Escalation step 2 does not say whom it goes to']);
});

test('data-scopes: only the known scopes', async () => {
  assert.deepEqual(await lint(task('scopes="identity, dash safe-contact"'), only('data-scopes')), []);
  assert.match((await lint(task('scopes="identity,medical"'), only('data-scopes')))[0].message, /Unknown data scope "medical"/);
});

test('form-fields: names, types, options and scopes', async () => {
  const good = task('scopes="dash"', '<referral:field name="dashScore" type="integer" required="true" scope="dash"/><referral:field name="level" type="enum" options="standard,medium,high"/>');
  assert.deepEqual(await lint(good, only('form-fields')), []);
  const bad = task('scopes="dash"', `
    <referral:field name="a b" type="string"/>
    <referral:field name="x" type="colour"/>
    <referral:field name="x" type="enum"/>
    <referral:field name="y" type="string" scope="health"/>`);
  const messages = (await lint(bad, only('form-fields'))).map((r) => r.message);
  assert.equal(messages.length, 5, messages.join('\n'));
  assert.ok(messages.some((m) => /declared twice/.test(m)));
  assert.ok(messages.some((m) => /type "colour"/.test(m)));
  assert.ok(messages.some((m) => /choice with no options/.test(m)));
  assert.ok(messages.some((m) => /may not see/.test(m)));
});

test('service-tasks, business-rule-tasks and call-activities name what they run', async () => {
  const xml = process(`
    <bpmn:serviceTask id="s1"/>
    <bpmn:serviceTask id="s2"><bpmn:extensionElements><referral:service type="notify" retry="R3/PT10S"/></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:serviceTask id="s3"><bpmn:extensionElements><referral:service type="notify" retry="3 times"/></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:serviceTask id="s4"><bpmn:extensionElements><zeebe:taskDefinition type="notify"/></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:businessRuleTask id="b1"/>
    <bpmn:businessRuleTask id="b2"><bpmn:extensionElements><referral:decision expression="= score &gt;= 14" resultVariable="highRisk"/></bpmn:extensionElements></bpmn:businessRuleTask>
    <bpmn:callActivity id="c1"/>
    <bpmn:callActivity id="c2" calledElement="marac"/>`);
  const config = { rules: { 'referral/service-tasks': 'error', 'referral/business-rule-tasks': 'error', 'referral/call-activities': 'error' } };
  assert.deepEqual([...new Set(ids(await lint(xml, config)))], ['b1', 'c1', 's1', 's3']);
});

test('the recommended config (.bpmnlintrc) passes a small well-formed pathway', async () => {
  const xml = process(`
    <bpmn:startEvent id="start" name="Referral received"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="triage" name="IDVA triage">
      <bpmn:extensionElements><referral:task agency="idva" role="idva" sla="P2D" calendar="default" scopes="identity,dash">
        <referral:escalation to="agency-spoc" after="P1D"/>
        <referral:field name="contacted" type="boolean" required="true"/>
      </referral:task></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="end" name="Done"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="triage"/>
    <bpmn:sequenceFlow id="f2" sourceRef="triage" targetRef="end"/>`);
  assert.deepEqual(await lint(xml), []);
});
