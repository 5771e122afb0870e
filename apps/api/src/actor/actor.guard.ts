import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor } from '@app/application';
import { ACTOR_RESOLVER, type ActorResolver } from './actor.resolver';

/** Resolves the actor of every request (authorisation comes with the access layer). */
@Injectable()
export class ActorGuard implements CanActivate {
  constructor(@Inject(ACTOR_RESOLVER) private readonly resolver: ActorResolver) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<Request & { actor?: Actor }>();
    req.actor = await this.resolver.resolve(req);
    return true;
  }
}
