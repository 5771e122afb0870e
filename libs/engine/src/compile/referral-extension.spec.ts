import { bpmn, chain } from '../../test-support/bpmn.fixture';
import { compile } from './compile';

const task = (referral: string) =>
  bpmn(`
    <bpmn:startEvent id="start"/>
    <bpmn:userTask id="u"><bpmn:extensionElements>${referral}</bpmn:extensionElements></bpmn:userTask>
    <bpmn:endEvent id="end"/>
    ${chain('f', 'start', 'u', 'end')}`);

const problems = (xml: string) => (compile(xml).problems ?? []).map((p) => `${p.elementId ?? '-'}: ${p.message}`);

describe('the referral extension', () => {
  it('given a complete referral:task, when compiled, then the assignment, SLA, calendar, escalation chain, scopes and form are on the node and in model.forms', () => {
    const { model } = compile(
      task(`<referral:task agency="police" role="spoc" sla="P2D" calendar="partnership" reminder="PT4H" scopes="identity dash dash">
        <referral:escalation to="agency-spoc" after="PT0S"/>
        <referral:escalation to="steering-group" after="P5D"/>
        <referral:field name="riskScore" type="integer" required="true" scope="dash" label="DASH score"/>
        <referral:field name="outcome" type="enum" options="accepted, declined"/>
        <referral:field name="notes"/>
      </referral:task>`),
    );
    const expected = {
      agency: 'police',
      role: 'spoc',
      sla: 'P2D',
      reminder: 'PT4H',
      calendar: 'partnership',
      escalation: [
        { to: 'agency-spoc', after: 'PT0S' },
        { to: 'steering-group', after: 'P5D' },
      ],
      dataScopes: ['identity', 'dash'],
      form: [
        { name: 'riskScore', type: 'integer', required: true, scope: 'dash', label: 'DASH score' },
        { name: 'outcome', type: 'enum', required: false, options: ['accepted', 'declined'] },
        { name: 'notes', type: 'string', required: false },
      ],
    };
    expect(model!.processes.p!.nodes.u!.userTask).toEqual(expected);
    expect(model!.forms).toEqual({ u: expected.form });
  });

  it.each([
    ['a bad SLA', '<referral:task sla="2 days"/>', ['u: the SLA "2 days" is not an ISO 8601 duration (e.g. P2D for two working days)']],
    ['a bad reminder', '<referral:task sla="P2D" reminder="tomorrow"/>', ['u: the reminder "tomorrow" is not an ISO 8601 duration (e.g. P2D for two working days)']],
    ['a reminder without an SLA', '<referral:task reminder="P1D"/>', ['u: the task has a reminder but no SLA to be reminded of']],
    ['an escalation without an SLA', '<referral:task><referral:escalation to="agency-spoc" after="P1D"/></referral:task>', ['u: the task has an escalation chain but no SLA to escalate from']],
    ['an escalation to no one', '<referral:task sla="P1D"><referral:escalation after="P1D"/></referral:task>', ['u: an escalation step names no one to escalate to (to="…")']],
    ['an escalation with a bad delay', '<referral:task sla="P1D"><referral:escalation to="x" after="soon"/></referral:task>', ['u: the escalation to "x" after "soon" is not an ISO 8601 duration (e.g. P2D for two working days)']],
    ['an unknown data scope', '<referral:task scopes="dash medical"/>', ['u: unknown data scope "medical"; use identity, address, safe-contact, dash, perpetrator, children, health, minutes']],
    ['an unknown field type', '<referral:task><referral:field name="a" type="colour"/></referral:task>', ['u: the form field "a" has an unknown type "colour"; use string, text, number, integer, boolean, date, enum, list']],
    ['a field name that is not a variable name', '<referral:task><referral:field name="first name"/></referral:task>', ['u: the form field name "first name" is not a variable name']],
    ['an enum without options', '<referral:task><referral:field name="c" type="enum"/></referral:task>', ['u: the enum field "c" lists no options']],
    ['a field with an unknown scope', '<referral:task><referral:field name="d" scope="bank"/></referral:task>', ['u: the form field "d" has an unknown data scope "bank"']],
    ['a field declared twice', '<referral:task><referral:field name="d"/><referral:field name="d"/></referral:task>', ['u: the form field "d" is declared twice']],
    ['a task attribute the schema does not have', '<referral:task colour="red"/>', ['u: unknown attribute <colour>']],
  ])('given %s, when compiled, then the problem is on the task and says what to write', (_what, referral, expected) => {
    expect(problems(task(referral))).toEqual(expected);
  });

  it('given a referral:decision without a result variable, when compiled, then it is reported', () => {
    const xml = bpmn(`<bpmn:startEvent id="start"/><bpmn:businessRuleTask id="d"><bpmn:extensionElements><referral:decision expression="=1"/></bpmn:extensionElements></bpmn:businessRuleTask><bpmn:endEvent id="end"/>${chain('f', 'start', 'd', 'end')}`);
    expect(problems(xml)).toEqual(['d: the decision has no resultVariable']);
  });

  it('given a business rule task without a decision, when compiled, then it says how to add one', () => {
    const xml = bpmn(`<bpmn:startEvent id="start"/><bpmn:businessRuleTask id="d"/><bpmn:endEvent id="end"/>${chain('f', 'start', 'd', 'end')}`);
    expect(problems(xml)).toEqual(['d: the business rule task has no decision; add <referral:decision expression="…" resultVariable="…"/>']);
  });

  it('given a decision that is not valid FEEL, when compiled, then it is reported on the task', () => {
    const xml = bpmn(`<bpmn:startEvent id="start"/><bpmn:businessRuleTask id="d"><bpmn:extensionElements><referral:decision expression="=if x then" resultVariable="r"/></bpmn:extensionElements></bpmn:businessRuleTask><bpmn:endEvent id="end"/>${chain('f', 'start', 'd', 'end')}`);
    expect(problems(xml)).toEqual([expect.stringMatching(/^d: the decision is not valid FEEL: FEEL syntax error/)]);
  });

  it('given FEEL in the agency, SLA and candidate groups, when compiled, then they are kept as expressions for task creation and checked', () => {
    const { model } = compile(task('<referral:task agency="=action.agency" sla="=params.sla"/><zeebe:assignmentDefinition candidateGroups="=[action.agency]"/>'));
    expect(model!.processes.p!.nodes.u!.assignmentExprs).toEqual({ agency: { src: 'action.agency' }, sla: { src: 'params.sla' }, candidateGroups: { src: '[action.agency]' } });
    expect(problems(task('<referral:task agency="=action.("/>'))).toEqual([expect.stringMatching(/^u: the task's agency is not valid FEEL/)]);
  });
});
