import { bpmn, chain, flow } from '../../../test-support/bpmn.fixture';
import { Scenario } from '../../../test-support/scenario.util';

const messages = `
  <bpmn:message id="mConsent" name="consent">
    <bpmn:extensionElements><zeebe:subscription correlationKey="=caseRef"/></bpmn:extensionElements>
  </bpmn:message>
  <bpmn:message id="mAny" name="police-update"/>`;

describe('messages', () => {
  describe('receive task with a correlation key', () => {
    const xml = bpmn(
      `
      <bpmn:startEvent id="start"/>
      <bpmn:receiveTask id="awaitConsent" messageRef="mConsent"/>
      <bpmn:userTask id="next"/>
      <bpmn:endEvent id="end"/>
      ${chain('f', 'start', 'awaitConsent', 'next', 'end')}`,
      { roots: messages },
    );

    it('given a receive task, when it is reached, then it opens a message subscription with the evaluated correlation key', () => {
      const s = Scenario.given(xml).start({ variables: { caseRef: 'C-42' } });
      expect(s.trail()).toEqual(['p activated', 'start activated', 'start completed', 'awaitConsent activated']);
      expect(s.last.commands).toEqual([{ type: 'open-subscription', subscriptionId: 3, kind: 'message', name: 'consent', correlationKey: 'C-42', elementId: 'awaitConsent' }]);
    });

    it('given a message with another correlation key, when it arrives, then it is not correlated (not-found)', () => {
      const s = Scenario.given(xml).start({ variables: { caseRef: 'C-42' } });
      expect(s.send({ type: 'message', name: 'consent', correlationKey: 'C-43' }).rejection?.code).toBe('not-found');
      expect(s.send({ type: 'message', name: 'consent' }).rejection?.code).toBe('not-found');
    });

    it('given the matching key, when the message arrives, then the task completes with the message variables', () => {
      const s = Scenario.given(xml).start({ variables: { caseRef: 'C-42' } });
      s.message('consent', 'C-42', { consentGiven: true });
      expect(s.trail()).toEqual(['awaitConsent triggered (consent)', 'awaitConsent completed', 'next activated']);
      expect(s.commands()).toEqual(['close-subscription', 'create-user-task next']);
      expect(s.state.variables).toEqual({ caseRef: 'C-42', consentGiven: true });
    });

    it('given a receive task completed by a person, when task-completed arrives, then it completes like a manual task', () => {
      const s = Scenario.given(xml).start({ variables: { caseRef: 'C-42' } });
      s.complete('awaitConsent', { consentGiven: false });
      expect(s.trail()).toEqual(['awaitConsent completed', 'next activated']);
      expect(s.state.subscriptions).toEqual([]);
    });

    it('given a correlation key that evaluates to null, when the receive task is reached, then an expression-failed incident says the key is empty', () => {
      const s = Scenario.given(xml).start();
      expect(s.trail().slice(-1)).toEqual(['awaitConsent incident (expression-failed)']);
      expect(s.state.incidents![0]!.message).toBe('the correlation key of message "consent" is empty');
    });
  });

  it('given two instances waiting with different keys, when a message is routed by key, then only the matching one completes', () => {
    const xml = bpmn(
      `<bpmn:startEvent id="start"/>
       <bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="mConsent"/></bpmn:intermediateCatchEvent>
       <bpmn:endEvent id="end"/>
       ${chain('f', 'start', 'wait', 'end')}`,
      { roots: messages },
    );
    const a = Scenario.given(xml).start({ variables: { caseRef: 'A' } });
    const b = Scenario.given(a.model).start({ variables: { caseRef: 'B' } });
    expect(b.send({ type: 'message', name: 'consent', correlationKey: 'A' }).rejection?.code).toBe('not-found');
    a.message('consent', 'A');
    expect(a.state.status).toBe('completed');
    expect(b.state.status).toBe('active');
  });

  it('given a message start event, when the instance is started at it, then its variables arrive and the rest runs', () => {
    const s = Scenario.given(
      bpmn(
        `<bpmn:startEvent id="byMessage"><bpmn:messageEventDefinition messageRef="mAny"/></bpmn:startEvent>
         <bpmn:userTask id="review"/>
         <bpmn:endEvent id="end"/>
         ${chain('f', 'byMessage', 'review', 'end')}`,
        { roots: messages },
      ),
    ).start({ startEventId: 'byMessage', variables: { report: 'R-9' } });
    expect(s.trail()).toEqual(['p activated', 'byMessage activated', 'byMessage completed', 'review activated']);
    expect(s.state.variables).toEqual({ report: 'R-9' });
  });

  it('given a send task with a message, when it is reached, then publish-message carries its name, key and mapped variables and the token goes on', () => {
    const s = Scenario.given(
      bpmn(
        `<bpmn:startEvent id="start"/>
         <bpmn:sendTask id="notify" messageRef="mConsent"><bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=decision" target="decision"/></zeebe:ioMapping></bpmn:extensionElements></bpmn:sendTask>
         <bpmn:endEvent id="end"/>
         ${chain('f', 'start', 'notify', 'end')}`,
        { roots: messages },
      ),
    ).start({ variables: { caseRef: 'C-1', decision: 'accept', other: 1 } });
    expect(s.last.commands).toEqual([
      { type: 'publish-message', name: 'consent', correlationKey: 'C-1', variables: { decision: 'accept' }, elementId: 'notify' },
      { type: 'end-instance', status: 'completed', variables: { caseRef: 'C-1', decision: 'accept', other: 1 } },
    ]);
  });

  it('given a message intermediate throw and a message end event, when reached, then each publishes its message', () => {
    const s = Scenario.given(
      bpmn(
        `<bpmn:startEvent id="start"/>
         <bpmn:intermediateThrowEvent id="tell"><bpmn:messageEventDefinition messageRef="mAny"/></bpmn:intermediateThrowEvent>
         <bpmn:endEvent id="end"><bpmn:messageEventDefinition messageRef="mConsent"/></bpmn:endEvent>
         ${chain('f', 'start', 'tell', 'end')}`,
        { roots: messages },
      ),
    ).start({ variables: { caseRef: 'K' } });
    expect(s.commands()).toEqual(['publish-message tell', 'publish-message end', 'end-instance completed']);
    expect(s.commandsOf('publish-message').map((c) => [c.name, c.correlationKey])).toEqual([
      ['police-update', undefined],
      ['consent', 'K'],
    ]);
  });

  it('given a send task implemented by a job worker, when reached, then it invokes a service instead of publishing', () => {
    const s = Scenario.given(
      bpmn(
        `<bpmn:startEvent id="start"/>
         <bpmn:sendTask id="notify"><bpmn:extensionElements><zeebe:taskDefinition type="send-email"/></bpmn:extensionElements></bpmn:sendTask>
         <bpmn:endEvent id="end"/>
         ${chain('f', 'start', 'notify', 'end')}`,
      ),
    ).start();
    expect(s.commands()).toEqual(['invoke-service notify']);
  });

  it('given a message flow between two instances of the same model, when one publishes, then the other can be stepped with it', () => {
    const xml = bpmn(
      `<bpmn:startEvent id="start"/>
       <bpmn:exclusiveGateway id="role" default="toWait"/>
       <bpmn:intermediateThrowEvent id="tell"><bpmn:messageEventDefinition messageRef="mAny"/></bpmn:intermediateThrowEvent>
       <bpmn:intermediateCatchEvent id="hear"><bpmn:messageEventDefinition messageRef="mAny"/></bpmn:intermediateCatchEvent>
       <bpmn:exclusiveGateway id="merge"/>
       <bpmn:endEvent id="end"/>
       ${flow('f0', 'start', 'role')}
       ${flow('toTell', 'role', 'tell', 'sender')}
       ${flow('toWait', 'role', 'hear')}
       ${flow('f1', 'tell', 'merge')}
       ${flow('f2', 'hear', 'merge')}
       ${flow('f3', 'merge', 'end')}`,
      { roots: messages },
    );
    const receiver = Scenario.given(xml).start({ variables: { sender: false } });
    const sender = Scenario.given(receiver.model).start({ variables: { sender: true, note: 'x' } });
    const [published] = sender.commandsOf('publish-message');
    receiver.message(published!.name, published!.correlationKey, published!.variables);
    expect(receiver.state.status).toBe('completed');
  });
});
