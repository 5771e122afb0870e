/**
 * Every template runs to completion under the engine's simulator with `--auto` (each task given
 * the least valid output, timers fired in order), with no partnership parameters and no case
 * reference, only the partnership calendar of its country. Runs the real CLI as a coordinator
 * would (`npm run simulate -- FILE --auto --calendar …`), so this spec starts processes.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { TEMPLATES } from '../parameters/template-parameters.data';
import { WORKFLOWS_DIR } from './template-files.util';

const ROOT = path.resolve(WORKFLOWS_DIR, '..');
const CALENDAR: Record<string, string> = {
  'marac-safelives': 'gb-sct',
  'protective-order-proactive': 'at',
  'embedded-social-worker-fr': 'fr',
  'anchor-team-fi': 'fi',
  'risk-first-pt': 'pt',
  'marac-vienna-at': 'at',
};

describe('every template under npm run simulate -- FILE --auto', () => {
  it.each(TEMPLATES.map((t) => t.id))('%s runs to completion', (id) => {
    const out = execFileSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'libs/engine/cli/simulate.cli.ts', `workflows/${id}.bpmn`, '--auto', '--start', '2026-03-02T09:00:00Z', '--calendar', `workflows/calendars/${CALENDAR[id]}.json`],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const result = JSON.parse(out) as { status: string; incidents: unknown[]; openTasks: unknown[]; stuckJoins: unknown[] };
    expect({ id, status: result.status, incidents: result.incidents, stuck: result.stuckJoins }).toEqual({ id, status: 'completed', incidents: [], stuck: [] });
  }, 90_000);
});
