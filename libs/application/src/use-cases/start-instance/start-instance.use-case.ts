import { Inject, Injectable } from '@nestjs/common';
import type { Variables } from '@app/engine';
import type { CreatedTask } from '@app/persistence';
import type { Actor } from '../../actor';
import { DomainError, ErrorCode } from '../../errors/domain.error';
import { RUNTIME, type RuntimeServices } from '../../runtime/runtime-services';

export interface StartInstanceCommand {
  actor: Actor;
  /** A definition version; or the latest version of `key`. */
  definitionId?: number;
  key?: string;
  /** Which process of the definition (default: its main process). */
  processId?: string;
  variables?: Variables;
  businessKey?: string;
}

export interface StartedInstance {
  id: number;
  definitionId: number;
  processId: string;
  status: string;
  version: number;
  /** User tasks open right after the start. */
  tasks: CreatedTask[];
}

/** Starts an instance: the engine runs to its first wait states in the same transaction. */
@Injectable()
export class StartInstanceUseCase {
  constructor(@Inject(RUNTIME) private readonly rt: RuntimeServices) {}

  async execute(cmd: StartInstanceCommand): Promise<StartedInstance> {
    const p = cmd.actor.partnershipId;
    const defs = cmd.definitionId !== undefined
      ? await this.rt.db.query('SELECT id FROM definitions WHERE id = $1 AND partnership_id = $2', [cmd.definitionId, p], 'rp_def_by_id_v1')
      : await this.rt.db.query('SELECT id FROM definitions WHERE partnership_id = $1 AND key = $2 ORDER BY version DESC LIMIT 1', [p, cmd.key ?? ''], 'rp_def_latest_v1');
    const def = defs[0];
    if (!def) throw new DomainError(ErrorCode.NotFound, cmd.definitionId !== undefined ? `definition ${cmd.definitionId} not found` : `no definition with key ${cmd.key}`);
    const { result: row, flushed } = await this.rt.tx.runDetailed(async (uow) => {
      const started = await this.rt.runtime.start(
        uow,
        { id: Number(def.id), partnershipId: p },
        { variables: cmd.variables ?? {}, ...(cmd.businessKey !== undefined ? { businessKey: cmd.businessKey } : {}), ...(cmd.processId ? { processId: cmd.processId } : {}) },
        { actor: cmd.actor },
      );
      return started.row;
    });
    return {
      id: row.id, definitionId: row.definition_id, processId: row.process_id, status: row.status, version: row.version,
      tasks: flushed?.newTasks.filter((t) => t.instanceId === row.id) ?? [],
    };
  }
}
