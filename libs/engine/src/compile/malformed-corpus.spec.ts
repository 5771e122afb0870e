/**
 * The malformed-input corpus: every input is generated here (nothing large is committed), each
 * must be rejected with problems, and nothing may throw, hang or overflow the stack.
 */
import fc from 'fast-check';
import { bpmn, chain, flow } from '../../test-support/bpmn.fixture';
import { Scenario } from '../../test-support/scenario.util';
import { compile } from './compile';

const withCondition = (condition: string) =>
  bpmn(`
  <bpmn:startEvent id="start"/>
  <bpmn:exclusiveGateway id="g" default="low"/>
  <bpmn:userTask id="marac" name="Refer to MARAC"/>
  <bpmn:endEvent id="e1"/>
  <bpmn:endEvent id="e2"/>
  ${flow('f', 'start', 'g')}
  ${flow('high', 'g', 'marac', condition)}
  ${flow('low', 'g', 'e2')}
  ${flow('m', 'marac', 'e1')}`);
const valid = withCondition('score >= 14');

/** Compile, asserting it returns problems (never a model, never a throw) within a time limit. */
function rejected(input: unknown, withinMs = 2_000): string[] {
  const started = performance.now();
  let result: ReturnType<typeof compile> | undefined;
  expect(() => (result = compile(input as string))).not.toThrow();
  expect(performance.now() - started).toBeLessThan(withinMs);
  expect(result?.model).toBeUndefined();
  const problems = result?.problems ?? [];
  expect(problems.length).toBeGreaterThan(0);
  return problems.map((p) => `${p.elementId ?? '-'}: ${p.message}`);
}

describe('the malformed-input corpus', () => {
  it('given the corpus base model, when compiled, then it is valid (so every rejection below is for the defect put in)', () => {
    expect(compile(valid).problems).toBeUndefined();
  });

  it('given the model truncated at every 23rd character, when each prefix is compiled, then each is rejected with a problem', () => {
    const end = valid.lastIndexOf('</bpmn:definitions>');
    for (let cut = 0; cut < end; cut += 23) rejected(valid.slice(0, cut));
  });

  it('given a truncated model, when compiled, then the problem says the file may be truncated or where the XML breaks', () => {
    const problems = rejected(valid.slice(0, valid.indexOf('<bpmn:endEvent id="e1"/>')));
    expect(problems.join('\n')).toMatch(/truncated|malformed/);
  });

  it('given a 10 MB file, when compiled, then it is refused by the size limit before parsing, quickly', () => {
    const padding = `<!-- ${'x'.repeat(10 * 1024 * 1024)} -->`;
    expect(rejected(valid.replace('<bpmn:process', `${padding}<bpmn:process`), 1_000)).toEqual(['-: the file is 10.0 MB, more than the limit of 5.0 MB']);
  });

  it('given 50,000 nested elements, when compiled, then the depth limit refuses it without overflowing the stack', () => {
    const deep = `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">${'<bpmn:extensionElements>'.repeat(50_000)}${'</bpmn:extensionElements>'.repeat(50_000)}</bpmn:definitions>`;
    expect(rejected(deep)).toEqual(['-: elements are nested more than 200 levels deep (at line 1)']);
  });

  it('given 50,000 unclosed nested elements, when compiled, then it is refused (no stack overflow)', () => {
    rejected(`<a>`.repeat(50_000));
  });

  it('given more elements than the limit, when compiled, then the element count limit refuses it', () => {
    const many = bpmn(`<bpmn:startEvent id="start"/><bpmn:endEvent id="end"/>${flow('f', 'start', 'end')}${'<bpmn:textAnnotation/>'.repeat(20_001)}`);
    expect(rejected(many)).toEqual(['-: the file has more than 20000 elements']);
  });

  it('given an XXE entity reading a local file, when compiled, then the DOCTYPE is refused before anything resolves it', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${valid.replace('<?xml version="1.0" encoding="UTF-8"?>', '').replace('name="Refer to MARAC"', 'name="&xxe;"')}`;
    const problems = rejected(xxe);
    expect(problems).toEqual(['-: the file declares a DOCTYPE or entities, which BPMN files never need and which are refused for safety']);
    expect(problems.join()).not.toContain('root:');
  });

  it('given a billion-laughs entity bomb, when compiled, then it is refused at once', () => {
    const levels = Array.from({ length: 10 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${levels}]><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" name="&lol10;"/>`;
    expect(rejected(bomb, 500)).toEqual(['-: the file declares a DOCTYPE or entities, which BPMN files never need and which are refused for safety']);
  });

  it.each(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'])('given an element with the id "%s", when compiled, then the reserved id is refused', (id) => {
    const xml = bpmn(`<bpmn:startEvent id="start"/><bpmn:userTask id="${id}"/><bpmn:endEvent id="end"/>${chain('f', 'start', id, 'end')}`);
    expect(rejected(xml)).toContain(`-: the id "${id}" on <bpmn:userTask> is reserved; choose another id`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('given a process whose id is __proto__, when compiled, then it is refused and Object.prototype is untouched', () => {
    rejected(bpmn(`<bpmn:startEvent id="start"/><bpmn:endEvent id="end"/>${flow('f', 'start', 'end')}`, { processId: '__proto__' }));
    expect(Object.prototype).not.toHaveProperty('start');
  });

  it.each(['case.__proto__.polluted', '__proto__', 'case.constructor.prototype.polluted'])('given a mapping target "%s", when compiled, then the reserved name is refused', (target) => {
    const xml = bpmn(
      `<bpmn:startEvent id="start"/><bpmn:userTask id="t"><bpmn:extensionElements><zeebe:ioMapping><zeebe:output source="=1" target="${target}"/></zeebe:ioMapping></bpmn:extensionElements></bpmn:userTask><bpmn:endEvent id="end"/>${chain('f', 'start', 't', 'end')}`,
    );
    expect(rejected(xml)).toEqual([`t: the output mapping target "${target}" uses a reserved name (__proto__, constructor or prototype); choose another`]);
  });

  it('given a JavaScript condition, when compiled, then it is refused', () => {
    expect(rejected(withCondition('${execution.getVariable("score") >= 14}'))).toEqual([
      'high: the condition "${execution.getVariable("score") >= 14}" is a JUEL/JavaScript expression; expressions must be FEEL (for example: score >= 14)',
    ]);
    expect(rejected(valid.replace('xsi:type="bpmn:tFormalExpression">', 'xsi:type="bpmn:tFormalExpression" language="JavaScript">'))).toEqual([
      'high: the condition is written in "JavaScript"; only FEEL is supported',
    ]);
  });

  it('given bad FEEL, when compiled, then it is refused on the flow', () => {
    expect(rejected(withCondition('score >= (14'))).toEqual([expect.stringMatching(/^high: the condition is not valid FEEL: FEEL syntax error at position/)]);
  });

  it('given a FEEL expression longer than 10,000 characters, when compiled, then it is refused by its length', () => {
    expect(rejected(withCondition(`score >= ${'1 + '.repeat(3_000)}1`))).toEqual(['high: the condition is not valid FEEL: the expression is longer than 10000 characters']);
  });

  it.each([
    ['(a+)+$', 'nests quantifiers'],
    ['(\\w*)*x', 'nests quantifiers'],
    ['(a|aa)*b', 'nests quantifiers'],
    ['([a-z]+)*@', 'nests quantifiers'],
    ['(a', 'is not a valid regular expression'],
    ['\\1', 'is not a valid regular expression'],
  ])('given a regular expression "%s" in a matches() literal, when compiled, then it is rejected (%s)', (pattern, what) => {
    const problems = rejected(withCondition(`matches(name, "${pattern.replace(/\\/g, '\\\\')}")`));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(what);
  });

  it('given a safe regular expression, when compiled, then it is accepted', () => {
    expect(compile(withCondition('matches(email, "^[a-z]+(\\\\.[a-z]+)*@example\\\\.org$")')).problems).toBeUndefined();
  });

  it.each([
    ['a number', 1],
    ['null', null],
    ['an object', { toString: () => valid }],
    ['a buffer of the valid model', Buffer.from(valid)],
    ['binary junk', '\u0000\u0001\uFFFE<\u0000'],
    ['a lone surrogate', '<bpmn:definitions \uD800/>'],
  ])('given %s instead of XML text, when compiled, then it is rejected with problems', (_what, input) => {
    rejected(input);
  });

  it('given arbitrary strings, when compiled, then compile never throws and never accepts them', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400, unit: 'binary' }), (text) => {
        const result = compile(text);
        return result.model === undefined && result.problems.length > 0;
      }),
      { numRuns: 300 },
    );
  });

  it('given random mutations of a valid model (characters deleted, duplicated or replaced), when compiled, then compile never throws', () => {
    const edit = fc.record({ at: fc.nat({ max: valid.length - 1 }), len: fc.integer({ min: 1, max: 40 }), kind: fc.constantFrom('delete', 'duplicate', 'replace'), text: fc.string({ maxLength: 8 }) });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let xml = valid;
        for (const e of edits) {
          const at = Math.min(e.at, xml.length);
          if (e.kind === 'delete') xml = xml.slice(0, at) + xml.slice(at + e.len);
          else if (e.kind === 'duplicate') xml = xml.slice(0, at + e.len) + xml.slice(at, at + e.len) + xml.slice(at + e.len);
          else xml = xml.slice(0, at) + e.text + xml.slice(at + e.len);
        }
        const result = compile(xml);
        return result.model !== undefined || result.problems.length > 0;
      }),
      { numRuns: 300 },
    );
  });

  describe('at run time', () => {
    const regexAtRunTime = bpmn(`
      <bpmn:startEvent id="start"/>
      <bpmn:exclusiveGateway id="g" default="no"/>
      <bpmn:userTask id="matched"/>
      <bpmn:userTask id="unmatched"/>
      <bpmn:endEvent id="e1"/>
      <bpmn:endEvent id="e2"/>
      ${flow('f', 'start', 'g')}
      ${flow('yes', 'g', 'matched', 'matches(name, pattern)')}
      ${flow('no', 'g', 'unmatched')}
      ${flow('m1', 'matched', 'e1')}
      ${flow('m2', 'unmatched', 'e2')}`);

    it('given a catastrophic pattern that arrives through a variable, when the condition runs, then RE2 finishes at once (no backtracking hang)', () => {
      const started = performance.now();
      const s = Scenario.given(regexAtRunTime).start({ variables: { name: `${'a'.repeat(5_000)}!`, pattern: '^(a+)+$' } });
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(s.live()).toEqual(['unmatched']);
    });

    it('given a pattern that is not valid, when the condition runs, then it gives null (false), not an exception', () => {
      const s = Scenario.given(regexAtRunTime).start({ variables: { name: 'abc', pattern: '(a' } });
      expect(s.live()).toEqual(['unmatched']);
    });

    it('given an iterating condition that would run for minutes, when it runs, then the time budget stops it, an incident is raised and the instance survives', () => {
      const xml = regexAtRunTime.replace('matches(name, pattern)', 'some i in 1..n, j in 1..n satisfies i * j &lt; 0');
      const started = performance.now();
      const s = Scenario.given(xml, { feelBudgetMs: 100 }).start({ variables: { n: 100_000_000 } });
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(s.trail().slice(-1)).toEqual(['g incident (expression-failed)']);
      expect(s.state.incidents![0]!.message).toMatch(/exceeded its time budget of 100 ms/);
      s.ok({ type: 'resolve-incident', incidentId: s.state.incidents![0]!.id, variables: { n: 2 } });
      expect(s.live()).toEqual(['unmatched']);
    });
  });

  describe('prototype pollution at run time', () => {
    afterEach(() => {
      delete (Object.prototype as Record<string, unknown>).polluted;
    });

    it('given a model whose output mapping writes through __proto__ (compiled before the check), when the task completes, then Object.prototype is untouched', () => {
      const model = Scenario.given(
        bpmn(
          `<bpmn:startEvent id="start"/><bpmn:userTask id="t"><bpmn:extensionElements><zeebe:ioMapping><zeebe:output source="=&quot;yes&quot;" target="case.inner.polluted"/></zeebe:ioMapping></bpmn:extensionElements></bpmn:userTask><bpmn:endEvent id="end"/>${chain('f', 'start', 't', 'end')}`,
        ),
      ).model;
      model.processes.p!.nodes.t!.outputs![0]!.target = 'case.__proto__.polluted';
      const s = Scenario.given(model).start({ variables: { case: { ref: 'C-1' } } });
      s.complete('t');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(s.state.variables).toEqual({ case: { ref: 'C-1' } });
    });

    it('given variables named __proto__ set on an element instance, when applied, then they are dropped, not made its prototype', () => {
      const s = Scenario.given(bpmn(`<bpmn:startEvent id="start"/><bpmn:userTask id="t"/><bpmn:endEvent id="end"/>${chain('f', 'start', 't', 'end')}`)).start();
      s.ok({ type: 'set-variables', elementInstanceId: s.instanceOf('t'), variables: JSON.parse('{"__proto__": {"isAdmin": true}, "ok": 1}') });
      const local = s.state.elements[0]!.v!;
      expect(Object.getPrototypeOf(local)).toBe(Object.prototype);
      expect((local as Record<string, unknown>).isAdmin).toBeUndefined();
      expect(local).toEqual({ ok: 1 });
    });

    it('given process variables named __proto__ from a task completion or a message, when applied, then they are dropped', () => {
      const s = Scenario.given(bpmn(`<bpmn:startEvent id="start"/><bpmn:userTask id="t"/><bpmn:endEvent id="end"/>${chain('f', 'start', 't', 'end')}`)).start();
      s.complete('t', JSON.parse('{"__proto__": {"polluted": true}, "constructor": 1, "ok": 1}'));
      expect(s.state.variables).toEqual({ ok: 1 });
      expect(Object.getPrototypeOf(s.state.variables)).toBe(Object.prototype);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  it('given a 1 MB model, when compiled, then it compiles', () => {
    const tasks = 2_700;
    const padding = 'p'.repeat(300);
    const body: string[] = ['<bpmn:startEvent id="start"/>'];
    for (let i = 0; i < tasks; i++) body.push(`<bpmn:task id="t${i}" name="${padding}"/>`);
    body.push('<bpmn:endEvent id="end"/>');
    body.push(chain('f', 'start', ...Array.from({ length: tasks }, (_, i) => `t${i}`), 'end'));
    const xml = bpmn(body.join('\n'));
    expect(Buffer.byteLength(xml)).toBeGreaterThan(1024 * 1024);
    const result = compile(xml);
    expect(result.problems).toBeUndefined();
    expect(Object.keys(result.model!.processes.p!.nodes)).toHaveLength(tasks + 2);
  });
});
