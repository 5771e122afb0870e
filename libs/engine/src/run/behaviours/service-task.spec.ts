import { bpmn, chain, flow, serviceTask } from '../../../test-support/bpmn.fixture';
import { Scenario } from '../../../test-support/scenario.util';

const errors = `
  <bpmn:error id="eNotFound" name="Not found" errorCode="NOT_FOUND"/>
  <bpmn:error id="eRefused" name="Refused" errorCode="REFUSED"/>`;

const lookup = (boundaries: string, after = '') =>
  bpmn(
    `
    <bpmn:startEvent id="start"/>
    ${serviceTask('lookup', 'police-lookup', '<zeebe:taskHeaders><zeebe:header key="system" value="pnc"/></zeebe:taskHeaders><zeebe:ioMapping><zeebe:input source="=caseRef" target="ref"/><zeebe:output source="=record.flags" target="flags"/></zeebe:ioMapping>')}
    <bpmn:userTask id="review"/>
    <bpmn:endEvent id="end"/>
    ${chain('f', 'start', 'lookup', 'review', 'end')}
    ${boundaries}
    ${after}`,
    { roots: errors },
  );

const plain = lookup('');

describe('service task', () => {
  it('given a service task, when it is reached, then invoke-service carries the task type, the default retry cycle, headers and the mapped input', () => {
    const s = Scenario.given(plain).start({ variables: { caseRef: 'C-1', secret: 'x' } });
    expect(s.trail()).toEqual(['p activated', 'start activated', 'start completed', 'lookup activated']);
    expect(s.last.commands).toEqual([
      { type: 'invoke-service', elementInstanceId: 2, elementId: 'lookup', taskType: 'police-lookup', retry: 'R3/PT10S', input: { ref: 'C-1' }, headers: { system: 'pnc' } },
    ]);
  });

  it('given a waiting service task, when service-completed arrives, then output mappings apply and the token moves on', () => {
    const s = Scenario.given(plain).start({ variables: { caseRef: 'C-1' } });
    s.serviceDone('lookup', { record: { flags: ['weapons'] } });
    expect(s.trail()).toEqual(['lookup completed', 'review activated']);
    expect(s.state.variables).toEqual({ caseRef: 'C-1', flags: ['weapons'] });
  });

  it('given a BPMN error with a boundary for its code, when service-error arrives, then the boundary catches it by code, interrupting the task', () => {
    const s = Scenario.given(
      lookup(
        `<bpmn:boundaryEvent id="notFound" attachedToRef="lookup"><bpmn:errorEventDefinition errorRef="eNotFound"/></bpmn:boundaryEvent>
         <bpmn:boundaryEvent id="anyError" attachedToRef="lookup"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>`,
        `<bpmn:userTask id="manualSearch"/><bpmn:userTask id="escalate"/>${flow('b1', 'notFound', 'manualSearch')}${flow('b2', 'anyError', 'escalate')}${flow('b3', 'manualSearch', 'end')}${flow('b4', 'escalate', 'end')}`,
      ),
    ).start();
    s.ok({ type: 'service-error', elementInstanceId: s.instanceOf('lookup'), errorCode: 'NOT_FOUND', message: 'no record' });
    expect(s.trail(true)).toEqual(['lookup terminated', 'notFound activated', 'notFound completed', 'b1 taken', 'manualSearch activated']);
    expect(s.commands()).toEqual(['cancel-service', 'create-user-task manualSearch']);
  });

  it('given a catch-all error boundary next to a specific one, when an error with another code arrives, then the catch-all catches it', () => {
    const s = Scenario.given(
      lookup(
        `<bpmn:boundaryEvent id="notFound" attachedToRef="lookup"><bpmn:errorEventDefinition errorRef="eNotFound"/></bpmn:boundaryEvent>
         <bpmn:boundaryEvent id="anyError" attachedToRef="lookup"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>`,
        `<bpmn:userTask id="manualSearch"/><bpmn:userTask id="escalate"/>${flow('b1', 'notFound', 'manualSearch')}${flow('b2', 'anyError', 'escalate')}${flow('b3', 'manualSearch', 'end')}${flow('b4', 'escalate', 'end')}`,
      ),
    ).start();
    s.ok({ type: 'service-error', elementInstanceId: s.instanceOf('lookup'), errorCode: 'REFUSED', variables: { reason: 'consent' } });
    expect(s.trail()).toEqual(['lookup terminated', 'anyError activated', 'anyError completed', 'escalate activated']);
    expect(s.state.variables).toEqual({ reason: 'consent' });
  });

  it('given no boundary catches the error, when service-error arrives, then an unhandled-error incident is raised (not an exception) and the task keeps its token', () => {
    const s = Scenario.given(plain).start();
    const result = s.ok({ type: 'service-error', elementInstanceId: 2, errorCode: 'REFUSED', message: 'consent withdrawn' }).last;
    expect(result.rejection).toBeUndefined();
    expect(s.trail()).toEqual(['lookup incident (unhandled-error)']);
    expect(result.commands).toEqual([
      { type: 'raise-incident', incidentId: 3, elementInstanceId: 2, elementId: 'lookup', kind: 'unhandled-error', message: 'the BPMN error "REFUSED" (consent withdrawn) was not caught' },
    ]);
    expect(s.state.status).toBe('active');
    expect(s.state.elements).toEqual([{ id: 2, el: 'lookup', p: 0, v: { ref: null }, inc: 3 }]);
  });

  it('given a handler that fails after its retries, when service-failed arrives, then a service-failed incident is raised; a second failure adds none', () => {
    const s = Scenario.given(plain).start({ variables: { caseRef: 'C-1' } });
    s.ok({ type: 'service-failed', elementInstanceId: 2, message: 'PNC timed out' });
    expect(s.trail()).toEqual(['lookup incident (service-failed)']);
    expect(s.state.incidents).toEqual([{ id: 3, elementInstanceId: 2, elementId: 'lookup', kind: 'service-failed', message: 'PNC timed out', at: '2026-03-02T09:00:00.000Z' }]);

    s.ok({ type: 'service-failed', elementInstanceId: 2, message: 'again' });
    expect(s.last.commands).toEqual([]);
    expect(s.state.incidents).toHaveLength(1);
  });

  it('given a service-failed incident, when an operator resolves it, then the service is invoked again with its input and completes normally', () => {
    const s = Scenario.given(plain).start({ variables: { caseRef: 'C-1' } });
    s.ok({ type: 'service-failed', elementInstanceId: 2, message: 'PNC timed out' });
    s.ok({ type: 'resolve-incident', incidentId: 3 });
    expect(s.trail()).toEqual(['lookup incident-resolved (service-failed)']);
    expect(s.last.commands).toEqual([
      { type: 'resolve-incident', incidentId: 3 },
      { type: 'invoke-service', elementInstanceId: 2, elementId: 'lookup', taskType: 'police-lookup', retry: 'R3/PT10S', input: { ref: 'C-1' }, headers: { system: 'pnc' } },
    ]);
    expect(s.state.incidents).toBeUndefined();
    s.serviceDone('lookup', { record: { flags: [] } });
    expect(s.live()).toEqual(['review']);
  });

  it('given an unknown incident id, when resolve-incident arrives, then it is rejected as not-found', () => {
    const s = Scenario.given(plain).start();
    expect(s.send({ type: 'resolve-incident', incidentId: 99 }).rejection?.code).toBe('not-found');
  });

  it('given a service result for a user task, when it arrives, then it is rejected as invalid-event', () => {
    const s = Scenario.given(plain).start({ variables: { caseRef: 'C-1' } }).serviceDone('lookup', {});
    expect(s.send({ type: 'service-completed', elementInstanceId: s.instanceOf('review') }).rejection?.code).toBe('invalid-event');
  });

  it('given a task completion for a service task, when it arrives, then it is rejected as invalid-event', () => {
    const s = Scenario.given(plain).start();
    expect(s.send({ type: 'task-completed', elementInstanceId: 2 }).rejection?.code).toBe('invalid-event');
  });

  it('given a referral:service with its own retry cycle, when invoked, then the retry is passed on', () => {
    const s = Scenario.given(
      bpmn(`
        <bpmn:startEvent id="start"/>
        <bpmn:serviceTask id="notify"><bpmn:extensionElements><referral:service type="email" retry="R5/PT1M"/></bpmn:extensionElements></bpmn:serviceTask>
        <bpmn:endEvent id="end"/>
        ${chain('f', 'start', 'notify', 'end')}`),
    ).start();
    expect(s.commandsOf('invoke-service')[0]).toEqual({ type: 'invoke-service', elementInstanceId: 2, elementId: 'notify', taskType: 'email', retry: 'R5/PT1M' });
  });
});
