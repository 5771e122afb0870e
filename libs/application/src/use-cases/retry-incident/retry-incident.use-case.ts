import { Inject, Injectable } from '@nestjs/common';
import type { Variables } from '@app/engine';
import type { Actor } from '../../actor';
import { DomainError, ErrorCode } from '../../errors/domain.error';
import { RUNTIME, type RuntimeServices } from '../../runtime/runtime-services';

/** Retries an incident once its cause is fixed: the engine resolves it and tries the element again. */
@Injectable()
export class RetryIncidentUseCase {
  constructor(@Inject(RUNTIME) private readonly rt: RuntimeServices) {}

  async execute(actor: Actor, id: number, variables?: Variables): Promise<{ id: number; instanceId: number; status: string }> {
    const rows = await this.rt.db.query('SELECT instance_id, incident_id, status FROM incidents WHERE id = $1 AND partnership_id = $2', [id, actor.partnershipId]);
    const inc = rows[0];
    if (!inc) throw new DomainError(ErrorCode.NotFound, `incident ${id} not found`);
    if (inc.status !== 'open') throw new DomainError(ErrorCode.Conflict, `incident ${id} is ${inc.status}`);
    const instanceId = Number(inc.instance_id);
    const outcome = await this.rt.tx.run((uow) =>
      this.rt.runtime.apply(uow, instanceId, { type: 'resolve-incident', incidentId: Number(inc.incident_id), ...(variables ? { variables } : {}) }, { actor }),
    );
    if (outcome.kind !== 'applied') throw new DomainError(ErrorCode.Conflict, `incident ${id} can no longer be retried`);
    return { id, instanceId, status: 'resolved' };
  }
}
