import { bpmn, chain, flow } from '../../../test-support/bpmn.fixture';
import { Scenario } from '../../../test-support/scenario.util';

describe('link events', () => {
  it('given a link throw, when reached, then the token continues at the link catch of the same name', () => {
    const s = Scenario.given(
      bpmn(`
        <bpmn:startEvent id="start"/>
        <bpmn:task id="a"/>
        <bpmn:intermediateThrowEvent id="goToB"><bpmn:linkEventDefinition name="toB"/></bpmn:intermediateThrowEvent>
        <bpmn:intermediateCatchEvent id="fromA"><bpmn:linkEventDefinition name="toB"/></bpmn:intermediateCatchEvent>
        <bpmn:userTask id="b"/>
        <bpmn:endEvent id="end"/>
        ${chain('f', 'start', 'a', 'goToB')}
        ${chain('g', 'fromA', 'b', 'end')}`),
    ).start();
    expect(s.trail(true)).toEqual([
      'p activated', 'start activated', 'start completed', 'f1 taken', 'a activated', 'a completed', 'f2 taken',
      'goToB activated', 'goToB completed', 'fromA activated', 'fromA completed', 'g1 taken', 'b activated',
    ]);
  });

  it('given two link throws to one catch (a loop back), when each is reached, then each arrives at the catch', () => {
    const s = Scenario.given(
      bpmn(`
        <bpmn:startEvent id="start"/>
        <bpmn:intermediateThrowEvent id="first"><bpmn:linkEventDefinition name="retry"/></bpmn:intermediateThrowEvent>
        <bpmn:intermediateCatchEvent id="again"><bpmn:linkEventDefinition name="retry"/></bpmn:intermediateCatchEvent>
        <bpmn:userTask id="attempt"/>
        <bpmn:exclusiveGateway id="ok" default="done"/>
        <bpmn:intermediateThrowEvent id="loop"><bpmn:linkEventDefinition name="retry"/></bpmn:intermediateThrowEvent>
        <bpmn:endEvent id="end"/>
        ${flow('f0', 'start', 'first')}
        ${chain('g', 'again', 'attempt', 'ok')}
        ${flow('redo', 'ok', 'loop', 'failed')}
        ${flow('done', 'ok', 'end')}`),
    ).start();
    s.complete('attempt', { failed: true });
    expect(s.trail()).toEqual(['attempt completed', 'ok activated', 'ok completed', 'loop activated', 'loop completed', 'again activated', 'again completed', 'attempt activated']);
    s.complete('attempt', { failed: false });
    expect(s.state.status).toBe('completed');
  });
});
