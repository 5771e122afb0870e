import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../../actor';
import { DomainError, ErrorCode } from '../../errors/domain.error';
import { RUNTIME, type RuntimeServices } from '../../runtime/runtime-services';

/** Cancels an active instance (the engine terminates every token; child instances are cancelled too). */
@Injectable()
export class CancelInstanceUseCase {
  constructor(@Inject(RUNTIME) private readonly rt: RuntimeServices) {}

  async execute(actor: Actor, id: number, reason?: string): Promise<{ id: number; status: string }> {
    const rows = await this.rt.db.query('SELECT status FROM instances WHERE id = $1 AND partnership_id = $2', [id, actor.partnershipId]);
    if (!rows[0]) throw new DomainError(ErrorCode.NotFound, `instance ${id} not found`);
    const outcome = await this.rt.tx.run((uow) => this.rt.runtime.apply(uow, id, { type: 'cancel', ...(reason ? { reason } : {}) }, { actor }));
    if (outcome.kind !== 'applied') throw new DomainError(ErrorCode.InstanceEnded, `instance ${id} has already ended`);
    return { id, status: outcome.row.status };
  }
}
