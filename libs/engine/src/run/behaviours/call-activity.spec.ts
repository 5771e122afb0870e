import { bpmn, chain, flow, timerEvent } from '../../../test-support/bpmn.fixture';
import { Scenario } from '../../../test-support/scenario.util';

const child = `
  <bpmn:process id="assessment" isExecutable="false">
    <bpmn:startEvent id="cStart"/>
    <bpmn:userTask id="assess"/>
    <bpmn:endEvent id="cEnd"/>
    <bpmn:endEvent id="cFail"><bpmn:errorEventDefinition errorRef="eNoConsent"/></bpmn:endEvent>
    <bpmn:exclusiveGateway id="ok" default="c3"/>
    ${flow('c1', 'cStart', 'assess')}
    ${flow('c2', 'assess', 'ok')}
    ${flow('c3', 'ok', 'cEnd')}
    ${flow('c4', 'ok', 'cFail', 'consent = false')}
  </bpmn:process>
  <bpmn:error id="eNoConsent" errorCode="NO_CONSENT"/>`;

const parent = (callActivity: string, extra = '') =>
  bpmn(
    `
    <bpmn:startEvent id="start"/>
    ${callActivity}
    <bpmn:userTask id="after"/>
    <bpmn:endEvent id="end"/>
    ${chain('f', 'start', 'call', 'after', 'end')}
    ${extra}`,
    { roots: child },
  );

const plainCall = parent('<bpmn:callActivity id="call" calledElement="assessment"/>');

describe('call activity', () => {
  it('given a call activity, when reached, then start-child asks for the called process with all visible variables', () => {
    const s = Scenario.given(plainCall).start({ variables: { caseRef: 'C-1', score: 9 } });
    expect(s.trail()).toEqual(['p activated', 'start activated', 'start completed', 'call activated']);
    expect(s.last.commands).toEqual([{ type: 'start-child', elementInstanceId: 2, elementId: 'call', processId: 'assessment', variables: { caseRef: 'C-1', score: 9 } }]);
    expect(Object.keys(s.model.processes).sort()).toEqual(['assessment', 'p']);
    expect(s.model.mainProcessId).toBe('p');
  });

  it('given zeebe:calledElement without propagation and input mappings, when reached, then only the mapped variables go to the child', () => {
    const s = Scenario.given(
      parent(`<bpmn:callActivity id="call"><bpmn:extensionElements>
        <zeebe:calledElement processId="assessment" propagateAllParentVariables="false" propagateAllChildVariables="false"/>
        <zeebe:ioMapping><zeebe:input source="=caseRef" target="ref"/><zeebe:output source="=outcome" target="assessment"/></zeebe:ioMapping>
      </bpmn:extensionElements></bpmn:callActivity>`),
    ).start({ variables: { caseRef: 'C-1', secret: 'x' } });
    expect(s.commandsOf('start-child')[0]!.variables).toEqual({ ref: 'C-1' });
    s.ok({ type: 'child-completed', elementInstanceId: s.instanceOf('call'), variables: { outcome: 'done', noise: 1 } });
    expect(s.state.variables).toEqual({ caseRef: 'C-1', secret: 'x', assessment: 'done' });
  });

  it('given the child completes, when child-completed arrives, then its variables propagate to the parent and the parent goes on', () => {
    const s = Scenario.given(plainCall).start({ variables: { caseRef: 'C-1' } });
    s.ok({ type: 'child-completed', elementInstanceId: 2, variables: { caseRef: 'C-1', riskLevel: 'high' } });
    expect(s.trail()).toEqual(['call completed', 'after activated']);
    expect(s.state.variables).toEqual({ caseRef: 'C-1', riskLevel: 'high' });
  });

  it('given the child ends with an error, when child-error arrives, then an error boundary on the call activity catches it by code', () => {
    const s = Scenario.given(
      parent(
        '<bpmn:callActivity id="call" calledElement="assessment"/>',
        `<bpmn:boundaryEvent id="noConsent" attachedToRef="call"><bpmn:errorEventDefinition errorRef="eNoConsent"/></bpmn:boundaryEvent><bpmn:endEvent id="stopped"/>${flow('e1', 'noConsent', 'stopped')}`,
      ),
    ).start();
    s.ok({ type: 'child-error', elementInstanceId: 2, errorCode: 'NO_CONSENT' });
    expect(s.trail()).toEqual(['call terminated', 'noConsent activated', 'noConsent completed', 'stopped activated', 'stopped completed', 'p completed']);
    expect(s.commands()).toEqual(['cancel-child', 'end-instance completed']);
  });

  it('given no boundary catches the child error, when child-error arrives, then an unhandled-error incident is raised on the call activity', () => {
    const s = Scenario.given(plainCall).start();
    s.ok({ type: 'child-error', elementInstanceId: 2, errorCode: 'NO_CONSENT', message: 'declined' });
    expect(s.trail()).toEqual(['call incident (unhandled-error)']);
  });

  it('given the child cannot run, when child-failed arrives, then a child-failed incident is raised', () => {
    const s = Scenario.given(plainCall).start();
    s.ok({ type: 'child-failed', elementInstanceId: 2, message: 'no deployed process "assessment"' });
    expect(s.state.incidents).toEqual([expect.objectContaining({ elementId: 'call', kind: 'child-failed', message: 'no deployed process "assessment"' })]);
  });

  it('given an interrupting timer on the call activity, when it fires, then the child is cancelled', () => {
    const s = Scenario.given(
      parent(
        '<bpmn:callActivity id="call" calledElement="assessment"/>',
        `<bpmn:boundaryEvent id="tooLong" attachedToRef="call">${timerEvent('timeDuration', 'P5D')}</bpmn:boundaryEvent><bpmn:endEvent id="gaveUp"/>${flow('t1', 'tooLong', 'gaveUp')}`,
      ),
    ).start();
    s.fire('tooLong');
    expect(s.trail()).toEqual(['tooLong triggered (timer)', 'call terminated', 'tooLong activated', 'tooLong completed', 'gaveUp activated', 'gaveUp completed', 'p completed']);
    expect(s.last.commands[0]).toEqual({ type: 'cancel-child', elementInstanceId: 2 });
  });

  describe('the called process', () => {
    it('given a child started by a call activity, when its error is not caught, then it ends terminated with the error for the parent to rethrow', () => {
      const s = Scenario.given(plainCall).start({ processId: 'assessment', calledBy: { instanceId: 'parent-1', elementInstanceId: 2 }, variables: { consent: false } });
      expect(s.state.calledBy).toEqual({ instanceId: 'parent-1', elementInstanceId: 2 });
      s.complete('assess');
      expect(s.trail()).toEqual(['assess completed', 'ok activated', 'ok completed', 'cFail activated', 'cFail terminated', 'assessment terminated (NO_CONSENT)']);
      expect(s.last.commands).toEqual([{ type: 'end-instance', status: 'terminated', variables: { consent: false }, error: { code: 'NO_CONSENT' } }]);
    });

    it('given a child that completes, when it ends, then end-instance carries its variables for child-completed', () => {
      const s = Scenario.given(plainCall).start({ processId: 'assessment', calledBy: { instanceId: 'parent-1', elementInstanceId: 2 }, variables: { consent: true } });
      s.complete('assess', { riskLevel: 'standard' });
      expect(s.last.commands).toEqual([{ type: 'end-instance', status: 'completed', variables: { consent: true, riskLevel: 'standard' } }]);
    });
  });
});
