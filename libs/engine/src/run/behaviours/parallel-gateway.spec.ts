import { bpmn, ends, flow } from '../../../test-support/bpmn.fixture';
import { Scenario } from '../../../test-support/scenario.util';
import { Simulator } from '../../simulate/simulator';

const forkJoin = bpmn(`
  <bpmn:startEvent id="start"/>
  <bpmn:parallelGateway id="fork"/>
  <bpmn:userTask id="housing"/>
  <bpmn:userTask id="health"/>
  <bpmn:userTask id="idva"/>
  <bpmn:parallelGateway id="join"/>
  <bpmn:endEvent id="end"/>
  ${flow('f0', 'start', 'fork')}
  ${flow('fH', 'fork', 'housing')}
  ${flow('fM', 'fork', 'health')}
  ${flow('fI', 'fork', 'idva')}
  ${flow('jH', 'housing', 'join')}
  ${flow('jM', 'health', 'join')}
  ${flow('jI', 'idva', 'join')}
  ${flow('f9', 'join', 'end')}`);

describe('parallel gateway', () => {
  it('given a fork, when it is reached, then a token goes down every outgoing flow in document order', () => {
    const s = Scenario.given(forkJoin).start();
    expect(s.trail(true)).toEqual([
      'p activated', 'start activated', 'start completed', 'f0 taken',
      'fork activated', 'fork completed', 'fH taken', 'fM taken', 'fI taken',
      'housing activated', 'health activated', 'idva activated',
    ]);
    expect(s.commands()).toEqual(['create-user-task housing', 'create-user-task health', 'create-user-task idva']);
  });

  it('given a join, when branches arrive one by one, then it waits (recording the arrivals in the state) and fires once on the last', () => {
    const s = Scenario.given(forkJoin).start();

    s.complete('health');
    expect(s.trail(true)).toEqual(['health completed', 'jM taken']);
    expect(s.state.joins).toEqual({ '0/join': { jM: 1 } });

    s.complete('idva');
    expect(s.state.joins).toEqual({ '0/join': { jM: 1, jI: 1 } });
    expect(s.state.status).toBe('active');

    s.complete('housing');
    expect(s.trail(true)).toEqual(['housing completed', 'jH taken', 'join activated', 'join completed', 'f9 taken', 'end activated', 'end completed', 'p completed']);
    expect(s.state.joins).toBeUndefined();
    expect(s.state.status).toBe('completed');
  });

  it('given two tokens on the same incoming flow, when the other flow has none, then the join does not fire; it fires once per complete set', () => {
    // a → join and b → join, with b reached twice (an implicit split before it).
    const s = Scenario.given(
      bpmn(`
        <bpmn:startEvent id="start"/>
        <bpmn:parallelGateway id="fork"/>
        <bpmn:userTask id="a"/>
        <bpmn:task id="twice"/>
        <bpmn:userTask id="b"/>
        <bpmn:parallelGateway id="join"/>
        <bpmn:userTask id="after"/>
        <bpmn:endEvent id="end"/>
        ${flow('f0', 'start', 'fork')}
        ${flow('fa', 'fork', 'a')}
        ${flow('ft', 'fork', 'twice')}
        ${flow('t1', 'twice', 'b')}
        ${flow('t2', 'twice', 'b')}
        ${flow('ja', 'a', 'join')}
        ${flow('jb', 'b', 'join')}
        ${flow('f8', 'join', 'after')}
        ${flow('f9', 'after', 'end')}`),
    ).start();
    expect(s.live()).toEqual(['a', 'b', 'b']);
    s.complete('b', undefined, 0).complete('b', undefined, 0);
    expect(s.state.joins).toEqual({ '0/join': { jb: 2 } });
    expect(s.trail()).toEqual(['b completed']);

    s.complete('a');
    expect(s.trail()).toEqual(['a completed', 'join activated', 'join completed', 'after activated']);
    expect(s.state.joins).toEqual({ '0/join': { jb: 1 } });
  });

  describe('the trap: a parallel join fed by an exclusive split', () => {
    const unsound = bpmn(`
      <bpmn:startEvent id="start"/>
      <bpmn:exclusiveGateway id="choose" default="fB"/>
      <bpmn:task id="a"/>
      <bpmn:task id="b"/>
      <bpmn:parallelGateway id="join"/>
      <bpmn:endEvent id="end"/>
      ${flow('f0', 'start', 'choose')}
      ${flow('fA', 'choose', 'a', 'goA = true')}
      ${flow('fB', 'choose', 'b')}
      ${flow('jA', 'a', 'join')}
      ${flow('jB', 'b', 'join')}
      ${flow('f9', 'join', 'end')}`);

    it('given one branch chosen, when its token reaches the join, then the join does not fire and the instance stays active', () => {
      const s = Scenario.given(unsound).start({ variables: { goA: true } });
      expect(s.trail()).toEqual(['p activated', 'start activated', 'start completed', 'choose activated', 'choose completed', 'a activated', 'a completed']);
      expect(s.state.status).toBe('active');
      expect(s.state.elements).toEqual([]);
      expect(s.state.joins).toEqual({ '0/join': { jA: 1 } });
    });

    it('given the same model, when simulated, then the simulation reports waiting and names the stuck join and the flow it waits for', () => {
      const sim = new Simulator(Scenario.given(unsound).model, { startAt: new Date('2026-03-02T09:00:00Z'), auto: true });
      sim.startInstance({ variables: { goA: false } });
      sim.run();
      const result = sim.result();
      expect(result.status).toBe('waiting');
      expect(result.stuckJoins).toEqual([{ elementId: 'join', waitingFor: ['jA'] }]);
      expect(result.trace.map((t) => `${t.element} ${t.transition}`)).not.toContain('join activated');
    });
  });

  it('given a parallel gateway with no incoming flows in a process without start events, when started, then it forks at once', () => {
    const s = Scenario.given(
      bpmn(`
        <bpmn:parallelGateway id="fork"/>
        <bpmn:userTask id="a"/>
        <bpmn:userTask id="b"/>
        ${flow('fa', 'fork', 'a')}
        ${flow('fb', 'fork', 'b')}`),
    ).start();
    expect(s.live()).toEqual(['a', 'b']);
  });

  it('given parallel branches that end separately, when all end, then the process completes only after the last', () => {
    const s = Scenario.given(
      bpmn(`
        <bpmn:startEvent id="start"/>
        <bpmn:parallelGateway id="fork"/>
        <bpmn:userTask id="a"/>
        <bpmn:userTask id="b"/>
        ${flow('f0', 'start', 'fork')}
        ${flow('fa', 'fork', 'a')}
        ${flow('fb', 'fork', 'b')}
        ${ends('a', 'b')}`),
    ).start();
    s.complete('b');
    expect(s.trail()).toEqual(['b completed', 'b_end activated', 'b_end completed']);
    s.complete('a');
    expect(s.trail()).toEqual(['a completed', 'a_end activated', 'a_end completed', 'p completed']);
  });
});
