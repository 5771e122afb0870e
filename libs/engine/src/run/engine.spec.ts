import type { EngineEvent } from '../contract.types';
import { bpmn, chain, flow, serviceTask, timerEvent } from '../../test-support/bpmn.fixture';
import { Scenario } from '../../test-support/scenario.util';
import { start, step } from './engine';
import { MAX_ACTIVATIONS_PER_STEP } from './runner';

const roots = '<bpmn:message id="mUpdate" name="update"/><bpmn:process id="child" isExecutable="false"><bpmn:startEvent id="cs"/><bpmn:endEvent id="ce"/><bpmn:sequenceFlow id="cf" sourceRef="cs" targetRef="ce"/></bpmn:process>';

/** Every kind of wait at once: a user task with a timer boundary, a service task, a call activity and a message catch. */
const everything = bpmn(
  `
  <bpmn:startEvent id="start"/>
  <bpmn:parallelGateway id="fork"/>
  <bpmn:userTask id="task"/>
  <bpmn:boundaryEvent id="deadline" attachedToRef="task">${timerEvent('timeDuration', 'P5D')}</bpmn:boundaryEvent>
  ${serviceTask('lookup', 'lookup')}
  <bpmn:callActivity id="call" calledElement="child"/>
  <bpmn:intermediateCatchEvent id="update"><bpmn:messageEventDefinition messageRef="mUpdate"/></bpmn:intermediateCatchEvent>
  <bpmn:parallelGateway id="join"/>
  <bpmn:endEvent id="end"/>
  <bpmn:endEvent id="late"/>
  ${flow('f0', 'start', 'fork')}
  ${chain('a', 'fork', 'task', 'join')}
  ${chain('b', 'fork', 'lookup', 'join')}
  ${chain('c', 'fork', 'call', 'join')}
  ${chain('d', 'fork', 'update', 'join')}
  ${flow('f9', 'join', 'end')}
  ${flow('f8', 'deadline', 'late')}`,
  { roots },
);

describe('the engine entry points', () => {
  describe('cancel', () => {
    it('given an instance waiting on a task, a timer, a service, a child and a message, when cancelled, then each wait is cancelled, inside out, and the instance is terminated', () => {
      const s = Scenario.given(everything).start();
      s.ok({ type: 'cancel', reason: 'duplicate referral' });
      expect(s.trail()).toEqual(['task terminated', 'lookup terminated', 'call terminated', 'update terminated', 'p terminated']);
      expect(s.last.commands).toEqual([
        { type: 'cancel-user-task', elementInstanceId: 3, reason: 'terminated' },
        { type: 'cancel-timer', timerId: 4 },
        { type: 'cancel-service', elementInstanceId: 5 },
        { type: 'cancel-child', elementInstanceId: 6 },
        { type: 'close-subscription', subscriptionId: 8 },
        { type: 'end-instance', status: 'terminated', variables: {} },
      ]);
      expect(s.state).toMatchObject({ status: 'terminated', elements: [], subscriptions: [] });
    });

    it('given a terminated instance, when any event arrives, then it is rejected as instance-ended', () => {
      const s = Scenario.given(everything).start().ok({ type: 'cancel' });
      for (const event of [{ type: 'cancel' }, { type: 'task-completed', elementInstanceId: 3 }, { type: 'timer-fired', timerId: 4 }] as EngineEvent[]) {
        expect(s.send(event).rejection).toEqual({ code: 'instance-ended', message: 'the instance has terminated' });
      }
    });

    it('given a completed instance, when an event arrives, then it is rejected as instance-ended', () => {
      const s = Scenario.given(bpmn(`<bpmn:startEvent id="start"/><bpmn:endEvent id="end"/>${flow('f', 'start', 'end')}`)).start();
      expect(s.send({ type: 'signal', name: 'x' }).rejection).toEqual({ code: 'instance-ended', message: 'the instance has completed' });
    });
  });

  describe('stale and invalid events', () => {
    it.each<[string, (s: Scenario) => EngineEvent, string]>([
      ['an unknown element instance', () => ({ type: 'task-completed', elementInstanceId: 999 }), 'stale'],
      ['a service result for an unknown instance', () => ({ type: 'service-completed', elementInstanceId: 999 }), 'stale'],
      ['a child result for an unknown instance', () => ({ type: 'child-completed', elementInstanceId: 999 }), 'stale'],
      ['a timer that was never armed', () => ({ type: 'timer-fired', timerId: 999 }), 'stale'],
      ['variables for an unknown instance', () => ({ type: 'set-variables', elementInstanceId: 999, variables: { a: 1 } }), 'stale'],
      ['a message nobody waits for', () => ({ type: 'message', name: 'nobody' }), 'not-found'],
      ['an event of an unknown type', () => ({ type: 'reticulate' }) as unknown as EngineEvent, 'invalid-event'],
      ['a child result for a task that is not a call activity', (s) => ({ type: 'child-completed', elementInstanceId: s.instanceOf('task') }), 'invalid-event'],
    ])('given %s, when it arrives, then it is rejected and the state is unchanged', (_what, event, code) => {
      const s = Scenario.given(everything).start();
      const before = JSON.stringify(s.state);
      const result = s.send(event(s));
      expect(result.rejection?.code).toBe(code);
      expect(result.commands).toEqual([]);
      expect(result.events).toEqual([]);
      expect(JSON.stringify(result.state)).toBe(before);
    });

    it('given a task completed and the same completion delivered again (at-least-once delivery), when the duplicate arrives, then it is stale and nothing happens twice', () => {
      const s = Scenario.given(everything).start();
      const event: EngineEvent = { type: 'task-completed', elementInstanceId: s.instanceOf('task') };
      s.ok(event);
      const duplicate = s.send(event);
      expect(duplicate.rejection).toEqual({ code: 'stale', message: 'element instance 3 is not waiting (already completed, terminated or unknown) for a task completion' });
    });

    it('given the caller mutates the state it passed in, when step returns, then the engine worked on its own copy', () => {
      const s = Scenario.given(everything).start();
      const before = JSON.stringify(s.state);
      const result = step(s.model, s.state, { type: 'task-completed', elementInstanceId: 3 }, s.ctx());
      expect(result.rejection).toBeUndefined();
      expect(JSON.stringify(s.state)).toBe(before);
      expect(result.state).not.toBe(s.state);
    });
  });

  describe('start', () => {
    it('given an unknown process id, when started, then it is rejected as not-found', () => {
      const model = Scenario.given(everything).model;
      expect(start(model, { processId: 'nope' }, { now: new Date('2026-03-02T09:00:00Z') }).rejection?.code).toBe('not-found');
    });

    it('given a start event id that is not a start event, when started, then it is rejected as invalid-event', () => {
      const model = Scenario.given(everything).model;
      expect(start(model, { startEventId: 'task' }, { now: new Date('2026-03-02T09:00:00Z') }).rejection).toEqual({ code: 'invalid-event', message: '"task" is not a start event of the process "p"' });
    });

    it('given start variables and a business key, when started, then the state has a copy of them (not the caller\'s objects)', () => {
      const variables = { case: { ref: 'C-1' } };
      const s = Scenario.given(everything).start({ variables, businessKey: 'C-1' });
      variables.case.ref = 'changed';
      expect(s.state.variables).toEqual({ case: { ref: 'C-1' } });
      expect(s.state.businessKey).toBe('C-1');
    });

    it('given a state from another model, when stepped, then it is rejected as not-found', () => {
      const s = Scenario.given(everything).start();
      const other = Scenario.given(bpmn(`<bpmn:startEvent id="start"/><bpmn:endEvent id="end"/>${flow('f', 'start', 'end')}`, { processId: 'other' })).model;
      expect(step(other, s.state, { type: 'cancel' }, s.ctx()).rejection?.code).toBe('not-found');
    });
  });

  describe('loop limit', () => {
    it('given a model that loops without ever waiting, when run, then a loop-limit incident stops it in that step (no hang, no exception)', () => {
      const s = Scenario.given(
        bpmn(`
          <bpmn:startEvent id="start"/>
          <bpmn:exclusiveGateway id="merge"/>
          <bpmn:task id="spin"/>
          <bpmn:exclusiveGateway id="again" default="out"/>
          <bpmn:endEvent id="end"/>
          ${flow('f0', 'start', 'merge')}
          ${flow('f1', 'merge', 'spin')}
          ${flow('f2', 'spin', 'again')}
          ${flow('back', 'again', 'merge', 'true')}
          ${flow('out', 'again', 'end')}`),
      ).start();
      const incidents = s.commandsOf('raise-incident');
      expect(incidents).toEqual([expect.objectContaining({ kind: 'loop-limit', message: `more than ${MAX_ACTIVATIONS_PER_STEP} elements ran in one step; the model probably loops without waiting` })]);
      expect(s.state.status).toBe('active');
      expect(s.state.elements).toHaveLength(1);
      expect(s.state.incidents).toHaveLength(1);
    });
  });

  it('given the same model, state, event and time, when stepped twice, then the results are identical (pure and deterministic)', () => {
    const s = Scenario.given(everything).start();
    const event: EngineEvent = { type: 'task-completed', elementInstanceId: 3, variables: { x: 1 } };
    const a = step(s.model, s.state, event, s.ctx());
    const b = step(s.model, s.state, event, s.ctx());
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('given a waiting instance, when its state is serialised, then it is plain JSON that round-trips and does not contain the model', () => {
    const s = Scenario.given(everything).start();
    const json = JSON.stringify(s.state);
    expect(JSON.parse(json)).toEqual(s.state);
    expect(json).not.toContain('"nodes"');
    expect(json.length).toBeLessThan(600);
  });
});
