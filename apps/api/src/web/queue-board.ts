/**
 * The operators' queue view (bull-board) under /api/admin/queues, behind the administrator
 * role: the same token checks as every API route (access token from the Authorization header or
 * the session cookie, live session, second factor), refusals audited.
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { RuntimeServices } from '@app/application';
import type { AuditLog } from '@app/audit';
import { IdentityError, type IdentityService } from '@app/identity';
import { ACCESS_COOKIE } from '../security/auth.guard';
import { readCookie } from '../security/cookies.util';
import { AUDIT, IDENTITY } from '../security/security.tokens';

export const QUEUE_BOARD_PATH = '/api/admin/queues';

/** The bull-board UI inlines nothing executable but loads its bundle and styles from its own path. */
const BOARD_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

function problem(res: Response, status: number, detail: string): void {
  res.status(status).type('application/problem+json').send(JSON.stringify({ type: 'about:blank', title: status === 401 ? 'Unauthorized' : 'Forbidden', status, detail, instance: QUEUE_BOARD_PATH }));
}

export function adminOnly(identity: IdentityService, audit: AuditLog) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const header = req.header('authorization');
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : readCookie(req, ACCESS_COOKIE);
    if (!token) return problem(res, 401, 'sign in first');
    try {
      const p = await identity.authenticate(token);
      if (p.mfaPending || !p.roles.includes('administrator')) {
        await audit.record({ who: { userId: p.userId, partnershipId: p.partnershipId, roles: p.roles, agencyId: p.agencyId ?? null }, action: 'route', outcome: 'denied', target: `GET ${QUEUE_BOARD_PATH}`, purpose: p.mfaPending ? 'second factor required' : 'role not allowed on this route' });
        return problem(res, 403, 'your role may not use this');
      }
      res.setHeader('Content-Security-Policy', BOARD_CSP);
      next();
    } catch (err) {
      if (err instanceof IdentityError) return problem(res, 401, `not signed in (${err.code})`);
      next(err);
    }
  };
}

/** Mounts bull-board over the runtime's queues (BullMQ on Redis or on PostgreSQL). */
export function mountQueueBoard(app: INestApplication, runtime: RuntimeServices): void {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: [...runtime.queues.queues.values()].map((q) => new BullMQAdapter(q, { readOnlyMode: false })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Referral pathways queues' } },
  });
  app.use(QUEUE_BOARD_PATH, adminOnly(app.get(IDENTITY), app.get(AUDIT)), serverAdapter.getRouter());
}
