import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@app/access';
import type { Principal } from '@app/identity';

/**
 * Route access is declared, and refused unless declared (fail closed): `@Public()` for login,
 * health and docs; `@Allow(...roles)` for everything else (`@Allow('any')`: any signed-in
 * person, the handler checks the object). `@AllowMfaPending()` opens a route to a session that
 * still has to enrol or pass its second factor.
 */
export const PUBLIC_ROUTE = 'rp:public';
export const ALLOWED_ROLES = 'rp:allowed-roles';
export const MFA_PENDING_OK = 'rp:mfa-pending-ok';

export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
export const Allow = (...roles: (Role | 'any')[]) => SetMetadata(ALLOWED_ROLES, roles);
export const AllowMfaPending = () => SetMetadata(MFA_PENDING_OK, true);

/** The MARAC's own staff and the people who work agency tasks. */
export const CASE_WORKERS: Role[] = ['partnership-coordinator', 'marac-coordinator', 'marac-chair', 'agency-spoc', 'agency-worker', 'idva'];
export const COORDINATION: Role[] = ['administrator', 'partnership-coordinator', 'marac-coordinator'];

/** The signed-in person (set by the AuthGuard). */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const req = ctx.switchToHttp().getRequest<{ actor?: Principal }>();
  if (!req.actor) throw new Error('no principal for this request');
  return req.actor;
});
