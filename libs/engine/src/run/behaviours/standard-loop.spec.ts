import { bpmn, chain } from '../../../test-support/bpmn.fixture';
import { Scenario } from '../../../test-support/scenario.util';

const loop = (attrs: string, inner: string, task = '<bpmn:userTask id="attempt">') =>
  bpmn(`
    <bpmn:startEvent id="start"/>
    ${task.replace('>', '')}>
      <bpmn:standardLoopCharacteristics ${attrs}>${inner}</bpmn:standardLoopCharacteristics>
    ${task.startsWith('<bpmn:userTask') ? '</bpmn:userTask>' : '</bpmn:scriptTask>'}
    <bpmn:userTask id="after"/>
    <bpmn:endEvent id="end"/>
    ${chain('f', 'start', 'attempt', 'after', 'end')}`);

const condition = (text: string) => `<bpmn:loopCondition xsi:type="bpmn:tFormalExpression">${text}</bpmn:loopCondition>`;

describe('standard loop', () => {
  it('given a loop condition, when the iteration completes and the condition holds, then it loops (loopCondition loops while true)', () => {
    const s = Scenario.given(loop('', condition('not(contacted)'))).start();
    expect(s.trail().slice(-2)).toEqual(['attempt activated (loop)', 'attempt activated']);
    s.complete('attempt', { contacted: false });
    expect(s.trail()).toEqual(['attempt completed', 'attempt activated']);
    s.complete('attempt', { contacted: false });
    s.complete('attempt', { contacted: true });
    expect(s.trail()).toEqual(['attempt completed', 'attempt completed', 'after activated']);
    expect(s.history().filter((e) => e === 'attempt activated')).toHaveLength(3);
  });

  it('given each iteration, when it starts, then it gets loopCounter as a local', () => {
    const s = Scenario.given(loop('', condition('not(contacted)'))).start();
    s.complete('attempt', { contacted: false });
    expect(s.state.elements.find((e) => e.el === 'attempt' && !e.body)!.v).toEqual({ loopCounter: 2 });
  });

  it('given a loop condition that reads loopCounter, when tested after an iteration, then it sees the count of iterations so far', () => {
    const s = Scenario.given(loop('', condition('loopCounter &lt; 3'))).start();
    s.complete('attempt').complete('attempt');
    expect(s.live()).toEqual(['attempt', 'attempt']);
    s.complete('attempt');
    expect(s.live()).toEqual(['after']);
  });

  it('given testBefore and a condition that is false at the start, when reached, then the activity never runs', () => {
    const s = Scenario.given(loop('testBefore="true"', condition('pending > 0'))).start({ variables: { pending: 0 } });
    expect(s.trail().slice(-3)).toEqual(['attempt activated (loop)', 'attempt completed', 'after activated']);
    expect(s.commandsOf('create-user-task').map((c) => c.elementId)).toEqual(['after']);
  });

  it('given testBefore and a true condition, when reached, then it runs until the condition fails', () => {
    const s = Scenario.given(loop('testBefore="true"', condition('pending > 0'))).start({ variables: { pending: 2 } });
    s.complete('attempt', { pending: 1 });
    expect(s.live()).toEqual(['attempt', 'attempt']);
    s.complete('attempt', { pending: 0 });
    expect(s.live()).toEqual(['after']);
  });

  it('given loopMaximum and a condition that always holds, when it loops, then it stops after the maximum', () => {
    const s = Scenario.given(loop('loopMaximum="3"', condition('true'))).start();
    s.complete('attempt').complete('attempt');
    expect(s.live()).toEqual(['attempt', 'attempt']);
    s.complete('attempt');
    expect(s.live()).toEqual(['after']);
  });

  it('given a loop of script tasks with loopMaximum, when reached, then it runs to the maximum in one step', () => {
    const s = Scenario.given(
      loop('loopMaximum="4"', condition('true'), '<bpmn:scriptTask id="attempt" scriptFormat="feel" referral:resultVariable="n">').replace(
        '</bpmn:standardLoopCharacteristics>',
        '</bpmn:standardLoopCharacteristics><bpmn:script>(if n = null then 0 else n) + loopCounter</bpmn:script>',
      ),
    ).start();
    expect(s.state.variables.n).toBe(1 + 2 + 3 + 4);
    expect(s.live()).toEqual(['after']);
  });
});
