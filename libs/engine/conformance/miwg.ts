/**
 * The MIWG import check: every reference model must import. A model with no executable process
 * imports when it parses with every reference resolved (it is not run); an executable one must
 * compile, or be refused only for elements outside the engine's coverage, each named.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Problem } from '../src/contract.types';
import { compile, parseDefinitions } from '../src/compile/compile';
import type { ModdleElement } from '../src/compile/moddle';

export interface ImportResult {
  file: string;
  imported: boolean;
  outcome: 'imported' | 'compiled' | 'unsupported' | 'failed';
  detail: string;
}

export function listBpmnFiles(dir: string): string[] {
  const files: string[] = [];
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop()!;
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) stack.push(p);
      else if (entry.name.toLowerCase().endsWith('.bpmn')) files.push(p);
    }
  }
  return files.sort();
}

const describe = (problems: Problem[]) => problems.map((p) => `${p.elementId ?? '-'}: ${p.message}`).join('; ');

export function importModel(file: string, xml: string): ImportResult {
  const { parsed, problems } = parseDefinitions(xml);
  const errors = problems.filter((p) => p.severity === 'error');
  const processes = ((parsed?.definitions?.rootElements as ModdleElement[] | undefined) ?? []).filter((e) => e.$type === 'bpmn:Process');
  const executable = processes.filter((p) => p.isExecutable === true);
  if (!parsed?.definitions || errors.some((p) => p.code !== 'unsupported')) {
    return { file, imported: false, outcome: 'failed', detail: describe(errors) };
  }
  if (!executable.length) {
    return {
      file,
      imported: !errors.length,
      outcome: errors.length ? 'failed' : 'imported',
      detail: errors.length ? describe(errors) : `not executable; ${processes.length} process(es), ${parsed.elementsById.size} elements parsed, references resolved`,
    };
  }
  const compiled = compile(xml);
  if (compiled.model) return { file, imported: true, outcome: 'compiled', detail: `${Object.keys(compiled.model.processes).length} process(es) compiled` };
  const compileErrors = compiled.problems.filter((p) => p.severity === 'error');
  const onlyUnsupported = compileErrors.every((p) => p.code === 'unsupported');
  return {
    file,
    imported: onlyUnsupported,
    outcome: onlyUnsupported ? 'unsupported' : 'failed',
    detail: describe(compileErrors),
  };
}
