import { bpmn, chain, ends, flow } from '../../../test-support/bpmn.fixture';
import { Scenario } from '../../../test-support/scenario.util';

describe('sequence flows', () => {
  it('given a sequence of tasks, when started, then the token runs to the first wait state and the trail lists each element in order', () => {
    const s = Scenario.given(
      bpmn(`
        <bpmn:startEvent id="start"/>
        <bpmn:task id="prepare"/>
        <bpmn:userTask id="review"/>
        <bpmn:endEvent id="end"/>
        ${chain('f', 'start', 'prepare', 'review', 'end')}`),
    ).start();

    expect(s.trail(true)).toEqual(['p activated', 'start activated', 'start completed', 'f1 taken', 'prepare activated', 'prepare completed', 'f2 taken', 'review activated']);
    expect(s.commands()).toEqual(['create-user-task review']);
    expect(s.state).toEqual({ engineVersion: 1, processId: 'p', status: 'active', nextId: 4, variables: {}, elements: [{ id: 3, el: 'review', p: 0 }], subscriptions: [] });

    s.complete('review', { decision: 'accept' });

    expect(s.trail(true)).toEqual(['review completed', 'f3 taken', 'end activated', 'end completed', 'p completed']);
    expect(s.last.commands).toEqual([{ type: 'end-instance', status: 'completed', variables: { decision: 'accept' } }]);
    expect(s.state.status).toBe('completed');
    expect(s.state.elements).toEqual([]);
  });

  it('given an activity with two unconditional outgoing flows, when it completes, then both branches run (implicit parallel split) and the process ends after both', () => {
    const s = Scenario.given(
      bpmn(`
        <bpmn:startEvent id="start"/>
        <bpmn:task id="split"/>
        <bpmn:userTask id="a"/>
        <bpmn:userTask id="b"/>
        <bpmn:endEvent id="endA"/>
        <bpmn:endEvent id="endB"/>
        ${flow('f0', 'start', 'split')}
        ${flow('fa', 'split', 'a')}
        ${flow('fb', 'split', 'b')}
        ${flow('fa2', 'a', 'endA')}
        ${flow('fb2', 'b', 'endB')}`),
    ).start();

    expect(s.trail(true)).toEqual(['p activated', 'start activated', 'start completed', 'f0 taken', 'split activated', 'split completed', 'fa taken', 'fb taken', 'a activated', 'b activated']);
    expect(s.commands()).toEqual(['create-user-task a', 'create-user-task b']);

    s.complete('a');
    expect(s.trail()).toEqual(['a completed', 'endA activated', 'endA completed']);
    expect(s.state.status).toBe('active');

    s.complete('b');
    expect(s.trail()).toEqual(['b completed', 'endB activated', 'endB completed', 'p completed']);
    expect(s.state.status).toBe('completed');
  });

  it('given conditional flows leaving an activity, when it completes, then every flow whose condition holds is taken, and the default flow only when none holds', () => {
    const xml = bpmn(`
      <bpmn:startEvent id="start"/>
      <bpmn:task id="t" default="fDefault"/>
      <bpmn:userTask id="high"/>
      <bpmn:userTask id="children"/>
      <bpmn:userTask id="standard"/>
      ${flow('f0', 'start', 't')}
      ${flow('fHigh', 't', 'high', 'score >= 14')}
      ${flow('fChildren', 't', 'children', 'kids > 0')}
      ${flow('fDefault', 't', 'standard')}
      ${ends('high', 'children', 'standard')}`);

    const both = Scenario.given(xml).start({ variables: { score: 15, kids: 2 } });
    expect(both.live()).toEqual(['high', 'children']);

    const none = Scenario.given(xml).start({ variables: { score: 3, kids: 0 } });
    expect(none.trail(true).slice(-2)).toEqual(['fDefault taken', 'standard activated']);
    expect(none.live()).toEqual(['standard']);
  });

  it('given a process of a start and an end event, when started, then it completes at once', () => {
    const s = Scenario.given(bpmn(`<bpmn:startEvent id="start"/><bpmn:endEvent id="end"/>${flow('f', 'start', 'end')}`)).start();
    expect(s.trail()).toEqual(['p activated', 'start activated', 'start completed', 'end activated', 'end completed', 'p completed']);
    expect(s.commands()).toEqual(['end-instance completed']);
  });

  it('given a process without start events, when started, then every node without incoming flows starts (implicit start)', () => {
    const s = Scenario.given(bpmn('<bpmn:userTask id="a"/><bpmn:userTask id="b"/>')).start();
    expect(s.trail()).toEqual(['p activated', 'a activated', 'b activated']);
    s.complete('a').complete('b');
    expect(s.trail()).toEqual(['b completed', 'p completed']);
  });

  it('given an outgoing condition of an activity that fails after it completed, when an operator resolves the incident with a fix, then the activity leaves without running again', () => {
    const s = Scenario.given(
      bpmn(`
        <bpmn:startEvent id="start"/>
        <bpmn:userTask id="t"/>
        <bpmn:userTask id="a"/>
        <bpmn:userTask id="b"/>
        ${flow('f0', 'start', 't')}
        ${flow('fa', 't', 'a', 'flag')}
        ${flow('fb', 't', 'b', 'not(flag)')}
        ${ends('a', 'b')}`),
    ).start();
    s.complete('t', { flag: 'yes' });
    expect(s.trail()).toEqual(['t incident (expression-failed)']);
    expect(s.state.elements).toEqual([{ id: 2, el: 't', p: 0, leaving: 1, inc: 3 }]);
    expect(s.state.variables).toEqual({ flag: 'yes' });
    s.ok({ type: 'resolve-incident', incidentId: 3, variables: { flag: true } });
    expect(s.trail()).toEqual(['t incident-resolved (expression-failed)', 't completed', 'a activated']);
    expect(s.commands()).toEqual(['resolve-incident', 'create-user-task a']);
  });
});
