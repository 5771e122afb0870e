import { Inject, Injectable } from '@nestjs/common';
import type { Variables } from '@app/engine';
import type { Actor } from '../../actor';
import { DomainError, ErrorCode } from '../../errors/domain.error';
import { RUNTIME, type RuntimeServices } from '../../runtime/runtime-services';
import { correlateMessage } from './message-correlation';

export interface CorrelateMessageCommand {
  actor: Actor;
  name: string;
  correlationKey?: string;
  variables?: Variables;
}

/** Correlates a message by name and correlation key (404 when nothing waits for it and no process starts with it). */
@Injectable()
export class CorrelateMessageUseCase {
  constructor(@Inject(RUNTIME) private readonly rt: RuntimeServices) {}

  async execute(cmd: CorrelateMessageCommand): Promise<{ instanceId: number; started: boolean }> {
    const r = await this.rt.tx.run((uow) => correlateMessage(this.rt, uow, cmd.actor, cmd));
    if (r.kind === 'none') throw new DomainError(ErrorCode.NoSubscription, `no instance waits for message ${cmd.name} with that correlation key, and no process starts with it`);
    return { instanceId: r.instanceId, started: r.kind === 'started' };
  }
}
