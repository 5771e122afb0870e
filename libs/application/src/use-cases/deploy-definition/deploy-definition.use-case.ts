import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ExecutableModel } from '@app/engine';
import { JobName, OutgoingJob, QueueName, jobIds } from '@app/queue';
import type { Actor } from '../../actor';
import { DomainError, ErrorCode } from '../../errors/domain.error';
import { RUNTIME, type RuntimeServices } from '../../runtime/runtime-services';
import { firstTimerDue, startTriggersOf } from '../../runtime/start-triggers.util';

export interface DeployDefinitionCommand {
  actor: Actor;
  xml: string;
  /** Where the file came from (`api`, `workflows/x.bpmn`). */
  source?: string;
}

export interface DefinitionSummary {
  id: number;
  key: string;
  version: number;
  name: string | null;
  hash: string;
  processIds: string[];
  source: string | null;
  deployedBy: string;
  deployedAt: string;
}

export interface DeployResult extends DefinitionSummary {
  /** False when the same file was already the latest version (nothing deployed). */
  created: boolean;
}

export function toDefinitionSummary(r: Record<string, unknown>): DefinitionSummary {
  return {
    id: Number(r.id), key: String(r.key), version: Number(r.version), name: (r.name as string | null) ?? null, hash: String(r.hash),
    processIds: r.process_ids as string[], source: (r.source as string | null) ?? null, deployedBy: String(r.deployed_by),
    deployedAt: (r.deployed_at as Date).toISOString(),
  };
}

/**
 * Deploys a BPMN file: compile it (off the event loop), then store it as the next version of its
 * key (the main process id), unless it is byte-identical to the latest version. Timer start
 * events are armed; the previous version's start timers are disarmed.
 */
@Injectable()
export class DeployDefinitionUseCase {
  constructor(@Inject(RUNTIME) private readonly rt: RuntimeServices) {}

  async execute(cmd: DeployDefinitionCommand): Promise<DeployResult> {
    const bytes = Buffer.byteLength(cmd.xml, 'utf8');
    if (bytes > this.rt.deployMaxBytes) throw new DomainError(ErrorCode.TooLarge, `the file has ${bytes} bytes; at most ${this.rt.deployMaxBytes} are accepted`);
    if (bytes === 0) throw new DomainError(ErrorCode.InvalidInput, 'the file is empty');
    const outcome = await this.rt.compilePool.compile(cmd.xml);
    if ('problems' in outcome) {
      throw new DomainError(ErrorCode.CompileFailed, 'the BPMN file does not compile', outcome.problems.map((p) => ({ ...p })));
    }
    const model: ExecutableModel = outcome.model;
    const key = model.mainProcessId;
    const name = model.processes[key]?.name ?? null;
    const hash = createHash('sha256').update(cmd.xml).digest('hex');
    const triggers = startTriggersOf(model);
    const partnershipId = cmd.actor.partnershipId;
    const jobs: OutgoingJob[] = [];

    const result = await this.rt.db.tx(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`deploy:${partnershipId}:${key}`]);
      const latest = (await c.query('SELECT * FROM definitions WHERE partnership_id = $1 AND key = $2 ORDER BY version DESC LIMIT 1', [partnershipId, key])).rows[0];
      if (latest && latest.hash === hash) return { ...toDefinitionSummary(latest), created: false };
      const now = this.rt.clock.now();
      const inserted = (
        await c.query(
          `INSERT INTO definitions (partnership_id, key, version, name, xml, hash, model, process_ids, start_triggers, source, deployed_by, deployed_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
          [partnershipId, key, (latest?.version ?? 0) + 1, name, cmd.xml, hash, JSON.stringify(model), Object.keys(model.processes),
            JSON.stringify(triggers), cmd.source ?? 'api', cmd.actor.userId, now],
        )
      ).rows[0];
      // The previous versions' timer start events stop; this version's start.
      const old = await c.query(
        `UPDATE timers SET status = 'cancelled' WHERE purpose = 'start' AND status = 'pending'
           AND definition_id IN (SELECT id FROM definitions WHERE partnership_id = $1 AND key = $2 AND id <> $3) RETURNING id`,
        [partnershipId, key, inserted.id],
      );
      if (old.rows.length > 0) await c.query('DELETE FROM outbox WHERE job_id = ANY($1::text[])', [old.rows.map((r) => jobIds.startTimer(Number(r.id)))]);
      for (const t of triggers) {
        if (t.kind !== 'timer' || !t.timer) continue;
        const first = firstTimerDue(t.timer, now);
        if (!first) continue;
        const due = first.due;
        const timerRow = (
          await c.query(
            `INSERT INTO timers (element_id, purpose, definition_id, due_at, status, remaining, created_at) VALUES ($1, 'start', $2, $3, 'pending', $4, $5) RETURNING id`,
            [t.startEventId, inserted.id, due, first.remaining ?? null, now],
          )
        ).rows[0];
        const job: OutgoingJob = { jobId: jobIds.startTimer(Number(timerRow.id)), queue: QueueName.Runtime, name: JobName.StartTimerFire, payload: { timerRowId: Number(timerRow.id) }, availableAt: due };
        await c.query(
          `INSERT INTO outbox (job_id, queue, job_name, payload, available_at, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
          [job.jobId, job.queue, job.name, JSON.stringify(job.payload), due, now],
        );
        jobs.push(job);
      }
      return { ...toDefinitionSummary(inserted), created: true };
    });
    if (result.created) {
      this.rt.models.put(result.id, model);
      this.rt.relay.push(jobs);
    }
    return result;
  }
}
