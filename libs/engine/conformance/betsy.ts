/**
 * The betsy execution-conformance runner: for each test case, rewrite the file's placeholder
 * scripts into service tasks the runner handles and its tiny engine-neutral conditions into
 * FEEL (the only two rewrites), compile with the normal compiler, simulate, and compare the
 * trace with the expected one as a sorted multiset. Works on any directory in betsy's layout.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Variables } from '../src/contract.types';
import { compile } from '../src/compile/compile';
import { getModdle, type ModdleElement } from '../src/compile/moddle';
import { Simulator, type ServiceHandler, type ServiceOutcome } from '../src/simulate/simulator';

export interface BetsyCase {
  testCaseNumber: number;
  variables: Variables;
  startParallelProcessFirst: boolean;
  delayMs: number;
  expectedTrace: string[];
}

export interface BetsyTest {
  name: string;
  file: string;
  featureSet: string;
  description?: string;
  testCases: BetsyCase[];
}

export interface CaseResult {
  test: string;
  featureSet: string;
  caseNumber: number;
  passed: boolean;
  expected: string[];
  actual: string[];
  reason?: string;
}

const CONDITION_PROPERTIES = ['conditionExpression', 'condition', 'loopCondition', 'loopCardinality', 'activationCondition', 'completionCondition'];

/**
 * betsy's conditions → FEEL: `test.contains("a")`, `!test.contains("a")`, `${x}`; the rest is
 * FEEL already. One betsy file writes `test.contains("a")>` (a stray `>` that the engines betsy
 * was built for ignore), so a trailing `>` after a contains() call is dropped.
 */
export function betsyConditionToFeel(text: string): string {
  const t = text.trim();
  const contains = /^(!)?\s*([A-Za-z_]\w*)\.contains\(\s*"([^"]*)"\s*\)\s*>?$/.exec(t);
  if (contains) {
    const call = `contains(${contains[2]}, ${JSON.stringify(contains[3])})`;
    return contains[1] ? `not(${call})` : call;
  }
  const placeholder = /^\$\{\s*([A-Za-z_]\w*)\s*\}$/.exec(t);
  if (placeholder) return placeholder[1]!;
  return t;
}

/** Rewrite a betsy process file: placeholder scripts → service tasks, conditions → FEEL. */
export async function rewriteBetsyXml(xml: string): Promise<string> {
  const moddle = getModdle();
  // bpmn-moddle's schema has no <script> child for a global script task (the BPMN XSD does):
  // take its placeholder from the text before parsing.
  const globalTokens = new Map<string, string>();
  const source = xml.replace(
    /(<(\w+:)?globalScriptTask\b[^>]*\bid="([^"]+)"[^>]*>)([\s\S]*?)<\2script>\s*([^<]*?)\s*<\/\2script>/g,
    (_all, open: string, _prefix: string, id: string, between: string, token: string) => {
      globalTokens.set(id, token);
      return `${open}${between}`;
    },
  );
  const { rootElement } = (await moddle.fromXML(source)) as unknown as { rootElement: ModdleElement };
  const stack: ModdleElement[] = [rootElement];
  const seen = new Set<ModdleElement>();
  while (stack.length) {
    const element = stack.pop()!;
    if (seen.has(element)) continue;
    seen.add(element);
    for (const list of ['rootElements', 'flowElements'] as const) {
      const children = element[list] as ModdleElement[] | undefined;
      if (!children) continue;
      for (let i = 0; i < children.length; i++) {
        const child = children[i]!;
        if (child.$type === 'bpmn:ScriptTask' || child.$type === 'bpmn:GlobalScriptTask') children[i] = toServiceTask(child, globalTokens.get(child.id ?? ''));
      }
    }
    for (const key of CONDITION_PROPERTIES) {
      const expr = element[key] as ModdleElement | undefined;
      if (expr && typeof expr === 'object' && typeof expr.body === 'string') expr.body = betsyConditionToFeel(expr.body);
    }
    for (const value of Object.values(element)) {
      if (Array.isArray(value)) for (const v of value) if (v && typeof v === 'object' && '$type' in v) stack.push(v as ModdleElement);
      if (value && typeof value === 'object' && '$type' in (value as object) && !seen.has(value as ModdleElement)) stack.push(value as ModdleElement);
    }
  }
  const { xml: out } = await moddle.toXML(rootElement);
  return out;
}

function toServiceTask(script: ModdleElement, knownToken?: string): ModdleElement {
  const moddle = getModdle();
  const descriptor = (script as unknown as { $descriptor: { properties: { name: string }[] } }).$descriptor;
  const get = (name: string) => (script as unknown as { get(n: string): unknown }).get(name);
  const token = knownToken ?? String(get('script') ?? '').trim();
  const props: Record<string, unknown> = {};
  for (const { name } of descriptor.properties) {
    if (name === 'script' || name === 'scriptFormat' || name === 'scriptLanguage' || name === 'extensionElements') continue;
    const value = get(name);
    if (value !== undefined && !(Array.isArray(value) && !value.length)) props[name] = value;
  }
  const service = moddle.create('referral:Service', { type: token, retry: 'R1/PT1S' });
  props.extensionElements = moddle.create('bpmn:ExtensionElements', { values: [service] });
  const type = script.$type === 'bpmn:GlobalScriptTask' ? 'bpmn:GlobalTask' : 'bpmn:ServiceTask';
  return moddle.create(type, props) as ModdleElement;
}

/** What the placeholder tokens do, recorded in a trace like the original harness's log file. */
class BetsyLog {
  lines: string[] = [];
  marker = false;
  append(line: string): void {
    this.lines.push(line);
  }
  handler(): ServiceHandler {
    return ({ taskType, instance }): ServiceOutcome => {
      const vars = instance.state.variables;
      switch (taskType) {
        case 'CREATE_LOG_FILE':
          return {};
        case 'CREATE_MARKER_FILE':
          this.marker = true;
          return {};
        case 'INCREMENT_INTEGER_VARIABLE':
        case 'INCREMENT_INTEGER_VARIABLE_AND_LOG': {
          if (taskType.endsWith('_AND_LOG')) this.append('INCREMENT_correct');
          return { variables: { integerVariable: Number(vars.integerVariable ?? 0) + 1 } };
        }
        case 'SET_STRING_DATA':
          return { variables: { data: 'String' } };
        case 'LOG_DATA':
          if (vars.data === 'String') this.append('DATA_correct');
          return {};
        case 'THROW_ERROR':
          return { error: 'ERR_CODE' };
        case 'WAIT_TEN_SECONDS':
          return { delayMs: 10_000 };
        case 'CREATE_TIMESTAMP_LOG_1':
        case 'CREATE_TIMESTAMP_LOG_2': {
          // Parallel when the other branch's task is running at the same (virtual) time.
          const other = taskType.endsWith('1') ? 'CREATE_TIMESTAMP_LOG_2' : 'CREATE_TIMESTAMP_LOG_1';
          const runningOther = instance.state.elements.some((e) => this.tokens.get(e.el) === other);
          if (runningOther && !this.lines.includes('EXECUTION_parallel')) this.append('EXECUTION_parallel');
          return {};
        }
        default:
          if (/^SCRIPT_task\d+$/.test(taskType)) this.append(taskType);
          return {};
      }
    };
  }
  /** Element id → placeholder token, to know which task a running element is. */
  tokens = new Map<string, string>();
}

export async function runBetsyCase(dir: string, test: BetsyTest, testCase: BetsyCase): Promise<CaseResult> {
  const base = { test: test.name, featureSet: test.featureSet, caseNumber: testCase.testCaseNumber, expected: testCase.expectedTrace };
  const xml = fs.readFileSync(path.join(dir, 'processes', test.file), 'utf8');
  let rewritten: string;
  try {
    rewritten = await rewriteBetsyXml(xml);
  } catch (err) {
    return judge(base, ['ERROR_deployment'], `could not be read: ${(err as Error).message}`);
  }
  const compiled = compile(rewritten);
  if (!compiled.model) return judge(base, ['ERROR_deployment'], compiled.problems.map((p) => `${p.elementId ?? ''}: ${p.message}`).join('; '));
  const model = compiled.model;
  const log = new BetsyLog();
  for (const process of Object.values(model.processes)) {
    for (const node of Object.values(process.nodes)) if (node.service) log.tokens.set(node.id, node.service.type);
  }
  const simulator = new Simulator(model, { startAt: new Date('2026-01-05T09:00:00Z'), services: log.handler(), maxSteps: 20_000 });
  const variables: Variables = { integerVariable: 0, ...testCase.variables };
  const mainId = model.processes[test.name] ? test.name : model.mainProcessId;
  let root: number | undefined;
  if (testCase.startParallelProcessFirst && model.processes.ParallelProcess) {
    simulator.startInstance({ processId: 'ParallelProcess', variables });
    simulator.run();
  }
  const mainProcess = model.processes[mainId]!;
  const noneStart = (mainProcess.scopeEntries[''] ?? []).length > 0;
  if (noneStart) root = simulator.startInstance({ processId: mainId, variables });
  else if (model.processes.ParallelProcess && mainId !== 'ParallelProcess') {
    // The main process starts by a message or signal from the other process.
    simulator.startInstance({ processId: 'ParallelProcess', variables });
  }
  simulator.run();
  const actual = [...log.lines];
  if (log.marker) actual.push('MARKER_exists');
  const incidents = [...simulator.instances.values()].flatMap((i) => i.state.incidents ?? []);
  if (root === undefined && noneStart) actual.push('ERROR_runtime');
  if (incidents.some((i) => i.kind === 'unhandled-error')) actual.push('ERROR_thrownErrorEvent');
  else if (incidents.length) actual.push('ERROR_runtime');
  return judge(base, actual);
}

function judge(base: Omit<CaseResult, 'passed' | 'actual' | 'reason'>, actual: string[], reason?: string): CaseResult {
  const expected = base.expected;
  let passed: boolean;
  if (expected.length === 1 && expected[0] === 'ERROR') passed = actual.some((a) => a.startsWith('ERROR'));
  else passed = JSON.stringify([...expected].sort()) === JSON.stringify([...actual].sort());
  return { ...base, passed, actual, ...(reason ? { reason } : {}) };
}

export interface MustRejectResult {
  file: string;
  rejected: boolean;
  problems: string[];
}

export function checkMustReject(dir: string): MustRejectResult[] {
  const root = path.join(dir, 'must-reject');
  if (!fs.existsSync(root)) return [];
  const files: string[] = [];
  const stack = [root];
  while (stack.length) {
    const d = stack.pop()!;
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) stack.push(p);
      else if (entry.name.endsWith('.bpmn')) files.push(p);
    }
  }
  return files.sort().map((file) => {
    const result = compile(fs.readFileSync(file, 'utf8'));
    return { file: path.relative(root, file), rejected: !result.model, problems: (result.problems ?? []).map((p) => `${p.elementId ?? '-'}: ${p.message}`) };
  });
}
