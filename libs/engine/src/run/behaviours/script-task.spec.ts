import { bpmn, chain } from '../../../test-support/bpmn.fixture';
import { Scenario } from '../../../test-support/scenario.util';

const between = (task: string) =>
  bpmn(`
    <bpmn:startEvent id="start"/>
    ${task}
    <bpmn:userTask id="next"/>
    <bpmn:endEvent id="end"/>
    ${chain('f', 'start', 'score', 'next', 'end')}`);

describe('script and business rule tasks (FEEL)', () => {
  it('given a FEEL script task with a result variable, when it runs, then the result is stored and the token moves on in the same step', () => {
    const s = Scenario.given(between('<bpmn:scriptTask id="score" scriptFormat="feel" referral:resultVariable="total"><bpmn:script>sum(answers)</bpmn:script></bpmn:scriptTask>')).start({
      variables: { answers: [1, 0, 1, 1] },
    });
    expect(s.trail()).toEqual(['p activated', 'start activated', 'start completed', 'score activated', 'score completed', 'next activated']);
    expect(s.state.variables.total).toBe(3);
  });

  it('given a zeebe:script expression, when it runs, then its result variable is set', () => {
    const s = Scenario.given(between('<bpmn:scriptTask id="score"><bpmn:extensionElements><zeebe:script expression="=if risk > 10 then &quot;high&quot; else &quot;standard&quot;" resultVariable="level"/></bpmn:extensionElements></bpmn:scriptTask>')).start({
      variables: { risk: 12 },
    });
    expect(s.state.variables.level).toBe('high');
  });

  it('given a script that iterates for minutes, when it runs, then it hits the FEEL time budget, an incident is raised and the instance survives; resolving with smaller input completes it', () => {
    const s = Scenario.given(between('<bpmn:scriptTask id="score" scriptFormat="feel" referral:resultVariable="total"><bpmn:script>count(for i in 1..n, j in 1..n return i * j)</bpmn:script></bpmn:scriptTask>'), {
      feelBudgetMs: 100,
    }).start({ variables: { n: 1000000 } });
    expect(s.trail().slice(-2)).toEqual(['score activated', 'score incident (expression-failed)']);
    expect(s.state.incidents![0]!.message).toMatch(/exceeded its time budget of 100 ms/);
    expect(s.live()).toEqual(['score']);

    s.ok({ type: 'resolve-incident', incidentId: s.state.incidents![0]!.id, variables: { n: 3 } });
    expect(s.trail()).toEqual(['score incident-resolved (expression-failed)', 'score completed', 'next activated']);
    expect(s.state.variables.total).toBe(9);
  });

  it('given a business rule task with a FEEL decision, when it runs, then the decision result is stored under its result variable', () => {
    const s = Scenario.given(
      between(`<bpmn:businessRuleTask id="score"><bpmn:extensionElements>
        <referral:decision expression="=if dash >= 14 or judgement then &quot;marac&quot; else if dash >= 10 then &quot;idva&quot; else &quot;single-agency&quot;" resultVariable="route"/>
      </bpmn:extensionElements></bpmn:businessRuleTask>`),
    );
    expect(s.start({ variables: { dash: 15, judgement: false } }).state.variables.route).toBe('marac');
    expect(Scenario.given(s.model).start({ variables: { dash: 11, judgement: false } }).state.variables.route).toBe('idva');
    expect(Scenario.given(s.model).start({ variables: { dash: 3, judgement: true } }).state.variables.route).toBe('marac');
    expect(Scenario.given(s.model).start({ variables: { dash: 3, judgement: false } }).state.variables.route).toBe('single-agency');
  });

  it('given a decision that reads partnership parameters, when it runs, then params come from the context', () => {
    const model = Scenario.given(
      between('<bpmn:businessRuleTask id="score"><bpmn:extensionElements><referral:decision expression="=dash >= params.threshold" resultVariable="eligible"/></bpmn:extensionElements></bpmn:businessRuleTask>'),
    ).model;
    expect(Scenario.given(model, { params: { threshold: 14 } }).start({ variables: { dash: 12 } }).state.variables.eligible).toBe(false);
    expect(Scenario.given(model, { params: { threshold: 10 } }).start({ variables: { dash: 12 } }).state.variables.eligible).toBe(true);
  });

  it('given a script that reads now(), when it runs, then the time comes from the context', () => {
    const s = Scenario.given(between('<bpmn:scriptTask id="score" scriptFormat="feel" referral:resultVariable="stamp"><bpmn:script>string(now())</bpmn:script></bpmn:scriptTask>'), {
      now: '2026-05-01T08:30:00.000Z',
    }).start();
    expect(String(s.state.variables.stamp)).toMatch(/^2026-05-01T08:30:00(\.000)?(Z|@UTC|\+00:00)?/);
  });

  it('given a plain task and a manual task, when reached, then they pass straight through', () => {
    const s = Scenario.given(
      bpmn(`
        <bpmn:startEvent id="start"/>
        <bpmn:task id="t"/>
        <bpmn:manualTask id="m"/>
        <bpmn:endEvent id="end"/>
        ${chain('f', 'start', 't', 'm', 'end')}`),
    ).start();
    expect(s.trail()).toEqual(['p activated', 'start activated', 'start completed', 't activated', 't completed', 'm activated', 'm completed', 'end activated', 'end completed', 'p completed']);
  });
});
