import type { Problem } from '../contract.types';
import { bpmn, chain, flow, timerEvent } from '../../test-support/bpmn.fixture';
import { compile, parseDefinitions } from './compile';

/** `elementId: message` for each problem (the id is what the modeller highlights). */
function problems(xml: unknown): string[] {
  const result = compile(xml as string);
  return (result.problems ?? []).map((p: Problem) => `${p.elementId ?? '-'}: ${p.message}`);
}

function codes(xml: string): (string | undefined)[] {
  return (compile(xml).problems ?? []).map((p) => p.code);
}

/** A gateway with one conditional flow (to e1) and a default (to e2). */
const conditionFlow = (conditionXml: string) =>
  bpmn(`
    <bpmn:startEvent id="start"/>
    <bpmn:exclusiveGateway id="g" default="b"/>
    <bpmn:endEvent id="e1"/>
    <bpmn:endEvent id="e2"/>
    ${flow('f', 'start', 'g')}
    <bpmn:sequenceFlow id="a" sourceRef="g" targetRef="e1">${conditionXml}</bpmn:sequenceFlow>
    ${flow('b', 'g', 'e2')}`);

const timerCatch = (timer: string) => bpmn(`<bpmn:startEvent id="start"/><bpmn:intermediateCatchEvent id="t">${timer}</bpmn:intermediateCatchEvent><bpmn:endEvent id="end"/>${chain('f', 'start', 't', 'end')}`);

describe('compile', () => {
  describe('a valid model', () => {
    const xml = bpmn(`
      <bpmn:startEvent id="start" name="Referral received"/>
      <bpmn:exclusiveGateway id="g" default="low"/>
      <bpmn:userTask id="marac"/>
      <bpmn:endEvent id="e1"/>
      <bpmn:endEvent id="e2"/>
      ${flow('f', 'start', 'g')}
      ${flow('high', 'g', 'marac', '=score >= 14')}
      ${flow('low', 'g', 'e2')}
      ${flow('m', 'marac', 'e1')}`);

    it('given a valid model, when compiled, then it returns the executable model (plain data) and no problems', () => {
      const result = compile(xml);
      expect(result.problems).toBeUndefined();
      const process = result.model!.processes.p!;
      expect(result.model!.mainProcessId).toBe('p');
      expect(process.nodes.start).toEqual({ id: 'start', name: 'Referral received', kind: 'startEvent', incoming: [], outgoing: ['f'], events: [{ kind: 'none' }], interrupting: true });
      expect(process.nodes.g).toMatchObject({ kind: 'exclusiveGateway', defaultFlow: 'low', outgoing: ['high', 'low'] });
      expect(process.flows.high).toEqual({ id: 'high', source: 'g', target: 'marac', condition: { src: 'score >= 14' } });
      expect(process.scopeEntries).toEqual({ '': ['start'] });
      expect(JSON.parse(JSON.stringify(result.model))).toEqual(result.model);
    });

    it('given any input, when compiled, then compile returns synchronously (not a promise)', () => {
      const result = compile(xml) as unknown;
      expect(result).not.toBeInstanceOf(Promise);
      expect(typeof (result as { then?: unknown }).then).toBe('undefined');
    });

    it('given the same file twice, when compiled, then the models are equal (deterministic)', () => {
      expect(JSON.stringify(compile(xml).model)).toBe(JSON.stringify(compile(xml).model));
    });
  });

  describe('problems by element id', () => {
    it('given an unknown element, when compiled, then the moddle warning is a problem naming the element and its line', () => {
      expect(problems(bpmn(`<bpmn:startEvent id="start"/><bpmn:fooTask id="x"/><bpmn:endEvent id="end"/>${flow('f', 'start', 'end')}`))).toEqual([
        '-: <bpmn:fooTask> unknown element type bpmn:FooTask (line 9, column 29)',
      ]);
    });

    it('given an unknown attribute, when compiled, then the problem is on the element that has it', () => {
      expect(problems(bpmn(`<bpmn:startEvent id="start" bpmn:weird="1"/><bpmn:endEvent id="end"/>${flow('f', 'start', 'end')}`))).toEqual(['start: unknown attribute <bpmn:weird>']);
    });

    it('given an element the engine does not execute, when compiled, then it is named as unsupported', () => {
      const xml = bpmn(`<bpmn:startEvent id="start"/><bpmn:implicitThrowEvent id="x"/><bpmn:endEvent id="end"/>${chain('f', 'start', 'x', 'end')}`);
      expect(problems(xml)).toContain('x: <ImplicitThrowEvent> is not supported by the engine');
      expect(codes(xml)[0]).toBe('unsupported');
    });

    it('given a flow to an element that does not exist, when compiled, then the dangling reference is reported on the flow', () => {
      expect(problems(bpmn(`<bpmn:startEvent id="start"/><bpmn:endEvent id="end"/>${flow('f', 'start', 'nowhere')}${flow('g', 'start', 'end')}`))).toEqual([
        'f: its targetRef refers to "nowhere", which does not exist',
      ]);
    });

    it('given a receive task naming a message that does not exist, when compiled, then the dangling reference is reported on the task', () => {
      expect(problems(bpmn(`<bpmn:startEvent id="start"/><bpmn:receiveTask id="r" messageRef="nope"/><bpmn:endEvent id="end"/>${chain('f', 'start', 'r', 'end')}`))).toEqual([
        'r: its messageRef refers to "nope", which does not exist',
      ]);
    });

    it('given a boundary event attached to nothing that exists, when compiled, then it is reported', () => {
      const xml = bpmn(`<bpmn:startEvent id="start"/><bpmn:endEvent id="end"/>${flow('f', 'start', 'end')}<bpmn:boundaryEvent id="b" attachedToRef="ghost">${timerEvent('timeDuration', 'PT1H')}</bpmn:boundaryEvent>`);
      expect(problems(xml)).toContain('b: its attachedToRef refers to "ghost", which does not exist');
    });

    it('given a flow with no source, when compiled, then the flow from nothing is reported', () => {
      expect(problems(bpmn(`<bpmn:startEvent id="start"/><bpmn:endEvent id="end"/><bpmn:sequenceFlow id="f" targetRef="end"/>${flow('g', 'start', 'end')}`))).toEqual(['f: the sequence flow has no source']);
    });

    it('given a flow with no target, when compiled, then the flow to nothing is reported', () => {
      expect(problems(bpmn(`<bpmn:startEvent id="start"/><bpmn:endEvent id="end"/><bpmn:sequenceFlow id="f" sourceRef="start"/>${flow('g', 'start', 'end')}`))).toEqual(['f: the sequence flow has no target']);
    });

    it('given a flow that crosses a sub-process boundary, when compiled, then it is reported on the flow', () => {
      const xml = bpmn(`
        <bpmn:startEvent id="start"/>
        <bpmn:subProcess id="sp"><bpmn:startEvent id="s1"/><bpmn:endEvent id="s2"/>${flow('sf', 's1', 's2')}</bpmn:subProcess>
        <bpmn:endEvent id="end"/>
        ${chain('f', 'start', 'sp', 'end')}
        ${flow('cross', 's1', 'end')}`);
      expect(problems(xml)).toContain('cross: a sequence flow cannot cross the boundary of a sub-process');
    });

    it('given nodes no start event leads to, when compiled, then each is reported as unreachable', () => {
      const xml = bpmn(`<bpmn:startEvent id="start"/><bpmn:userTask id="island"/><bpmn:userTask id="island2" name="Orphan"/><bpmn:endEvent id="end"/>${flow('f', 'start', 'end')}${flow('g', 'island', 'island2')}${flow('h', 'island2', 'island')}`);
      expect(problems(xml)).toEqual(['island: "island" cannot be reached from any start event', 'island2: "Orphan" cannot be reached from any start event']);
    });

    it('given a condition that is not valid FEEL, when compiled, then the problem is on the flow with the position', () => {
      expect(problems(conditionFlow('<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">score >= 14 and</bpmn:conditionExpression>'))).toEqual([
        'a: the condition is not valid FEEL: FEEL syntax error at position 16 of "score >= 14 and"',
      ]);
    });

    it('given a JUEL condition, when compiled, then it is refused as not FEEL, with an example', () => {
      expect(problems(conditionFlow('<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${score > 3}</bpmn:conditionExpression>'))).toEqual([
        'a: the condition "${score > 3}" is a JUEL/JavaScript expression; expressions must be FEEL (for example: score >= 14)',
      ]);
    });

    it('given a JavaScript condition, when compiled, then it is refused by its language', () => {
      const xml = conditionFlow('<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="javascript">score &gt; 3</bpmn:conditionExpression>');
      expect(problems(xml)).toEqual(['a: the condition is written in "javascript"; only FEEL is supported']);
      expect(codes(xml)).toEqual(['unsupported']);
    });

    it('given a definitions-wide expression language that is not FEEL, when a condition names none, then it is refused', () => {
      const xml = conditionFlow('<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">score &gt; 3</bpmn:conditionExpression>').replace(
        'id="defs"',
        'id="defs" expressionLanguage="http://www.javascript.com/javascript"',
      );
      expect(problems(xml)).toEqual(['a: the condition is written in "http://www.javascript.com/javascript"; only FEEL is supported']);
    });

    it('given a JavaScript script task, when compiled, then it is refused: scripts run only in FEEL', () => {
      const xml = bpmn(`<bpmn:startEvent id="start"/><bpmn:scriptTask id="s" scriptFormat="javascript"><bpmn:script>process.exit(1)</bpmn:script></bpmn:scriptTask><bpmn:endEvent id="end"/>${chain('f', 'start', 's', 'end')}`);
      expect(problems(xml)).toContain('s: the script is in "javascript"; only FEEL scripts run (scriptFormat="feel"), JavaScript and other languages are never executed');
    });

    it('given a script task without a format, when compiled, then it asks for FEEL', () => {
      const xml = bpmn(`<bpmn:startEvent id="start"/><bpmn:scriptTask id="s"><bpmn:script>1+1</bpmn:script></bpmn:scriptTask><bpmn:endEvent id="end"/>${chain('f', 'start', 's', 'end')}`);
      expect(problems(xml)).toEqual(['s: the script has no scriptFormat; write it in FEEL and set scriptFormat="feel"']);
    });

    it('given a service task implemented by a Camunda 7 Java class, when compiled, then it is refused by name', () => {
      const xml = bpmn(`<bpmn:startEvent id="start"/><bpmn:serviceTask id="s" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" camunda:class="org.Foo"/><bpmn:endEvent id="end"/>${chain('f', 'start', 's', 'end')}`);
      expect(problems(xml)).toEqual(['s: the task is implemented by camunda:class="org.Foo" (a Camunda 7 Java delegate or expression), which the engine never runs; give it a task type (referral:service type="…")']);
    });

    it('given a service task without a task type, when compiled, then it says how to give one', () => {
      const xml = bpmn(`<bpmn:startEvent id="start"/><bpmn:serviceTask id="s"/><bpmn:endEvent id="end"/>${chain('f', 'start', 's', 'end')}`);
      expect(problems(xml)).toEqual(['s: the service task has no task type (referral:service type="…" or zeebe:taskDefinition)']);
    });

    it('given a DMN business rule task, when compiled, then it is refused with the FEEL alternative', () => {
      const xml = bpmn(`<bpmn:startEvent id="start"/><bpmn:businessRuleTask id="s"><bpmn:extensionElements><zeebe:calledDecision decisionId="d" resultVariable="r"/></bpmn:extensionElements></bpmn:businessRuleTask><bpmn:endEvent id="end"/>${chain('f', 'start', 's', 'end')}`);
      expect(problems(xml)).toEqual(['s: DMN decisions (zeebe:calledDecision) are not supported; write the decision as a FEEL expression in <referral:decision expression="…" resultVariable="…"/>']);
    });

    it.each([
      ['timeDate', 'tomorrow', 't: the timer\'s timeDate: "tomorrow" is not an ISO 8601 date-time (e.g. 2026-05-01T09:00:00Z)'],
      ['timeDuration', '2 days', 't: the timer\'s timeDuration: "2 days" is not an ISO 8601 duration (e.g. PT10M, P2D)'],
      ['timeCycle', 'every hour', 't: the timer\'s timeCycle: "every hour" is not a repeating interval (e.g. R3/PT10M, R/P1D) or a cron expression'],
      ['timeCycle', 'R3/PT0S', 't: the timer\'s timeCycle: "R3/PT0S" is not a repeating interval (e.g. R3/PT10M, R/P1D) or a cron expression'],
      ['timeDate', '2026-02-30T09:00:00Z', 't: the timer\'s timeDate: "2026-02-30T09:00:00Z" is not an ISO 8601 date-time (e.g. 2026-05-01T09:00:00Z)'],
      ['timeCycle', '=foo((', 't: the timer\'s timeCycle is not valid FEEL: FEEL syntax error at position 6 of "foo(("'],
    ] as const)('given a %s of "%s", when compiled, then the timer is reported with an example of what works', (kind, text, message) => {
      expect(problems(timerCatch(timerEvent(kind, text)))).toEqual([message]);
    });

    it('given a timer with two definitions or none, when compiled, then it asks for exactly one', () => {
      expect(problems(timerCatch('<bpmn:timerEventDefinition><bpmn:timeDate>2026-01-01T00:00:00Z</bpmn:timeDate><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>'))).toEqual([
        't: the timer sets timeDate and timeDuration; set exactly one',
      ]);
      expect(problems(timerCatch('<bpmn:timerEventDefinition/>'))).toEqual(['t: the timer has no timeDate, timeDuration or timeCycle']);
    });

    it('given a bad retry cycle on a service, when compiled, then it says what a retry cycle looks like', () => {
      const xml = bpmn(`<bpmn:startEvent id="start"/><bpmn:serviceTask id="s"><bpmn:extensionElements><referral:service type="x" retry="often"/></bpmn:extensionElements></bpmn:serviceTask><bpmn:endEvent id="end"/>${chain('f', 'start', 's', 'end')}`);
      expect(problems(xml)).toEqual(['s: the retry cycle "often" is not an ISO repeating interval with a count, such as R3/PT10S']);
    });

    it('given a file with no executable process, when compiled, then it says how to mark one', () => {
      expect(problems(bpmn(`<bpmn:startEvent id="start"/><bpmn:endEvent id="end"/>${flow('f', 'start', 'end')}`, { executable: false }))).toEqual([
        '-: no process is marked executable (set isExecutable="true" on the process to run)',
      ]);
    });

    it('given a non-executable process, when only parsed (imported), then references are resolved and there are no problems', () => {
      const result = parseDefinitions(bpmn(`<bpmn:startEvent id="start"/><bpmn:endEvent id="end"/>${flow('f', 'start', 'end')}`, { executable: false }));
      expect(result.problems).toEqual([]);
      expect(result.parsed?.elementsById.get('f')).toBeDefined();
    });

    it('given several problems, when compiled, then all are reported at once (not only the first)', () => {
      const xml = bpmn(`
        <bpmn:startEvent id="start"/>
        <bpmn:scriptTask id="s"><bpmn:script>1</bpmn:script></bpmn:scriptTask>
        <bpmn:intermediateCatchEvent id="t">${timerEvent('timeDuration', 'soon')}</bpmn:intermediateCatchEvent>
        <bpmn:endEvent id="end"/>
        ${chain('f', 'start', 's', 't', 'end')}`);
      expect(problems(xml).map((p) => p.split(':')[0])).toEqual(['s', 't']);
    });
  });

  it.each([
    [42, 'a number'],
    [null, 'null'],
    [undefined, 'undefined'],
    [{}, 'an object'],
    [['x'], 'a list'],
    [Buffer.from('<x/>'), 'a Buffer (decode it as UTF-8 first)'],
  ])('given %p instead of text, when compiled, then the problem says what was passed', (input, what) => {
    expect(problems(input)).toEqual([`-: the model must be BPMN XML text, not ${what}`]);
  });

  describe('never throws', () => {
    it.each([
      ['a number', 42],
      ['null', null],
      ['undefined', undefined],
      ['an object', { xml: '<x/>' }],
      ['an array', ['<bpmn:definitions/>']],
      ['a buffer', Buffer.from('<bpmn:definitions/>')],
      ['an empty string', ''],
      ['whitespace', '   \n  '],
      ['plain text', 'hello'],
      ['another XML vocabulary', '<html><body>hi</body></html>'],
      ['definitions with no process', '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"/>'],
    ])('given %s, when compiled, then problems come back and nothing is thrown', (_what, input) => {
      let result: ReturnType<typeof compile> | undefined;
      expect(() => (result = compile(input as string))).not.toThrow();
      expect(result?.model).toBeUndefined();
      const found = result?.problems ?? [];
      expect(found.length).toBeGreaterThan(0);
      for (const p of found) expect(p).toMatchObject({ message: expect.any(String), severity: 'error' });
    });
  });
});
