/**
 * compile(xml): BPMN 2.0 XML → an executable model, or the list of problems by element id.
 *
 * Pure and synchronous; whatever the input, it returns (it never throws and never recurses over
 * the document: every walk uses an explicit stack). Stages: pre-scan (limits, well-formedness,
 * entities) → bpmn-moddle (lax; every warning is a problem) → build each process → checks.
 */
import type { CompileLimits, CompileOptions, Problem, ProblemCode } from '../contract.types';
import type { ExecutableModel, ProcessModel } from '../model.types';
import { calledElementOf, parseModdleSync, type ModdleElement, type ParsedDefinitions } from './moddle';
import { DEFAULT_LIMITS, preScan } from './pre-scan.util';
import { ProcessBuilder } from './process-builder';
import { checkConstraints } from './constraints';

export interface ParseResult {
  parsed?: ParsedDefinitions;
  problems: Problem[];
}

/** Parse and resolve references (import), without checking that the model can run. */
export function parseDefinitions(xml: string, options: CompileOptions = {}): ParseResult {
  try {
    const limits: CompileLimits = { ...DEFAULT_LIMITS, ...options.limits };
    if (typeof xml !== 'string') {
      // e.g. a Buffer from readFile without an encoding: saying "the file is empty" would mislead.
      const value: unknown = xml;
      const what =
        value === null || value === undefined
          ? String(value)
          : Buffer.isBuffer(value)
            ? 'a Buffer (decode it as UTF-8 first)'
            : Array.isArray(value)
              ? 'a list'
              : typeof value === 'object'
                ? 'an object'
                : `a ${typeof value}`;
      return { problems: [{ message: `the model must be BPMN XML text, not ${what}`, severity: 'error', code: 'xml' }] };
    }
    const problems = preScan(xml, limits);
    if (problems.length) return { problems };
    const parsed = parseModdleSync(xml);
    for (const warning of parsed.warnings) problems.push(warningToProblem(warning));
    if (parsed.failure && !problems.length) problems.push({ message: parsed.failure, severity: 'error' });
    return { parsed, problems };
  } catch (err) {
    return { problems: [{ message: `the file could not be read: ${(err as Error).message}`, severity: 'error' }] };
  }
}

export function compile(xml: string, options: CompileOptions = {}): { model: ExecutableModel; problems?: undefined } | { model?: undefined; problems: Problem[] } {
  const { parsed, problems } = parseDefinitions(xml, options);
  if (!parsed?.definitions || problems.some((p) => p.severity === 'error')) {
    return { problems: problems.length ? problems : [{ message: 'the file is not a BPMN 2.0 document', severity: 'error' }] };
  }
  try {
    return build(parsed.definitions, parsed, problems);
  } catch (err) {
    // A defect in the compiler must not crash the caller: report it as a problem.
    return { problems: [...problems, { message: `the model could not be compiled: ${(err as Error).message}`, severity: 'error' }] };
  }
}

function build(definitions: ModdleElement, parsed: ParsedDefinitions, problems: Problem[]) {
  const rootElements = (definitions.rootElements as ModdleElement[] | undefined) ?? [];
  const processes = rootElements.filter((e) => e.$type === 'bpmn:Process');
  const executable = processes.filter((p) => p.isExecutable === true);
  if (!executable.length) {
    problems.push({
      message: processes.length
        ? 'no process is marked executable (set isExecutable="true" on the process to run)'
        : 'the file contains no process',
      severity: 'error',
    });
  }
  problems.push(...checkConstraints(definitions, parsed));

  const model: ExecutableModel = { modelVersion: 1, processes: {}, mainProcessId: executable[0]?.id ?? '', forms: {} };
  const wanted = new Set(executable.map((p) => p.id!));
  // Call activities may call non-executable processes and global tasks of the same file.
  for (const element of parsed.elementsById.values()) {
    if (element.$type === 'bpmn:CallActivity') {
      const called = calledElementOf(element);
      const target = called ? parsed.elementsById.get(called) : undefined;
      if (target && (target.$type === 'bpmn:Process' || target.$type.startsWith('bpmn:Global'))) wanted.add(called!);
    }
  }
  for (const id of wanted) {
    const element = parsed.elementsById.get(id);
    if (!element) continue;
    const builder = new ProcessBuilder(element, parsed, problems);
    const process: ProcessModel = builder.build();
    model.processes[process.id] = process;
    for (const node of Object.values(process.nodes)) {
      if (node.userTask) model.forms[node.id] = node.userTask.form;
    }
  }
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) return { problems: dedupe(problems) };
  return { model };
}

function warningToProblem(warning: { message: string; element?: ModdleElement; property?: string; value?: string }): Problem {
  // Extension elements (referral:task, zeebe:…) have no id: report on the flow element that holds them.
  let owner = warning.element;
  for (let hops = 0; owner && !owner.id && hops < 10; hops++) owner = owner.$parent;
  const elementId = owner?.id;
  let message = warning.message;
  let code: ProblemCode = 'schema';
  let severity: Problem['severity'] = 'error';
  const unresolved = /^unresolved reference <(.*)>$/.exec(message);
  if (/^unsupported document encoding/.test(message)) {
    severity = 'warning';
  } else if (unresolved) {
    const target = unresolved[1]!;
    const what = warning.property ? `its ${warning.property.replace(/^bpmn:/, '')}` : 'it';
    if (target.includes(':')) {
      code = 'unsupported';
      message = `${what} refers to "${target}" in another document; imported definitions are not supported`;
    } else {
      code = 'reference';
      message = `${what} refers to "${target}", which does not exist`;
    }
  } else {
    const nested = /nested error: (.*)$/s.exec(message);
    const position = /line: (\d+)\s+column: (\d+)/.exec(message);
    const content = /unparsable content (<[^>\s]+>?)/.exec(message);
    if (nested) {
      const reason = nested[1]!.replace(/^unknown type <(.*)>$/, 'unknown element type $1').replace(/^unparsable content.*$/, 'not valid here');
      message = `${content ? `${content[1]} ` : ''}${reason}${position ? ` (line ${Number(position[1]) + 1}, column ${position[2]})` : ''}`;
    }
  }
  return { ...(elementId ? { elementId } : {}), message, severity, code };
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.elementId ?? ''}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
