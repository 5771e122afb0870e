import type { Request } from 'express';
import type { Actor } from '@app/application';
import type { AppConfig } from '@app/config';

/** Resolves who makes a request. Replaced by the access layer (issue 4). */
export interface ActorResolver {
  resolve(req: Request): Actor | Promise<Actor>;
}

export const ACTOR_RESOLVER = Symbol('ACTOR_RESOLVER');

/**
 * TEST ONLY (issue 4 replaced it with sign-in; main.ts never uses it). A suite written before
 * sign-in passes it as `ApiModuleOptions.actorResolver`: every request acts as the configured
 * development user of the configured partnership, `X-Dev-User` naming another user id. It
 * checks nothing; the route roles of the AuthGuard still apply.
 */
export class DevelopmentActorResolver implements ActorResolver {
  constructor(private readonly config: Pick<AppConfig, 'DEV_ACTOR_USER_ID' | 'DEV_ACTOR_PARTNERSHIP_ID'>) {}

  resolve(req: Request): Actor {
    const header = req.header('x-dev-user');
    const userId = header && /^[A-Za-z0-9_.-]{1,64}$/.test(header) ? header : this.config.DEV_ACTOR_USER_ID;
    return { userId, partnershipId: this.config.DEV_ACTOR_PARTNERSHIP_ID, roles: ['administrator', 'partnership-coordinator', 'marac-coordinator', 'coordinator', 'operator'] };
  }
}
