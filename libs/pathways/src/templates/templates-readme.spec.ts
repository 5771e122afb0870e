/** workflows/README.md lists every template with its parameters and task table, generated from the sources. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { regenerate } from '../../../../workflows/tools/readme-tables';
import { TEMPLATES } from '../parameters/template-parameters.data';
import { WORKFLOWS_DIR } from './template-files.util';

const readme = readFileSync(path.join(WORKFLOWS_DIR, 'README.md'), 'utf8');

describe('workflows/README.md', () => {
  it('has a section, a parameter table and a task table for every template', () => {
    for (const t of TEMPLATES) {
      expect(readme).toContain(`## ${t.id}`);
      expect(readme).toContain(`<!-- generated:params:${t.id} -->`);
      expect(readme).toContain(`<!-- generated:tasks:${t.id} -->`);
      for (const p of t.parameters) expect(readme).toContain(`| \`${p.name}\` |`);
    }
  });

  it('is up to date with the templates and their parameters (npx tsx workflows/tools/readme-tables.ts)', () => {
    expect(regenerate(readme)).toBe(readme);
  });

  it('tags every source it cites', () => {
    expect((readme.match(/\[F: /g) ?? []).length).toBeGreaterThan(20);
    expect(readme).toMatch(/\[I\]/);
    expect(readme).toMatch(/\[\?\]/);
  });
});
