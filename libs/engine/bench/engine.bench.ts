/**
 * npm run bench:engine [-- --instances N --rounds R]
 *
 * Drives the benchmark referral pathway N times through this engine and, in the same run,
 * through the npm package bpmn-engine, completing each task as soon as it waits and serialising
 * the state at every wait state (as a durable engine must). Rounds alternate between the two so
 * that the machine's noise hits both. Prints instances/s, µs per step, bytes of state per waiting
 * instance, peak memory, the ratios, and the compile time of a 1 MB and a 5 MB model.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compile } from '../src/compile/compile';
import { start, step } from '../src/run/engine';
import type { EngineCommand, EngineContext, InstanceState } from '../src/contract.types';
import type { ExecutableModel } from '../src/model.types';
import { stopFeelGuard } from '../src/feel/feel';

const FIXTURE = path.join(__dirname, 'referral-benchmark.bpmn');

interface RunStats {
  instances: number;
  steps: number;
  ms: number;
  stateBytes: number[];
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

let peakRss = 0;
/** Peak heap in use above the baseline at the start of a run, per engine. */
const peakHeap: Record<string, number> = {};
let heapBase = 0;
let running = '';
function beginRun(label: string): void {
  (globalThis as { gc?: () => void }).gc?.();
  heapBase = process.memoryUsage().heapUsed;
  running = label;
}
function samplePeak(): void {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap[running] = Math.max(peakHeap[running] ?? 0, m.heapUsed - heapBase);
}

// ---------------------------------------------------------------------------------------------
// This engine.

function runOurs(model: ExecutableModel, n: number, offset: number): RunStats {
  beginRun('this engine');
  const stats: RunStats = { instances: 0, steps: 0, ms: 0, stateBytes: [] };
  const t0 = process.hrtime.bigint();
  let clock = Date.parse('2026-03-02T09:00:00Z');
  for (let i = 0; i < n; i++) {
    const ctx: EngineContext = { now: new Date(clock++) };
    let result = start(model, { variables: { score: (offset + i) % 25 } }, ctx);
    stats.steps++;
    let state: InstanceState = result.state;
    let json = JSON.stringify(state);
    stats.stateBytes.push(json.length);
    const waiting: number[] = [];
    const collect = (commands: EngineCommand[]) => {
      for (const c of commands) if (c.type === 'create-user-task') waiting.push(c.elementInstanceId);
    };
    collect(result.commands);
    while (waiting.length) {
      const task = waiting.shift()!;
      result = step(model, JSON.parse(json) as InstanceState, { type: 'task-completed', elementInstanceId: task }, { now: new Date(clock++) });
      stats.steps++;
      if (result.rejection) throw new Error(result.rejection.message);
      state = result.state;
      json = JSON.stringify(state);
      if (state.status === 'active') stats.stateBytes.push(json.length);
      collect(result.commands);
    }
    if (state.status !== 'completed') throw new Error(`instance ${i} ended ${state.status}`);
    stats.instances++;
    if (i % 200 === 0) samplePeak();
  }
  stats.ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return stats;
}

// ---------------------------------------------------------------------------------------------
// bpmn-engine, with its best setup: the model parsed and serialised once and shared by every
// instance, getState() + JSON.stringify at each wait, no debug logging.

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */
async function peerSetup(): Promise<{ sourceContext: unknown; Engine: any; scripts: unknown }> {
  const { Engine } = require('bpmn-engine');
  const elements = require('bpmn-elements');
  const { default: Serializer, TypeResolver } = require('moddle-context-serializer');
  // The bpmn-moddle that bpmn-engine itself depends on.
  const moddlePath = require.resolve('bpmn-moddle', { paths: [path.dirname(require.resolve('bpmn-engine'))] });
  const moddleModule = require(moddlePath);
  const BpmnModdle = moddleModule.default ?? moddleModule.BpmnModdle ?? moddleModule;
  const peerXml = fs
    .readFileSync(FIXTURE, 'utf8')
    .replace('=score &gt;= 14', 'next(null, environment.variables.score &gt;= 14);')
    .replace('<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">', '<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="javascript">');
  const moddleContext = await new BpmnModdle().fromXML(peerXml);
  // bpmn-engine runs each script condition in a new vm context (milliseconds each). Its best
  // setup is a scripts registry that compiles each condition once to a plain function.
  const compiled = new Map<string, (next: unknown, environment: unknown) => void>();
  const scripts = {
    register({ id, behaviour }: any) {
      const body = behaviour?.conditionExpression?.body;
      if (!body) return undefined;
      if (!compiled.has(body)) compiled.set(body, new Function('next', 'environment', body) as never);
      return { id, execute: (ctx: any, next: unknown) => compiled.get(body)!(next, ctx.environment) };
    },
    getScript(_language: string, { id }: { id: string }) {
      const body = scriptBodies.get(id);
      return body ? { id, execute: (ctx: any, next: unknown) => compiled.get(body)!(next, ctx.environment) } : undefined;
    },
  };
  const scriptBodies = new Map<string, string>();
  const originalRegister = scripts.register;
  scripts.register = (args: any) => {
    const script = originalRegister(args);
    if (script) scriptBodies.set(args.id, args.behaviour.conditionExpression.body);
    return script;
  };
  return { sourceContext: Serializer(moddleContext, TypeResolver(elements)), Engine, scripts };
}

async function runPeer(setup: { sourceContext: unknown; Engine: any; scripts: unknown }, n: number, offset: number): Promise<RunStats> {
  beginRun('bpmn-engine');
  const stats: RunStats = { instances: 0, steps: 0, ms: 0, stateBytes: [] };
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const engine = new setup.Engine({ name: `referral-${i}`, sourceContext: setup.sourceContext, scripts: setup.scripts });
    const { EventEmitter } = require('node:events');
    const listener = new EventEmitter();
    listener.on('wait', (api: any, execution: any) => {
      stats.stateBytes.push(JSON.stringify(execution.getState()).length);
      stats.steps++;
      api.signal();
    });
    const done = new Promise<void>((resolve, reject) => {
      engine.once('end', () => resolve());
      engine.once('error', (err: Error) => reject(err));
    });
    await engine.execute({ listener, variables: { score: (offset + i) % 25 } });
    await done;
    stats.instances++;
    if (i % 20 === 0) samplePeak();
    if ((i + 1) % 100 === 0 || i + 1 === n) process.stderr.write(`\r  bpmn-engine ${i + 1} / ${n}${i + 1 === n ? '\n' : ''}`);
  }
  stats.ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return stats;
}
/* eslint-enable @typescript-eslint/no-explicit-any, @typescript-eslint/no-require-imports */

// ---------------------------------------------------------------------------------------------
// Compile time of big models.

function bigModel(targetBytes: number): string {
  const tasks: string[] = [];
  const flows: string[] = [];
  const doc = 'Synthetic documentation for a pathway step. '.repeat(40);
  let size = 0;
  let i = 0;
  while (size < targetBytes - 2_000) {
    const task = `<bpmn:userTask id="T${i}" name="Step ${i}"><bpmn:documentation>${doc}</bpmn:documentation></bpmn:userTask>`;
    const flow = `<bpmn:sequenceFlow id="F${i}" sourceRef="${i === 0 ? 'S' : `T${i - 1}`}" targetRef="T${i}"/>`;
    tasks.push(task);
    flows.push(flow);
    size += task.length + flow.length;
    i++;
  }
  return `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="bigDefinitions"><bpmn:process id="big" isExecutable="true"><bpmn:startEvent id="S"/>${tasks.join('')}${flows.join('')}<bpmn:sequenceFlow id="FE" sourceRef="T${i - 1}" targetRef="E"/><bpmn:endEvent id="E"/></bpmn:process></bpmn:definitions>`;
}

function timeCompile(xml: string): { ms: number; ok: boolean; problems: string[] } {
  const t0 = process.hrtime.bigint();
  const result = compile(xml);
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, ok: !!result.model, problems: (result.problems ?? []).map((p) => p.message) };
}

// ---------------------------------------------------------------------------------------------

function summary(label: string, s: RunStats) {
  const sorted = [...s.stateBytes].sort((a, b) => a - b);
  const avg = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
  return {
    label,
    instances: s.instances,
    'instances/s': Math.round((s.instances / s.ms) * 1000),
    'µs/step': Number(((s.ms * 1000) / s.steps).toFixed(1)),
    'state bytes (avg)': Math.round(avg),
    'state bytes (max)': sorted[sorted.length - 1] ?? 0,
    'peak heap MB': Number(((peakHeap[label] ?? 0) / 1024 / 1024).toFixed(1)),
  };
}

function add(a: RunStats, b: RunStats): RunStats {
  return { instances: a.instances + b.instances, steps: a.steps + b.steps, ms: a.ms + b.ms, stateBytes: a.stateBytes.concat(b.stateBytes) };
}

async function main() {
  const n = arg('instances', 2000);
  const rounds = arg('rounds', 3);
  const compiled = compile(fs.readFileSync(FIXTURE, 'utf8'));
  if (!compiled.model) throw new Error(JSON.stringify(compiled.problems));
  const setup = await peerSetup();
  console.log(`bench:engine — ${n} referral instances per round, ${rounds} rounds alternating, node ${process.version}`);
  console.log('peer setup: bpmn-engine (latest), model parsed once with moddle-context-serializer and shared via sourceContext,');
  console.log('            getState() + JSON.stringify at every wait, tasks signalled as soon as they wait, no debug logging');
  console.log('ours:       compiled once; start/step per event; JSON.stringify of the state after every step, parsed back before the next');
  // Warm up both.
  runOurs(compiled.model, 200, 0);
  await runPeer(setup, 50, 0);
  let ours: RunStats = { instances: 0, steps: 0, ms: 0, stateBytes: [] };
  let peer: RunStats = { instances: 0, steps: 0, ms: 0, stateBytes: [] };
  for (let r = 0; r < rounds; r++) {
    ours = add(ours, runOurs(compiled.model, n, r * n));
    peer = add(peer, await runPeer(setup, n, r * n));
    process.stdout.write(`  round ${r + 1}/${rounds} done\n`);
  }
  const a = summary('this engine', ours);
  const b = summary('bpmn-engine', peer);
  console.table([a, b]);
  console.log(`throughput ratio (ours / bpmn-engine): ${(a['instances/s'] / b['instances/s']).toFixed(1)}×`);
  console.log(`state size ratio (bpmn-engine / ours, avg): ${(b['state bytes (avg)'] / a['state bytes (avg)']).toFixed(1)}×`);
  console.log(`peak heap above baseline during a run: ${a['peak heap MB']} MB vs ${b['peak heap MB']} MB; peak RSS of the process (both engines): ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
  for (const mb of [1, 5]) {
    const xml = bigModel(mb * 1024 * 1024 - 4096);
    const t = timeCompile(xml);
    console.log(`compile ${mb} MB model (${(Buffer.byteLength(xml) / 1024 / 1024).toFixed(2)} MB): ${t.ms.toFixed(0)} ms, ${t.ok ? 'compiled' : `${t.problems.length} problems: ${t.problems.slice(0, 2).join('; ')}`}`);
  }
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => {
    void stopFeelGuard();
  });
