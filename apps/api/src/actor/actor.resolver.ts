import type { Request } from 'express';
import type { Actor } from '@app/application';
import type { AppConfig } from '@app/config';

/** Resolves who makes a request. Replaced by the access layer (issue 4). */
export interface ActorResolver {
  resolve(req: Request): Actor | Promise<Actor>;
}

export const ACTOR_RESOLVER = Symbol('ACTOR_RESOLVER');

/**
 * DEVELOPMENT ONLY — TO BE REPLACED BY AUTHENTICATION (issue 4). Every request acts as the
 * configured development user in the configured partnership; `X-Dev-User` may name another
 * user id (so two people can be simulated). It checks nothing.
 */
export class DevelopmentActorResolver implements ActorResolver {
  constructor(private readonly config: Pick<AppConfig, 'DEV_ACTOR_USER_ID' | 'DEV_ACTOR_PARTNERSHIP_ID'>) {}

  resolve(req: Request): Actor {
    const header = req.header('x-dev-user');
    const userId = header && /^[A-Za-z0-9_.-]{1,64}$/.test(header) ? header : this.config.DEV_ACTOR_USER_ID;
    return { userId, partnershipId: this.config.DEV_ACTOR_PARTNERSHIP_ID, roles: ['coordinator', 'operator'] };
  }
}
