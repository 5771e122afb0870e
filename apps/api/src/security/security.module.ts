import { DynamicModule, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule, ThrottlerStorage } from '@nestjs/throttler';
import { Redis } from 'ioredis';
import type { Request } from 'express';
import { CaseAccessService, TaskAccessService } from '@app/access';
import { RUNTIME, StartInstanceUseCase, type RuntimeServices } from '@app/application';
import { AuditLog } from '@app/audit';
import { CasesService } from '@app/cases';
import type { AppConfig } from '@app/config';
import {
  FieldCipher, IdentityService, loadDataKeys, loadSigningKey, OidcService, parseOidcProviders, PostgresRateLimitStorage, RedisRateLimitStorage, TokenService,
} from '@app/identity';
import { AuthGuard } from './auth.guard';
import { AUDIT, CASE_ACCESS, CASES, CIPHER, IDENTITY, OIDC, SECURITY_OPTIONS, SecurityOptions, TASK_ACCESS, TOKENS } from './security.tokens';

const RATE_REDIS = Symbol('RATE_REDIS');

@Injectable()
class RateRedisCloser implements OnApplicationShutdown {
  constructor(@Inject(RATE_REDIS) private readonly redis: Redis | null) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }
}

/** Lower-cased e-mail of a login body, for the per-account limit (never logged). */
function accountOf(req: Request): string {
  const body = (req.body ?? {}) as { email?: unknown; mfaToken?: unknown };
  if (typeof body.email === 'string') return `acct:${body.email.trim().toLowerCase().slice(0, 200)}`;
  if (typeof body.mfaToken === 'string') return `mfa:${body.mfaToken.slice(-32)}`;
  return 'acct:-';
}

/**
 * Identity, access and audit for the API: keys, token service, sessions, the access layer, the
 * case service, single sign-on, the login throttler (shared store), and the global AuthGuard.
 */
@Module({})
export class SecurityModule {
  static forRoot(config: AppConfig, options: SecurityOptions = {}): DynamicModule {
    // One Redis connection for the login counters when Redis is configured (closed at shutdown).
    const rateRedis = config.REDIS_URL ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2 }) : null;
    if (config.DATABASE_URL && (!config.AUTH_SIGNING_KEY || !config.DATA_ENCRYPTION_KEYS)) {
      // Generated keys live under DATA_DIR: fine for one process on one disk, fatal for several
      // api processes (tokens of one refused by another) or a lost volume (case data unreadable).
      new Logger('Security').warn('AUTH_SIGNING_KEY and DATA_ENCRYPTION_KEYS are not both set: using keys generated under DATA_DIR/keys; set them in production and back the data key up');
    }
    const keySources = { signingKeyPem: config.AUTH_SIGNING_KEY, dataKeys: config.DATA_ENCRYPTION_KEYS, dataKeyId: config.DATA_ENCRYPTION_KEY_ID, dataDir: config.DATA_DIR };
    const providers = [
      { provide: SECURITY_OPTIONS, useValue: options },
      { provide: CIPHER, useFactory: () => new FieldCipher(loadDataKeys(keySources)) },
      { provide: AUDIT, inject: [RUNTIME], useFactory: (rt: RuntimeServices) => new AuditLog(rt.db.pool, rt.clock) },
      {
        provide: TOKENS, inject: [RUNTIME],
        useFactory: (rt: RuntimeServices) => new TokenService(loadSigningKey(keySources), { issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE, accessTtlSeconds: config.AUTH_ACCESS_TTL_SECONDS }, rt.clock),
      },
      {
        provide: IDENTITY, inject: [RUNTIME, TOKENS, CIPHER, AUDIT],
        useFactory: (rt: RuntimeServices, tokens: TokenService, cipher: FieldCipher, audit: AuditLog) =>
          new IdentityService(rt.db, tokens, cipher, audit, rt.clock, { refreshTtlSeconds: config.AUTH_REFRESH_TTL_SECONDS, statusCacheMs: config.AUTH_STATUS_CACHE_MS, issuerName: 'Referral pathways' }),
      },
      { provide: CASE_ACCESS, inject: [RUNTIME, AUDIT], useFactory: (rt: RuntimeServices, audit: AuditLog) => new CaseAccessService(rt.db.pool, audit, rt.clock) },
      { provide: TASK_ACCESS, inject: [RUNTIME, AUDIT], useFactory: (rt: RuntimeServices, audit: AuditLog) => new TaskAccessService(rt.db.pool, audit, rt.clock, { skipAgencyFilter: options.unsafeTestOnly?.skipTaskAgencyFilter === true }) },
      {
        provide: CASES, inject: [RUNTIME, CIPHER, CASE_ACCESS, AUDIT, StartInstanceUseCase],
        useFactory: (rt: RuntimeServices, cipher: FieldCipher, access: CaseAccessService, audit: AuditLog, start: StartInstanceUseCase) =>
          new CasesService(rt.db, cipher, access, audit, rt.clock, start, { breakGlassMinutes: config.BREAK_GLASS_MINUTES }),
      },
      {
        provide: OIDC, inject: [RUNTIME, TOKENS, IDENTITY],
        useFactory: (rt: RuntimeServices, tokens: TokenService, identity: IdentityService) => new OidcService(parseOidcProviders(config.OIDC_PROVIDERS), rt.db, tokens, identity),
      },
      { provide: RATE_REDIS, useValue: rateRedis },
      RateRedisCloser,
      { provide: APP_GUARD, useClass: AuthGuard },
    ];
    const exported = [SECURITY_OPTIONS, CIPHER, AUDIT, TOKENS, IDENTITY, CASE_ACCESS, TASK_ACCESS, CASES, OIDC];
    return {
      module: SecurityModule,
      global: true,
      imports: [
        ThrottlerModule.forRootAsync({
          inject: [RUNTIME],
          useFactory: (rt: RuntimeServices) => ({
            throttlers: [
              { name: 'login-account', ttl: config.AUTH_LOGIN_WINDOW_MS, limit: config.AUTH_LOGIN_LIMIT, getTracker: (req) => accountOf(req as Request) },
              { name: 'login-client', ttl: config.AUTH_LOGIN_WINDOW_MS, limit: config.AUTH_LOGIN_LIMIT * 5, getTracker: (req) => `ip:${(req as Request).ip ?? '-'}` },
            ],
            storage: (rateRedis ? new RedisRateLimitStorage(rateRedis, config.QUEUE_PREFIX) : new PostgresRateLimitStorage(rt.db.pool, rt.clock)) as ThrottlerStorage,
            errorMessage: 'too many sign-in attempts; wait a minute',
          }),
        }),
      ],
      providers,
      exports: [...exported, ThrottlerModule],
    };
  }
}
