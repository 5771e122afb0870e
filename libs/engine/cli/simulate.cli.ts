/**
 * npm run simulate -- <file.bpmn> [--vars JSON] [--complete ELEMENT=JSON ...] [--auto] [--until P30D]
 *   [--start ISO] [--params JSON] [--calendar FILE.json]
 *
 * Runs a model on a virtual clock and prints JSON: trace, open tasks, timers, final variables
 * and status. Exit 0 when the simulation ran (whatever the process's outcome), 2 when the model
 * is rejected (problems as JSON on stderr), 1 on bad arguments.
 */
import * as fs from 'node:fs';
import { compile } from '../src/compile/compile';
import type { CalendarData, Variables } from '../src/contract.types';
import type { ExecutableModel } from '../src/model.types';
import { Simulator } from '../src/simulate/simulator';
import { stopFeelGuard } from '../src/feel/feel';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function json(text: string, what: string): Variables {
  try {
    const value = JSON.parse(text) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
    return value as Variables;
  } catch (err) {
    return fail(`${what} must be a JSON object: ${(err as Error).message}`);
  }
}

/** Calendars a model names (user task SLAs and working-day timers). */
function calendarNames(model: ExecutableModel): string[] {
  const names = new Set<string>();
  for (const process of Object.values(model.processes)) {
    for (const node of Object.values(process.nodes)) {
      if (node.userTask?.calendar) names.add(node.userTask.calendar);
      for (const def of node.events ?? []) if (def.timer?.calendar) names.add(def.timer.calendar);
    }
  }
  return [...names];
}

function main(argv: string[]): void {
  let file: string | undefined;
  let variables: Variables = {};
  let params: Variables | undefined;
  let auto = false;
  let until: string | undefined;
  let startAt = new Date();
  let calendars: Record<string, CalendarData> | undefined;
  const completions: Record<string, Variables[]> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => argv[++i] ?? fail(`${arg} needs a value`);
    if (arg === '--vars') variables = json(value(), '--vars');
    else if (arg === '--params') params = json(value(), '--params');
    else if (arg === '--auto') auto = true;
    else if (arg === '--until') until = value();
    else if (arg === '--start') {
      startAt = new Date(value());
      if (Number.isNaN(startAt.getTime())) fail('--start must be an ISO date-time');
    } else if (arg === '--calendar') {
      const data = json(fs.readFileSync(value(), 'utf8'), '--calendar');
      calendars = data as unknown as Record<string, CalendarData>;
    } else if (arg === '--complete') {
      const spec = value();
      const eq = spec.indexOf('=');
      if (eq < 1) fail('--complete takes ELEMENT=JSON');
      (completions[spec.slice(0, eq)] ??= []).push(json(spec.slice(eq + 1), `--complete ${spec.slice(0, eq)}`));
    } else if (arg.startsWith('--')) fail(`unknown option ${arg}`);
    else if (!file) file = arg;
    else fail(`unexpected argument ${arg}`);
  }
  if (!file) fail('usage: npm run simulate -- <file.bpmn> [--vars JSON] [--complete ELEMENT=JSON ...] [--auto] [--until P30D]');
  let xml: string;
  try {
    xml = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return fail(`cannot read ${file}: ${(err as Error).message}`);
  }
  const compiled = compile(xml);
  if (!compiled.model) {
    process.stderr.write(`${JSON.stringify({ problems: compiled.problems }, null, 2)}\n`);
    process.exitCode = 2;
    return;
  }
  // A calendar the model names but the command line does not give: a plain Monday–Friday one in
  // UTC with no holidays, reported in the output so that nobody mistakes it for a real calendar.
  const given = calendars ?? {};
  const assumedCalendars = calendarNames(compiled.model).filter((name) => !given[name] && !(calendars && (name === 'partnership' || name === 'default')));
  const allCalendars: Record<string, CalendarData> = { ...given };
  for (const name of assumedCalendars) allCalendars[name] = { timeZone: 'UTC', weekend: [6, 7], holidays: [] };
  const simulator = new Simulator(compiled.model, {
    startAt,
    auto,
    completions,
    ...(until ? { until } : {}),
    ...(params ? { params } : {}),
    calendars: allCalendars,
    ...(calendars ? { defaultCalendar: Object.keys(calendars)[0] } : {}),
  });
  simulator.startInstance({ variables });
  simulator.run();
  const result = simulator.result();
  process.stdout.write(`${JSON.stringify(assumedCalendars.length ? { ...result, assumedCalendars } : result, null, 2)}\n`);
}

main(process.argv.slice(2));
void stopFeelGuard();
