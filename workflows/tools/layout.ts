/**
 * Lays out pathway templates: drops any diagram (BPMN DI) a file has and generates a new one with
 * bpmn-auto-layout, so a coordinator edits only the process (or draws it in the modeller) and the
 * diagram is rebuilt. Sub-processes come out collapsed, each with its own drill-down plane, as
 * bpmn-js shows them.
 *
 *   npx tsx workflows/tools/layout.ts                  # every workflows/*.bpmn
 *   npx tsx workflows/tools/layout.ts FILE.bpmn …      # the files given
 *   npx tsx workflows/tools/layout.ts --check          # fail if a file has no complete diagram
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { layoutProcess } from 'bpmn-auto-layout';

const DIAGRAM = /\s*<bpmndi:BPMNDiagram\b[\s\S]*?<\/bpmndi:BPMNDiagram>/g;

export function stripDiagram(xml: string): string {
  return xml.replace(DIAGRAM, '');
}

/**
 * bpmn-auto-layout draws a collapsed sub-process's content onto the main plane (it creates no
 * drill-down plane for it), so every sub-process is marked expanded first: a throw-away diagram
 * with `isExpanded="true"` shapes, which the library reads before it lays out. Sub-processes then
 * show their content inline.
 */
function markSubProcessesExpanded(xml: string): string {
  const processId = /<bpmn:process\b[^>]*\bid="([^"]+)"/.exec(xml)?.[1];
  if (!processId) return xml;
  const subIds = [...xml.matchAll(/<bpmn:(?:subProcess|transaction|adHocSubProcess)\b[^>]*\bid="([^"]+)"/g)].map((m) => m[1]);
  if (!subIds.length) return xml;
  const shapes = subIds
    .map((id) => `<bpmndi:BPMNShape id="${id}_seed" bpmnElement="${id}" isExpanded="true"><dc:Bounds x="0" y="0" width="100" height="80"/></bpmndi:BPMNShape>`)
    .join('');
  const diagram = `<bpmndi:BPMNDiagram id="Seed"><bpmndi:BPMNPlane id="SeedPlane" bpmnElement="${processId}">${shapes}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>`;
  return xml.replace(/<\/bpmn:definitions>\s*$/, `${diagram}</bpmn:definitions>\n`);
}

export async function layout(xml: string): Promise<string> {
  const out = await layoutProcess(markSubProcessesExpanded(stripDiagram(xml)));
  // bpmn-auto-layout writes through bpmn-moddle without our extension packages: check nothing of
  // the `referral:` / `zeebe:` extensions was lost on the way.
  for (const tag of ['referral:task', 'referral:field', 'referral:escalation', 'referral:decision', 'referral:service', 'zeebe:ioMapping', 'zeebe:loopCharacteristics', 'zeebe:subscription']) {
    const count = (s: string) => s.split(`<${tag}`).length - 1;
    if (count(out) !== count(xml)) throw new Error(`layout lost ${tag} elements (${count(xml)} → ${count(out)})`);
  }
  return out;
}

function templateFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.bpmn'))
    .sort()
    .map((f) => path.join(dir, f));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const files = args.filter((a) => !a.startsWith('--'));
  const targets = files.length ? files : templateFiles(path.resolve(__dirname, '..'));
  let failed = false;
  for (const file of targets) {
    const xml = readFileSync(file, 'utf8');
    if (check) {
      if (!/<bpmndi:BPMNDiagram\b/.test(xml)) {
        console.error(`${file}: no diagram; run npx tsx workflows/tools/layout.ts ${file}`);
        failed = true;
      }
      continue;
    }
    writeFileSync(file, await layout(xml));
    console.log(`laid out ${path.relative(process.cwd(), file)}`);
  }
  if (failed) process.exit(1);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
