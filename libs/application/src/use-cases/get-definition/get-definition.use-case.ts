import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../../actor';
import { DomainError, ErrorCode } from '../../errors/domain.error';
import { RUNTIME, type RuntimeServices } from '../../runtime/runtime-services';
import { DefinitionSummary, toDefinitionSummary } from '../deploy-definition/deploy-definition.use-case';

/** One definition version, optionally with its XML as deployed. */
@Injectable()
export class GetDefinitionUseCase {
  constructor(@Inject(RUNTIME) private readonly rt: RuntimeServices) {}

  async execute(actor: Actor, id: number, withXml = false): Promise<DefinitionSummary & { xml?: string; startTriggers: unknown }> {
    const rows = await this.rt.db.query(
      `SELECT id, key, version, name, hash, process_ids, source, deployed_by, deployed_at, start_triggers${withXml ? ', xml' : ''}
       FROM definitions WHERE id = $1 AND partnership_id = $2`,
      [id, actor.partnershipId],
    );
    const r = rows[0];
    if (!r) throw new DomainError(ErrorCode.NotFound, `definition ${id} not found`);
    return { ...toDefinitionSummary(r), startTriggers: r.start_triggers, ...(withXml ? { xml: String(r.xml) } : {}) };
  }
}
