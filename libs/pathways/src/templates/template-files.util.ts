/**
 * Reads the pathway templates of workflows/ for the template specs, and checks the rules every
 * template follows (agency, role, SLA, escalation chain on every user task; every `params.x`
 * defined). Reading the repository's own template files is the one I/O of these specs.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { compile } from '@app/engine';
import { findTemplate } from '../parameters/template-parameters.util';

export const WORKFLOWS_DIR = path.resolve(__dirname, '../../../../workflows');

export function readTemplate(id: string): string {
  return readFileSync(path.join(WORKFLOWS_DIR, `${id}.bpmn`), 'utf8');
}

/** `params.x` names a template's expressions read. */
export function paramsReferenced(xml: string): string[] {
  return [...new Set([...xml.matchAll(/params\.([A-Za-z_]\w*)/g)].map((m) => m[1] as string))].sort();
}

/** Problems with the house rules for agency tasks; empty when the template follows them. */
export function templateRuleProblems(id: string, xml: string): string[] {
  const problems: string[] = [];
  const compiled = compile(xml);
  if (!compiled.model) return compiled.problems.map((p) => `${p.elementId ?? ''}: ${p.message}`);
  const process = compiled.model.processes[id];
  if (!process) return [`the file has no process "${id}" (file name = process id)`];
  const defined = new Set(findTemplate(id).parameters.map((p) => p.name));
  for (const name of paramsReferenced(xml)) if (!defined.has(name)) problems.push(`params.${name} is not a parameter of ${id}`);
  const chain = ['agency-spoc', 'pathway-coordinator', 'partnership-coordinator', 'steering-group'];
  for (const node of Object.values(process.nodes)) {
    if (node.kind !== 'userTask') continue;
    const a = node.userTask;
    if (!a?.agency && !node.assignmentExprs?.agency) problems.push(`${node.id}: no agency`);
    if (!a?.role) problems.push(`${node.id}: no role`);
    if (!a?.sla) problems.push(`${node.id}: no SLA`);
    const to = (a?.escalation ?? []).map((s) => s.to);
    if (JSON.stringify(to) !== JSON.stringify(chain)) problems.push(`${node.id}: escalation chain is ${to.join(' → ') || 'empty'}`);
    if (!a?.form.length) problems.push(`${node.id}: no form fields`);
  }
  return problems;
}
