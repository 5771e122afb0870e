/**
 * Property-based tests over random sound, block-structured models driven by random event orders
 * (complete any open task, finish any waiting service, fire any armed timer). fast-check prints
 * the seed and path of any counterexample; rerun it with `{ seed, path }` in fc.assert.
 */
import fc from 'fast-check';
import type { HistoryEvent } from '../contract.types';
import { blockArbitrary, describeBlock, emitModel, pickChoices, type EmittedModel } from '../../test-support/block-model.arbitrary';
import { drive, MAX_STEPS, possibleEvents, T0, type Run } from '../../test-support/random-run.util';
import { compileOk } from '../../test-support/scenario.util';
import { Simulator } from '../simulate/simulator';
import { start, step } from './engine';

/** Every element instance is activated once and then completed or terminated at most once; the live ones are exactly those not ended. */
function checkTokens(run: Run): void {
  const activated = new Map<number, string>();
  const ended = new Set<number>();
  const lifecycle = (e: HistoryEvent) => e.elementInstanceId !== undefined && (e.transition === 'activated' || e.transition === 'completed' || e.transition === 'terminated');
  run.results.forEach((result, index) => {
    for (const e of result.events.filter(lifecycle)) {
      const id = e.elementInstanceId!;
      if (e.transition === 'activated') {
        if (activated.has(id)) throw new Error(`element instance ${id} (${e.elementId}) was activated twice`);
        activated.set(id, e.elementId);
      } else {
        if (activated.get(id) !== e.elementId) throw new Error(`element instance ${id} (${e.elementId}) ${e.transition} without being activated`);
        if (ended.has(id)) throw new Error(`element instance ${id} (${e.elementId}) ended twice`);
        ended.add(id);
      }
    }
    // After each step, the live element instances are exactly the activated ones not yet ended.
    const live = new Set([...activated.keys()].filter((id) => !ended.has(id)));
    const inState = run.results[index]!.state.elements.map((e) => e.id);
    expect(new Set(inState)).toEqual(live);
    expect(inState).toHaveLength(live.size);
  });
}

/** Every block that was entered was left as many times (no token lost or duplicated inside a block). */
function checkBlocks(run: Run, emitted: EmittedModel): void {
  const count = (el: string, transition: string) => run.results.reduce((n, r) => n + r.events.filter((e) => e.elementId === el && e.transition === transition).length, 0);
  for (const check of emitted.checks) {
    const entered = count(check.entry, 'activated');
    const left = count(check.exit, 'completed');
    const interrupted = check.within.some((id) => count(id, 'terminated') > 0);
    // Inside a sub-process that was interrupted, tokens were terminated: fewer may leave, never more.
    if (interrupted ? left > entered : left !== entered) throw new Error(`${check.what} ${check.entry}→${check.exit}: entered ${entered} times, left ${left}`);
  }
  expect(count('end', 'completed')).toBe(1);
  expect(count('p', 'completed')).toBe(1);
}

const eventOrder = fc.array(fc.nat({ max: 1_000 }), { minLength: 1, maxLength: 40 });
const variableChoices = fc.array(fc.nat({ max: 1_000 }), { minLength: 1, maxLength: 12 });
const PARAMS = { numRuns: 120 };

describe('properties of random sound block-structured models', () => {
  it('given any sound model and any event order, when run to the end, then nothing throws or is rejected, no token is lost or duplicated, and the instance completes', () => {
    fc.assert(
      fc.property(blockArbitrary(4), eventOrder, variableChoices, (block, picks, variablePicks) => {
        const emitted = emitModel(block);
        let run: Run;
        try {
          run = drive(emitted, picks, variablePicks);
        } catch (err) {
          throw new Error(`${describeBlock(block)}: ${(err as Error).message}`, { cause: err });
        }
        checkTokens(run);
        // Never stuck: the run stops only when nothing can happen, and then the instance has completed.
        expect(run.results.length).toBeLessThan(MAX_STEPS);
        expect(run.final).toMatchObject({ status: 'completed', elements: [], subscriptions: [] });
        expect(run.final.joins).toBeUndefined();
        expect(run.final.incidents).toBeUndefined();
        checkBlocks(run, emitted);
      }),
      PARAMS,
    );
  });

  it('given any sound model and event order, when a prefix of the run is taken, then the instance waits with open tasks, services or timers (never stuck)', () => {
    fc.assert(
      fc.property(blockArbitrary(4), eventOrder, variableChoices, fc.nat(), (block, picks, variablePicks, cut) => {
        const run = drive(emitModel(block), picks, variablePicks);
        const index = cut % run.results.length;
        const state = run.results[index]!.state;
        if (state.status === 'active') expect(possibleEvents(run.model, state).length).toBeGreaterThan(0);
        else expect(state.status).toBe('completed');
      }),
      { numRuns: 60 },
    );
  });

  it('given a recorded run, when its input events are replayed from the start with the same times, then every state is the same, byte for byte', () => {
    fc.assert(
      fc.property(blockArbitrary(4), eventOrder, variableChoices, (block, picks, variablePicks) => {
        const emitted = emitModel(block);
        const run = drive(emitted, picks, variablePicks);
        const model = compileOk(emitted.xml);
        const replayed = start(model, { variables: pickChoices(emitted, variablePicks) }, { now: new Date(T0) });
        expect(JSON.stringify(replayed)).toBe(JSON.stringify(run.results[0]));
        let state = replayed.state;
        run.inputs.forEach(({ event, now }, i) => {
          const result = step(model, state, event, { now: new Date(now) });
          expect(JSON.stringify(result.state)).toBe(JSON.stringify(run.results[i + 1]!.state));
          expect(JSON.stringify(result.commands)).toBe(JSON.stringify(run.results[i + 1]!.commands));
          state = result.state;
        });
      }),
      { numRuns: 60 },
    );
  });

  it('given any sound model, when simulated with --auto, then the simulation completes with no open tasks, timers or stuck joins', () => {
    fc.assert(
      fc.property(blockArbitrary(4), variableChoices, (block, variablePicks) => {
        const emitted = emitModel(block);
        const sim = new Simulator(compileOk(emitted.xml), { startAt: new Date(T0), auto: true, services: () => ({}) });
        sim.startInstance({ variables: pickChoices(emitted, variablePicks) });
        sim.run();
        const result = sim.result();
        expect(result).toMatchObject({ status: 'completed', openTasks: [], timers: [], stuckJoins: [], incidents: [] });
      }),
      { numRuns: 60 },
    );
  });

  it('given a model made unsound by a parallel join after an exclusive split, when simulated, then it reports waiting and names the join and the flows it waits for', () => {
    fc.assert(
      fc.property(blockArbitrary(2), fc.array(blockArbitrary(2), { minLength: 2, maxLength: 3 }), variableChoices, (before, branches, variablePicks) => {
        const emitted = emitModel(before, branches);
        const model = compileOk(emitted.xml);
        const sim = new Simulator(model, { startAt: new Date(T0), auto: true, services: () => ({}) });
        sim.startInstance({ variables: pickChoices(emitted, variablePicks) });
        sim.run();
        const result = sim.result();
        const join = model.processes.p!.nodes.badJoin!;
        expect(result.status).toBe('waiting');
        expect(result.stuckJoins).toEqual([{ elementId: 'badJoin', waitingFor: join.incoming.slice(1) }]);
        expect(result.trace.some((t) => t.element === 'badJoin')).toBe(false);
        expect(result.openTasks).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});
