import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { AuditLog } from '@app/audit';
import { IdentityError, IdentityService, Principal } from '@app/identity';
import { ALLOWED_ROLES, MFA_PENDING_OK, PUBLIC_ROUTE } from './access.decorators';
import { AUDIT, IDENTITY, SECURITY_OPTIONS, type SecurityOptions } from './security.tokens';
import { readCookie } from './cookies.util';

export const ACCESS_COOKIE = 'rp_access';

type RouteTargets = Parameters<Reflector['getAllAndOverride']>[1];

/**
 * The one gate in front of every route: a valid access token (EdDSA, issuer, audience, expiry),
 * a live session, an active account in an active agency (checked per request, cached briefly),
 * the second factor where the roles need it, and a role the route allows. Refusals of signed-in
 * people are audited.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(IDENTITY) private readonly identity: IdentityService,
    @Inject(AUDIT) private readonly audit: AuditLog,
    @Inject(SECURITY_OPTIONS) private readonly options: SecurityOptions,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets: RouteTargets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const req = ctx.switchToHttp().getRequest<Request & { actor?: Principal }>();
    if (this.options.testOnlyActorResolver) return this.testOnly(req, targets);
    const header = req.header('authorization');
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : readCookie(req, ACCESS_COOKIE);
    if (!token) throw new UnauthorizedException('sign in first');
    let p: Principal;
    try {
      p = await this.identity.authenticate(token);
    } catch (err) {
      if (err instanceof IdentityError) throw new UnauthorizedException(`not signed in (${err.code})`);
      throw err;
    }
    req.actor = p;
    const route = `${req.method} ${req.route?.path ?? 'unknown'}`;
    const who = { userId: p.userId, partnershipId: p.partnershipId, roles: p.roles, agencyId: p.agencyId ?? null };
    if (p.mfaPending && !this.reflector.getAllAndOverride<boolean>(MFA_PENDING_OK, targets)) {
      await this.audit.record({ who, action: 'route', outcome: 'denied', target: route, purpose: 'second factor required' });
      throw new ForbiddenException('this role needs a second factor: enrol at /api/auth/totp/enrol');
    }
    return this.checkRoles(p, who, route, targets);
  }

  private async checkRoles(p: { roles: string[] }, who: { userId: string; partnershipId: string; roles: string[]; agencyId: string | null }, route: string, targets: RouteTargets): Promise<boolean> {
    const allowed = this.reflector.getAllAndOverride<string[] | undefined>(ALLOWED_ROLES, targets);
    if (this.options.unsafeTestOnly?.skipRouteRoles) return true;
    if (!allowed || !(allowed.includes('any') || p.roles.some((r) => allowed.includes(r)))) {
      await this.audit.record({ who, action: 'route', outcome: 'denied', target: route, purpose: allowed ? 'role not allowed on this route' : 'route declares no access (closed)' });
      throw new ForbiddenException('your role may not use this');
    }
    return true;
  }

  /** TEST ONLY: the actor a test resolver names (no token); route roles still apply. */
  private async testOnly(req: Request & { actor?: Principal }, targets: RouteTargets): Promise<boolean> {
    const a = await this.options.testOnlyActorResolver!.resolve(req);
    const p: Principal = { ...a, agencyType: null, agencyCode: null, displayName: a.userId, sessionId: 'test-only', mfa: true, mfaPending: false, method: 'test-only' };
    req.actor = p;
    return this.checkRoles(p, { userId: p.userId, partnershipId: p.partnershipId, roles: p.roles, agencyId: p.agencyId ?? null }, `${req.method} ${req.route?.path ?? 'unknown'}`, targets);
  }
}
