import { bpmn, chain, flow, serviceTask, timerEvent } from '../../test-support/bpmn.fixture';
import { compileOk } from '../../test-support/scenario.util';
import { leastValidOutput, Simulator, type SimulationOptions } from './simulator';

const startAt = new Date('2026-03-02T09:00:00.000Z');
const simulate = (xml: string, options: Partial<SimulationOptions> = {}, variables = {}) => {
  const sim = new Simulator(compileOk(xml), { startAt, ...options });
  sim.startInstance({ variables });
  sim.run();
  return sim.result();
};
const steps = (trace: { element: string; transition: string; instance?: number }[]) => trace.filter((t) => t.transition !== 'taken').map((t) => `${t.instance ? `${t.instance}:` : ''}${t.element} ${t.transition}`);

const triage = bpmn(`
  <bpmn:startEvent id="start"/>
  <bpmn:userTask id="triage"><bpmn:extensionElements><referral:task agency="idva" sla="P2D"><referral:field name="priority" type="enum" required="true" options="A B"/><referral:field name="contacted" type="boolean" required="true"/></referral:task></bpmn:extensionElements></bpmn:userTask>
  <bpmn:exclusiveGateway id="route" default="low"/>
  <bpmn:userTask id="marac"/>
  <bpmn:endEvent id="e1"/>
  <bpmn:endEvent id="e2"/>
  ${chain('f', 'start', 'triage', 'route')}
  ${flow('high', 'route', 'marac', 'priority = "A"')}
  ${flow('low', 'route', 'e2')}
  ${flow('m', 'marac', 'e1')}`);

describe('the simulator', () => {
  it('given no completions and no --auto, when run, then it waits at the first task, lists it with its due time and lets its SLA breach on the virtual clock', () => {
    const result = simulate(triage);
    expect(result.status).toBe('waiting');
    expect(result.openTasks).toEqual([{ instance: 1, elementInstanceId: 2, elementId: 'triage', agency: 'idva', dueAt: '2026-03-04T09:00:00.000Z' }]);
    expect(result.trace.slice(-2).map((t) => [t.element, t.transition, t.at])).toEqual([
      ['triage', 'triggered', '2026-03-04T09:00:00.000Z'],
      ['triage', 'sla-breach', '2026-03-04T09:00:00.000Z'],
    ]);
    expect(result.timers).toEqual([]);
  });

  it('given --until shorter than an SLA, when run, then the SLA timer is listed as pending', () => {
    const result = simulate(triage, { until: 'P1D' });
    expect(result.timers).toEqual([{ instance: 1, timerId: 3, elementId: 'triage', dueAt: '2026-03-04T09:00:00.000Z', purpose: 'sla' }]);
  });

  it('given completions by element id, when run, then they are used in order and the path follows them', () => {
    const result = simulate(triage, { completions: { triage: [{ priority: 'A', contacted: true }], marac: [{}] } });
    expect(result.status).toBe('completed');
    expect(steps(result.trace)).toContain('marac completed');
    expect(result.variables).toEqual({ priority: 'A', contacted: true });
  });

  it('given --auto, when a task requires fields, then it completes with the least valid output', () => {
    const result = simulate(triage, { auto: true });
    expect(result.status).toBe('completed');
    expect(result.variables).toEqual({ priority: 'A', contacted: false });
  });

  it('given form fields, when the least valid output is made, then each required field gets its simplest valid value', () => {
    expect(
      leastValidOutput(
        [
          { name: 'a', type: 'string', required: true },
          { name: 'b', type: 'integer', required: true },
          { name: 'c', type: 'date', required: true },
          { name: 'd', type: 'enum', required: true, options: ['x', 'y'] },
          { name: 'e', type: 'list', required: true },
          { name: 'f', type: 'boolean', required: true },
          { name: 'g', type: 'text', required: false },
        ],
        startAt,
      ),
    ).toEqual({ a: '-', b: 0, c: '2026-03-02', d: 'x', e: [], f: false });
  });

  it('given timers, when run, then the virtual clock jumps to each due time in order', () => {
    const result = simulate(
      bpmn(`
        <bpmn:startEvent id="start"/>
        <bpmn:parallelGateway id="fork"/>
        <bpmn:intermediateCatchEvent id="late">${timerEvent('timeDuration', 'P3D')}</bpmn:intermediateCatchEvent>
        <bpmn:intermediateCatchEvent id="early">${timerEvent('timeDuration', 'PT1H')}</bpmn:intermediateCatchEvent>
        <bpmn:parallelGateway id="join"/>
        <bpmn:endEvent id="end"/>
        ${flow('f0', 'start', 'fork')}
        ${chain('a', 'fork', 'late', 'join')}
        ${chain('b', 'fork', 'early', 'join')}
        ${flow('f9', 'join', 'end')}`),
    );
    expect(result.status).toBe('completed');
    expect(result.trace.filter((t) => t.transition === 'triggered').map((t) => [t.element, t.at])).toEqual([
      ['early', '2026-03-02T10:00:00.000Z'],
      ['late', '2026-03-05T09:00:00.000Z'],
    ]);
    expect(result.clock).toBe('2026-03-05T09:00:00.000Z');
  });

  it('given --until, when a timer is due after it, then the simulation stops before it and lists the timer', () => {
    const result = simulate(bpmn(`<bpmn:startEvent id="start"/><bpmn:intermediateCatchEvent id="wait">${timerEvent('timeDuration', 'P30D')}</bpmn:intermediateCatchEvent><bpmn:endEvent id="end"/>${chain('f', 'start', 'wait', 'end')}`), { until: 'P7D' });
    expect(result.status).toBe('waiting');
    expect(result.timers.map((t) => t.elementId)).toEqual(['wait']);
  });

  describe('services', () => {
    const withService = bpmn(
      `<bpmn:startEvent id="start"/>${serviceTask('lookup', 'pnc')}<bpmn:endEvent id="end"/>
       <bpmn:boundaryEvent id="notFound" attachedToRef="lookup"><bpmn:errorEventDefinition errorRef="e"/></bpmn:boundaryEvent><bpmn:endEvent id="stopped"/>
       ${chain('f', 'start', 'lookup', 'end')}${flow('g', 'notFound', 'stopped')}`,
      { roots: '<bpmn:error id="e" errorCode="NOT_FOUND"/>' },
    );

    it('given a handler that returns variables, when run, then the service completes with them', () => {
      const result = simulate(withService, { services: ({ taskType }) => ({ variables: { called: taskType } }) });
      expect(result).toMatchObject({ status: 'completed', variables: { called: 'pnc' } });
    });

    it('given a handler that raises a BPMN error, when run, then the boundary catches it', () => {
      const result = simulate(withService, { services: () => ({ error: 'NOT_FOUND' }) });
      expect(steps(result.trace)).toContain('stopped completed');
    });

    it('given a handler that fails, when run, then the simulation reports the incident', () => {
      const result = simulate(withService, { services: () => ({ failure: 'PNC down' }) });
      expect(result.status).toBe('incident');
      expect(result.incidents).toEqual([expect.objectContaining({ elementId: 'lookup', kind: 'service-failed', message: 'PNC down' })]);
    });

    it('given a handler that takes time, when run, then the clock moves on by its delay', () => {
      const result = simulate(withService, { services: () => ({ delayMs: 90_000 }) });
      expect(result.status).toBe('completed');
      expect(result.clock).toBe('2026-03-02T09:01:30.000Z');
    });
  });

  it('given a call activity, when run, then the child runs as a second instance and its variables come back', () => {
    const result = simulate(
      bpmn(
        `<bpmn:startEvent id="start"/><bpmn:callActivity id="call" calledElement="child"/><bpmn:endEvent id="end"/>${chain('f', 'start', 'call', 'end')}`,
        {
          roots: `<bpmn:process id="child" isExecutable="false"><bpmn:startEvent id="cs"/><bpmn:userTask id="assess"/><bpmn:endEvent id="ce"/>${chain('c', 'cs', 'assess', 'ce')}</bpmn:process>`,
        },
      ),
      { completions: { assess: [{ risk: 'high' }] } },
    );
    expect(result.status).toBe('completed');
    expect(result.variables).toEqual({ risk: 'high' });
    // Entries carry an instance number once there is more than one instance.
    expect(steps(result.trace)).toEqual([
      'p activated', 'start activated', 'start completed', 'call activated',
      '2:child activated', '2:cs activated', '2:cs completed', '2:assess activated', '2:assess completed', '2:ce activated', '2:ce completed', '2:child completed',
      '1:call completed', '1:end activated', '1:end completed', '1:p completed',
    ]);
  });

  it('given a message thrown by one instance, when another waits for it, then it is correlated; a message nobody waits for is listed as uncorrelated', () => {
    const xml = bpmn(
      `<bpmn:startEvent id="start"/>
       <bpmn:parallelGateway id="fork"/>
       <bpmn:intermediateThrowEvent id="tell"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateThrowEvent>
       <bpmn:intermediateThrowEvent id="shout"><bpmn:messageEventDefinition messageRef="nobody"/></bpmn:intermediateThrowEvent>
       <bpmn:intermediateCatchEvent id="hear"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>
       <bpmn:parallelGateway id="join"/>
       <bpmn:endEvent id="end"/>
       ${flow('f0', 'start', 'fork')}
       ${chain('a', 'fork', 'tell', 'shout', 'join')}
       ${chain('b', 'fork', 'hear', 'join')}
       ${flow('f9', 'join', 'end')}`,
      { roots: '<bpmn:message id="m" name="ping"/><bpmn:message id="nobody" name="into-the-void"/>' },
    );
    const result = simulate(xml);
    expect(result.status).toBe('completed');
    expect(result.uncorrelated).toEqual(['into-the-void']);
  });

  it('given an unsound model, when it cannot move, then it reports waiting and the stuck join', () => {
    const result = simulate(
      bpmn(`
        <bpmn:startEvent id="start"/>
        <bpmn:exclusiveGateway id="x" default="fb"/>
        <bpmn:task id="a"/><bpmn:task id="b"/>
        <bpmn:parallelGateway id="join"/>
        <bpmn:endEvent id="end"/>
        ${flow('f0', 'start', 'x')}${flow('fa', 'x', 'a', 'false')}${flow('fb', 'x', 'b')}
        ${flow('ja', 'a', 'join')}${flow('jb', 'b', 'join')}${flow('f9', 'join', 'end')}`),
    );
    expect(result).toMatchObject({ status: 'waiting', stuckJoins: [{ elementId: 'join', waitingFor: ['ja'] }], openTasks: [], timers: [] });
  });

  it('given a terminate end event, when reached, then the status is terminated', () => {
    const result = simulate(bpmn(`<bpmn:startEvent id="start"/><bpmn:endEvent id="end"><bpmn:terminateEventDefinition/></bpmn:endEvent>${flow('f', 'start', 'end')}`));
    expect(result.status).toBe('terminated');
  });
});
