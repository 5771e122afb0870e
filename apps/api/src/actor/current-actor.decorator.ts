import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Actor } from '@app/application';

/** The actor the `ActorGuard` resolved for this request. */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<{ actor?: Actor }>();
  if (!req.actor) throw new Error('no actor resolved for this request');
  return req.actor;
});
