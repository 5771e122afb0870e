import { bpmn, ends, flow } from '../../../test-support/bpmn.fixture';
import { Scenario } from '../../../test-support/scenario.util';

const orForkJoin = bpmn(`
  <bpmn:startEvent id="start"/>
  <bpmn:inclusiveGateway id="fork" default="fNone"/>
  <bpmn:userTask id="housing"/>
  <bpmn:userTask id="health"/>
  <bpmn:userTask id="children"/>
  <bpmn:userTask id="none"/>
  <bpmn:inclusiveGateway id="join"/>
  <bpmn:endEvent id="end"/>
  ${flow('f0', 'start', 'fork')}
  ${flow('fH', 'fork', 'housing', 'needsHousing')}
  ${flow('fM', 'fork', 'health', 'needsHealth')}
  ${flow('fC', 'fork', 'children', 'kids > 0')}
  ${flow('fNone', 'fork', 'none')}
  ${flow('jH', 'housing', 'join')}
  ${flow('jM', 'health', 'join')}
  ${flow('jC', 'children', 'join')}
  ${flow('jN', 'none', 'join')}
  ${flow('f9', 'join', 'end')}`);

describe('inclusive gateway', () => {
  it('given a fork, when several conditions hold, then a token goes down each flow whose condition holds (not the default)', () => {
    const s = Scenario.given(orForkJoin).start({ variables: { needsHousing: true, needsHealth: false, kids: 2 } });
    expect(s.trail(true).slice(-5)).toEqual(['fork completed', 'fH taken', 'fC taken', 'housing activated', 'children activated']);
  });

  it('given a fork, when no condition holds, then only the default flow is taken', () => {
    const s = Scenario.given(orForkJoin).start({ variables: { needsHousing: false, needsHealth: false, kids: 0 } });
    expect(s.live()).toEqual(['none']);
  });

  it('given a fork with no condition holding and no default, when it is reached, then a no-outgoing-flow incident is raised', () => {
    const s = Scenario.given(
      bpmn(`
        <bpmn:startEvent id="start"/>
        <bpmn:inclusiveGateway id="fork"/>
        <bpmn:userTask id="a"/>
        <bpmn:userTask id="b"/>
        ${flow('f0', 'start', 'fork')}
        ${flow('fa', 'fork', 'a', 'x')}
        ${flow('fb', 'fork', 'b', 'y')}
        ${ends('a', 'b')}`),
    ).start({ variables: { x: false, y: false } });
    expect(s.trail().slice(-1)).toEqual(['fork incident (no-outgoing-flow)']);
  });

  it('given a join after a fork that activated two of four branches, when both arrive, then the join fires once and does not wait for the branches never started', () => {
    const s = Scenario.given(orForkJoin).start({ variables: { needsHousing: true, needsHealth: true, kids: 0 } });
    s.complete('housing');
    expect(s.trail(true)).toEqual(['housing completed', 'jH taken']);
    expect(s.state.joins).toEqual({ '0/join': { jH: 1 } });

    s.complete('health');
    expect(s.trail(true)).toEqual(['health completed', 'jM taken', 'join activated', 'join completed', 'f9 taken', 'end activated', 'end completed', 'p completed']);
  });

  it('given a single branch activated, when it arrives, then the join fires at once', () => {
    const s = Scenario.given(orForkJoin).start({ variables: { needsHousing: false, needsHealth: false, kids: 1 } });
    s.complete('children');
    expect(s.trail()).toEqual(['children completed', 'join activated', 'join completed', 'end activated', 'end completed', 'p completed']);
  });

  describe('tokens that can still arrive versus tokens that cannot', () => {
    // fork (parallel) → a → join; fork → b → decide: either → join, or → elsewhere (ends).
    const xml = bpmn(`
      <bpmn:startEvent id="start"/>
      <bpmn:parallelGateway id="fork"/>
      <bpmn:userTask id="a"/>
      <bpmn:userTask id="b"/>
      <bpmn:exclusiveGateway id="decide" default="toJoin"/>
      <bpmn:userTask id="elsewhere"/>
      <bpmn:inclusiveGateway id="join"/>
      <bpmn:endEvent id="end"/>
      ${flow('f0', 'start', 'fork')}
      ${flow('fa', 'fork', 'a')}
      ${flow('fb', 'fork', 'b')}
      ${flow('ja', 'a', 'join')}
      ${flow('fd', 'b', 'decide')}
      ${flow('toJoin', 'decide', 'join')}
      ${flow('away', 'decide', 'elsewhere', 'leave')}
      ${flow('f9', 'join', 'end')}
      ${ends('elsewhere')}`);

    it('given a token upstream (at b) that can still reach the join, when a arrives, then the join waits', () => {
      const s = Scenario.given(xml).start();
      s.complete('a');
      expect(s.trail()).toEqual(['a completed']);
      expect(s.state.joins).toEqual({ '0/join': { ja: 1 } });
    });

    it('given that upstream token then goes elsewhere, when it leaves the paths to the join, then the join fires with the one token it has', () => {
      const s = Scenario.given(xml).start();
      s.complete('a');
      s.complete('b', { leave: true });
      expect(s.trail()).toEqual(['b completed', 'decide activated', 'decide completed', 'elsewhere activated', 'join activated', 'join completed', 'end activated', 'end completed']);
      expect(s.live()).toEqual(['elsewhere']);
    });

    it('given that upstream token comes to the join, when it arrives, then the join fires once with both', () => {
      const s = Scenario.given(xml).start();
      s.complete('a');
      s.complete('b', { leave: false });
      expect(s.trail()).toEqual(['b completed', 'decide activated', 'decide completed', 'join activated', 'join completed', 'end activated', 'end completed', 'p completed']);
    });
  });

  it('given an inclusive fork and join inside a loop, when the loop runs twice, then the join fires once per round with the branches of that round', () => {
    const s = Scenario.given(
      bpmn(`
        <bpmn:startEvent id="start"/>
        <bpmn:exclusiveGateway id="merge"/>
        <bpmn:inclusiveGateway id="fork"/>
        <bpmn:userTask id="a"/>
        <bpmn:userTask id="b"/>
        <bpmn:inclusiveGateway id="join"/>
        <bpmn:userTask id="review"/>
        <bpmn:exclusiveGateway id="again" default="done"/>
        <bpmn:endEvent id="end"/>
        ${flow('f0', 'start', 'merge')}
        ${flow('f1', 'merge', 'fork')}
        ${flow('fa', 'fork', 'a', 'true')}
        ${flow('fb', 'fork', 'b', 'round = 1')}
        ${flow('ja', 'a', 'join')}
        ${flow('jb', 'b', 'join')}
        ${flow('f2', 'join', 'review')}
        ${flow('f3', 'review', 'again')}
        ${flow('back', 'again', 'merge', 'round <= 2')}
        ${flow('done', 'again', 'end')}`),
    ).start({ variables: { round: 1 } });
    expect(s.live()).toEqual(['a', 'b']);
    s.complete('a');
    expect(s.trail()).toEqual(['a completed']);
    s.complete('b');
    expect(s.trail()).toEqual(['b completed', 'join activated', 'join completed', 'review activated']);

    s.complete('review', { round: 2 });
    expect(s.live()).toEqual(['a']);
    s.complete('a');
    expect(s.trail()).toEqual(['a completed', 'join activated', 'join completed', 'review activated']);
    s.complete('review', { round: 3 });
    expect(s.state.status).toBe('completed');
    expect(s.history().filter((e) => e === 'join activated')).toHaveLength(2);
  });

  it('given an inclusive join inside a loop and a parallel join after it, when the parallel join already waits, then the inclusive join does not wait for it round the loop (no deadlock)', () => {
    // The waiting parallel join is upstream of the inclusive join's empty flow only round the loop,
    // through nodes that also lead to the flow that has a token: BPMN 2.0 excludes such paths.
    const s = Scenario.given(
      bpmn(`
        <bpmn:startEvent id="start"/>
        <bpmn:exclusiveGateway id="merge"/>
        <bpmn:parallelGateway id="fork"/>
        <bpmn:inclusiveGateway id="orSplit" default="toX"/>
        <bpmn:userTask id="x"/>
        <bpmn:userTask id="y"/>
        <bpmn:inclusiveGateway id="orJoin"/>
        <bpmn:userTask id="z"/>
        <bpmn:parallelGateway id="andJoin"/>
        <bpmn:exclusiveGateway id="again" default="done"/>
        <bpmn:endEvent id="end"/>
        ${flow('f0', 'start', 'merge')}
        ${flow('f1', 'merge', 'fork')}
        ${flow('f2', 'fork', 'orSplit')}
        ${flow('toX', 'orSplit', 'x')}
        ${flow('toY', 'orSplit', 'y', 'pick')}
        ${flow('jx', 'x', 'orJoin')}
        ${flow('jy', 'y', 'orJoin')}
        ${flow('f3', 'fork', 'z')}
        ${flow('j1', 'orJoin', 'andJoin')}
        ${flow('j2', 'z', 'andJoin')}
        ${flow('f4', 'andJoin', 'again')}
        ${flow('back', 'again', 'merge', 'repeat')}
        ${flow('done', 'again', 'end')}`),
    ).start({ variables: { pick: true, repeat: false } });
    expect(s.live()).toEqual(['z', 'y']);
    s.complete('z');
    expect(s.state.joins).toEqual({ '0/andJoin': { j2: 1 } });
    s.complete('y');
    expect(s.trail()).toEqual(['y completed', 'orJoin activated', 'orJoin completed', 'andJoin activated', 'andJoin completed', 'again activated', 'again completed', 'end activated', 'end completed', 'p completed']);
  });

  it('given nested inclusive joins, when the inner join fires and its token goes on to the outer join that already holds a token, then the outer join fires once, with both', () => {
    const s = Scenario.given(
      bpmn(`
        <bpmn:startEvent id="start"/>
        <bpmn:inclusiveGateway id="outerSplit"/>
        <bpmn:inclusiveGateway id="innerSplit"/>
        <bpmn:userTask id="x"/>
        <bpmn:userTask id="y"/>
        <bpmn:inclusiveGateway id="innerJoin"/>
        <bpmn:userTask id="c"/>
        <bpmn:inclusiveGateway id="outerJoin"/>
        <bpmn:endEvent id="end"/>
        ${flow('f0', 'start', 'outerSplit')}
        ${flow('toInner', 'outerSplit', 'innerSplit', 'true')}
        ${flow('toC', 'outerSplit', 'c', 'true')}
        ${flow('toX', 'innerSplit', 'x', 'true')}
        ${flow('toY', 'innerSplit', 'y', 'false')}
        ${flow('jx', 'x', 'innerJoin')}
        ${flow('jy', 'y', 'innerJoin')}
        ${flow('jInner', 'innerJoin', 'outerJoin')}
        ${flow('jc', 'c', 'outerJoin')}
        ${flow('f9', 'outerJoin', 'end')}`),
    ).start();
    s.complete('c');
    expect(s.state.joins).toEqual({ '0/outerJoin': { jc: 1 } });
    s.complete('x');
    expect(s.trail()).toEqual(['x completed', 'innerJoin activated', 'innerJoin completed', 'outerJoin activated', 'outerJoin completed', 'end activated', 'end completed', 'p completed']);
  });
});
