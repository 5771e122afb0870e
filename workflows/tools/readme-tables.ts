/**
 * Regenerates the generated tables of workflows/README.md from the sources of truth: the
 * parameter table of each template from libs/pathways (template-parameters.data.ts) and the task
 * table (agency, role, SLA, calendar, reminder, escalation chain, data scopes) from the compiled
 * template. Each table sits between `<!-- generated:KIND:TEMPLATE -->` and `<!-- /generated -->`.
 *
 *   npx tsx workflows/tools/readme-tables.ts          # rewrite README.md
 *   npx tsx workflows/tools/readme-tables.ts --check  # exit 1 if README.md is out of date
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { compile } from '@app/engine';
import { TEMPLATES } from '@app/pathways';
import type { TemplateDefinition } from '@app/pathways';

const DIR = path.resolve(__dirname, '..');
const cell = (v: unknown) => String(v === null ? '—' : typeof v === 'string' ? v : JSON.stringify(v)).replace(/\|/g, '\\|');

export function parameterTable(t: TemplateDefinition): string {
  const variants = Object.keys(t.variants);
  const head = ['Parameter', 'Default', ...variants.map((v) => `\`${v}\``), 'Status', 'Meaning and source'];
  const rows = t.parameters.map((p) => [
    `\`${p.name}\``,
    cell(p.default),
    ...variants.map((v) => (p.name in (t.variants[v]?.values ?? {}) ? cell(t.variants[v]?.values[p.name]) : '')),
    `[${p.status}]`,
    `${p.description}${p.unit ? ` (${p.unit})` : ''}${p.source ? ` — ${p.source}` : ''}`,
  ]);
  return [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

export function taskTable(id: string, xml: string): string {
  const compiled = compile(xml);
  if (!compiled.model) throw new Error(`${id} does not compile`);
  const process = compiled.model.processes[id];
  if (!process) throw new Error(`${id}: no process of that id`);
  const head = ['Task', 'Agency / role', 'SLA', 'Calendar', 'Reminder', 'Escalation (after breach)', 'Data scopes', 'Form fields'];
  const rows = Object.values(process.nodes)
    .filter((n) => n.kind === 'userTask' && n.userTask)
    .map((n) => {
      const a = n.userTask!;
      return [
        `\`${n.id}\` ${n.name ?? ''}`,
        `${a.agency ?? (n.assignmentExprs?.agency ? `\`${n.assignmentExprs.agency.src.replace(/^=\s*/, '=')}\`` : '')} / ${a.role ?? ''}`,
        a.sla ?? '',
        a.calendar ? 'working days' : 'clock time',
        a.reminder ? `${a.reminder} before` : '',
        a.escalation.map((s) => `${s.to} +${s.after}`).join(' → '),
        a.dataScopes.join(', '),
        a.form.map((f) => `${f.name}${f.required ? '*' : ''}`).join(', '),
      ];
    });
  return [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

export function regenerate(readme: string): string {
  return readme.replace(/(<!-- generated:(params|tasks):([a-z0-9-]+) -->)[\s\S]*?(<!-- \/generated -->)/g, (_m, open: string, kind: string, id: string, close: string) => {
    const t = TEMPLATES.find((x) => x.id === id);
    if (!t) throw new Error(`README names an unknown template ${id}`);
    const table = kind === 'params' ? parameterTable(t) : taskTable(id, readFileSync(path.join(DIR, `${id}.bpmn`), 'utf8'));
    return `${open}\n${table}\n${close}`;
  });
}

if (require.main === module) {
  const file = path.join(DIR, 'README.md');
  const before = readFileSync(file, 'utf8');
  const after = regenerate(before);
  if (process.argv.includes('--check')) {
    if (after !== before) {
      console.error('workflows/README.md is out of date: run npx tsx workflows/tools/readme-tables.ts');
      process.exit(1);
    }
  } else {
    writeFileSync(file, after);
    console.log('README tables regenerated');
  }
}
