import { Inject, Injectable } from '@nestjs/common';
import { Simulator, type CalendarData, type ExecutableModel, type Problem, type Variables } from '@app/engine';
import type { Actor } from '../../actor';
import { DomainError, ErrorCode } from '../../errors/domain.error';
import { RUNTIME, type RuntimeServices } from '../../runtime/runtime-services';
import { DeployDefinitionUseCase, type DeployResult } from '../deploy-definition/deploy-definition.use-case';

function checkSize(rt: RuntimeServices, xml: string): void {
  const bytes = Buffer.byteLength(xml, 'utf8');
  if (bytes > rt.deployMaxBytes) throw new DomainError(ErrorCode.TooLarge, `the file has ${bytes} bytes; at most ${rt.deployMaxBytes} are accepted`);
  if (bytes === 0) throw new DomainError(ErrorCode.InvalidInput, 'the file is empty');
}

/** Compiles off the event loop (the deploy's compile pool) and throws the problems as a 422. */
async function compileOrThrow(rt: RuntimeServices, xml: string): Promise<ExecutableModel> {
  checkSize(rt, xml);
  const outcome = await rt.compilePool.compile(xml);
  if ('problems' in outcome && outcome.problems) throw new DomainError(ErrorCode.CompileFailed, 'the BPMN file does not compile', outcome.problems.map((p) => ({ ...p })));
  return (outcome as { model: ExecutableModel }).model;
}

/** Checks a model the way a deployment would, without storing anything. */
@Injectable()
export class ValidateDefinitionUseCase {
  constructor(@Inject(RUNTIME) private readonly rt: RuntimeServices) {}

  async execute(xml: string): Promise<{ problems: Problem[]; key: string }> {
    const model = await compileOrThrow(this.rt, xml);
    return { problems: [], key: model.mainProcessId };
  }
}

export interface SimulationCommand {
  xml: string;
  /** Start variables: decision data only (scores, flags, dates). */
  variables?: Variables;
  /** Outputs for user tasks by element id, used in order; other tasks get the least valid output. */
  completions?: Record<string, Variables[]>;
  /** How far the virtual clock may run (ISO 8601 duration), at most P2Y; default P1Y. */
  until?: string;
}

export interface SimulationAnswer {
  status: 'completed' | 'waiting' | 'incident' | 'terminated';
  trace: { elementId: string; transition: string; at: string; detail?: string; instance?: number }[];
  openTasks: { elementId: string; name?: string; agency?: string; dueAt?: string }[];
  incidents: { elementId?: string; message?: string }[];
  stuckJoins: { elementId: string; waitingFor: string[] }[];
  startedAt: string;
  clock: string;
  steps: number;
  /** True when the step limit stopped the run (a loop that never ends, or a very large model). */
  truncated: boolean;
  /** Calendars the model names, simulated as Monday–Friday in UTC with no holidays. */
  assumedCalendars: string[];
}

export const SIMULATION_MAX_STEPS = 5_000;
const MAX_TRACE = 5_000;

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

/** Years, months or days of an ISO duration, bounded to two years (a guard, not a parser). */
function boundedUntil(until: string | undefined): string {
  if (!until) return 'P1Y';
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(until);
  if (!m || until === 'P') throw new DomainError(ErrorCode.InvalidInput, 'until must be an ISO 8601 duration in years, months, weeks or days (e.g. P90D)');
  const days = Number(m[1] ?? 0) * 366 + Number(m[2] ?? 0) * 31 + Number(m[3] ?? 0) * 7 + Number(m[4] ?? 0);
  if (days > 2 * 366) throw new DomainError(ErrorCode.InvalidInput, 'a dry run covers at most two years (P2Y)');
  return until;
}

/**
 * A dry run on the engine's simulator: a virtual clock from the server's now, every user task
 * completed with the given output or the least its form accepts, timers in due order; bounded in
 * engine steps (SIMULATION_MAX_STEPS) and in virtual time (`until`, at most two years). Nothing is
 * stored and no job is queued.
 */
@Injectable()
export class RunSimulationUseCase {
  constructor(@Inject(RUNTIME) private readonly rt: RuntimeServices) {}

  async execute(cmd: SimulationCommand): Promise<SimulationAnswer> {
    const until = boundedUntil(cmd.until);
    const model = await compileOrThrow(this.rt, cmd.xml);
    const assumed = calendarNames(model);
    const calendars: Record<string, CalendarData> = {};
    for (const name of assumed) calendars[name] = { timeZone: 'UTC', weekend: [6, 7], holidays: [] };
    const startAt = this.rt.clock.now();
    const simulator = new Simulator(model, { startAt, auto: true, completions: cmd.completions ?? {}, until, calendars, maxSteps: SIMULATION_MAX_STEPS });
    simulator.startInstance({ variables: cmd.variables ?? {} });
    simulator.run();
    const r = simulator.result();
    return {
      status: r.status,
      trace: r.trace.slice(0, MAX_TRACE).map((t) => ({ elementId: t.element, transition: t.transition, at: t.at, ...(t.detail ? { detail: t.detail } : {}), ...(t.instance ? { instance: t.instance } : {}) })),
      openTasks: r.openTasks.map((t) => ({ elementId: t.elementId, ...(t.name ? { name: t.name } : {}), ...(t.agency ? { agency: t.agency } : {}), ...(t.dueAt ? { dueAt: t.dueAt } : {}) })),
      incidents: r.incidents.map((i) => ({ ...(i.elementId ? { elementId: i.elementId } : {}), ...(i.message ? { message: i.message } : {}) })),
      stuckJoins: r.stuckJoins,
      startedAt: startAt.toISOString(),
      clock: r.clock,
      steps: r.steps,
      truncated: r.steps >= SIMULATION_MAX_STEPS,
      assumedCalendars: assumed,
    };
  }
}

export interface DefinitionVersion {
  id: number;
  key: string;
  version: number;
  name: string | null;
  note: string | null;
  deployedBy: string;
  deployedAt: string;
  hash: string;
  source: string | null;
}

const NOTE_MAX = 500;

function toVersion(r: Record<string, unknown>): DefinitionVersion {
  return {
    id: Number(r.id), key: String(r.key), version: Number(r.version), name: (r.name as string | null) ?? null, note: (r.note as string | null) ?? null,
    deployedBy: String(r.deployed_by_name ?? r.deployed_by), deployedAt: (r.deployed_at as Date).toISOString(), hash: String(r.hash), source: (r.source as string | null) ?? null,
  };
}

const VERSION_SELECT = `SELECT d.id, d.key, d.version, d.name, d.hash, d.source, d.deployed_by, d.deployed_at, n.note, u.display_name AS deployed_by_name
  FROM definitions d LEFT JOIN definition_notes n ON n.definition_id = d.id LEFT JOIN users u ON u.id = d.deployed_by`;

/** A pathway's version history with the coordinators' notes, each version's XML (for the diff), and deploying with a note. */
@Injectable()
export class DefinitionVersionsUseCase {
  constructor(
    @Inject(RUNTIME) private readonly rt: RuntimeServices,
    private readonly deploy: DeployDefinitionUseCase,
  ) {}

  async list(actor: Actor, key: string): Promise<DefinitionVersion[]> {
    const rows = await this.rt.db.query(`${VERSION_SELECT} WHERE d.partnership_id = $1 AND d.key = $2 ORDER BY d.version DESC LIMIT 200`, [actor.partnershipId, key]);
    return rows.map(toVersion);
  }

  async get(actor: Actor, key: string, version: number): Promise<DefinitionVersion & { xml: string }> {
    const rows = await this.rt.db.query(`${VERSION_SELECT.replace('SELECT d.id,', 'SELECT d.xml, d.id,')} WHERE d.partnership_id = $1 AND d.key = $2 AND d.version = $3`, [actor.partnershipId, key, version]);
    const r = rows[0];
    if (!r) throw new DomainError(ErrorCode.NotFound, `version ${version} of ${key} not found`);
    return { ...toVersion(r), xml: String(r.xml) };
  }

  /** Deploys (the same compile and checks as POST /api/definitions) and records the note with the new version. */
  async deployWithNote(actor: Actor, xml: string, note: string): Promise<DeployResult & { note: string | null }> {
    const text = note.trim();
    if (!text) throw new DomainError(ErrorCode.InvalidInput, 'a version note is required (what changed and why)', [{ field: 'note', message: 'a version note is required' }]);
    if (text.length > NOTE_MAX) throw new DomainError(ErrorCode.InvalidInput, `the version note has at most ${NOTE_MAX} characters`, [{ field: 'note', message: `at most ${NOTE_MAX} characters` }]);
    const result = await this.deploy.execute({ actor, xml, source: 'modeller' });
    if (result.created) {
      await this.rt.db.query(`INSERT INTO definition_notes (definition_id, note, written_by, written_at) VALUES ($1, $2, $3, $4) ON CONFLICT (definition_id) DO NOTHING`, [
        result.id, text, actor.userId, this.rt.clock.now(),
      ]);
    }
    const [n] = await this.rt.db.query('SELECT note FROM definition_notes WHERE definition_id = $1', [result.id]);
    return { ...result, note: (n?.note as string | undefined) ?? null };
  }
}
