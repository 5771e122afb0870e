/**
 * libs/config: the process configuration, validated once at boot. No other code reads
 * `process.env`: everything else receives an `AppConfig`.
 */
import { Transform, plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, ValidationError, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value);
const toNum = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : /^-?\d+(\.\d+)?$/.test(String(value)) ? Number(value) : value);

export type ProcessRole = 'all' | 'api' | 'worker';
export type ClockMode = 'database' | 'system' | 'offset';

export class AppConfig {
  /** HTTP port of the API. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  /** Host the API binds to. */
  @IsOptional() @IsString()
  HOST = '0.0.0.0';

  /** PostgreSQL connection string; unset: an embedded PostgreSQL under DATA_DIR. */
  @IsOptional() @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /** Redis connection string; unset: BullMQ runs on its PostgreSQL backend in the same database. */
  @IsOptional() @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /** Where the embedded PostgreSQL keeps its data. */
  @IsOptional() @IsString()
  DATA_DIR = '.data';

  /** Port of the embedded PostgreSQL. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  /** Connections in the runtime's PostgreSQL pool (per process). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(200)
  DB_POOL_SIZE = 10;

  /** Which part this process runs: api, worker, or both (the embedded default). */
  @IsOptional() @IsIn(['all', 'api', 'worker'])
  ROLE: ProcessRole = 'all';

  /** Key prefix of the queues (Redis) / schema of the PostgreSQL queue backend. */
  @IsOptional() @Matches(/^[a-z][a-z0-9_]{0,40}$/, { message: 'QUEUE_PREFIX must be lower-case letters, digits and _' })
  QUEUE_PREFIX = 'rp';

  /** Jobs a worker process runs at once, per queue. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(500)
  WORKER_CONCURRENCY = 16;

  /** BullMQ stalled-job check interval and lock duration (ms): how fast a killed worker's jobs come back. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(100)
  QUEUE_STALLED_INTERVAL_MS = 30_000;

  @IsOptional() @Transform(toInt) @IsInt() @Min(100)
  QUEUE_LOCK_DURATION_MS = 30_000;

  /** How often the reconciler re-sends unsent outbox rows and re-arms lost timers (ms). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(50)
  RECONCILE_INTERVAL_MS = 5_000;

  /** How late a job may be before the reconciler re-adds it, in case the queue lost it (ms). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(100)
  RECONCILE_OVERDUE_MS = 60_000;

  /** How old an unsent outbox row must be before the reconciler sends it (ms). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(0)
  RECONCILE_GRACE_MS = 2_000;

  /** `database` (production: PostgreSQL's clock), `system`, or `offset` (tests and demos: CLOCK_OFFSET_MS, CLOCK_RATE). */
  @IsOptional() @IsIn(['database', 'system', 'offset'])
  CLOCK_MODE: ClockMode = 'database';

  @IsOptional() @Transform(toNum) @IsNumber()
  CLOCK_OFFSET_MS = 0;

  /** Simulated seconds per real second (offset clock only). */
  @IsOptional() @Transform(toNum) @IsNumber() @Min(0.001) @Max(1_000_000)
  CLOCK_RATE = 1;

  /** Folder of BPMN templates deployed at start (a new version only when a file changed). Empty: none. */
  @IsOptional() @IsString()
  WORKFLOWS_DIR = 'workflows';

  /** Worker threads that compile BPMN for the API, and the time budget of one compile (ms). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(16)
  COMPILE_POOL_SIZE = 2;

  @IsOptional() @Transform(toInt) @IsInt() @Min(100)
  COMPILE_TIMEOUT_MS = 20_000;

  /** Maximum size of a deployed BPMN file (bytes). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1024)
  DEPLOY_MAX_BYTES = 5 * 1024 * 1024;

  @IsOptional() @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';

  // --- Notifications (libs/notifications) ---

  /** SMTP server for e-mail (`smtp://user:pass@host:port`, `smtps://…`); empty: no e-mail is sent. */
  @IsOptional() @Matches(/^(smtps?:\/\/.+)?$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL = '';

  /** Sender of notification e-mails. */
  @IsOptional() @IsString()
  MAIL_FROM = 'Referral pathways <no-reply@localhost>';

  /** The app's public address, for links in e-mails and webhooks. */
  @IsOptional() @Matches(/^https?:\/\/[^\s]+$/, { message: 'PUBLIC_BASE_URL must be an http(s) URL' })
  PUBLIC_BASE_URL = 'http://localhost:3000';

  /** Tries of an e-mail or webhook delivery before it is dead-lettered, and the first pause (ms; doubled each try). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(30)
  NOTIFY_MAX_ATTEMPTS = 8;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1)
  NOTIFY_RETRY_BASE_MS = 30_000;

  /** A webhook receiver's time to answer (ms). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(60_000)
  NOTIFY_WEBHOOK_TIMEOUT_MS = 10_000;

  /** Local hour of the daily digest, in each partnership's time zone (the default zone when a partnership has none). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(23)
  NOTIFY_DIGEST_HOUR = 7;

  @IsOptional() @IsString()
  NOTIFY_DEFAULT_TIME_ZONE = 'Europe/London';

  /**
   * DEVELOPMENT ONLY, replaced by the access layer (issue 4): the actor every request runs as
   * until authentication exists.
   */
  @IsOptional() @Matches(/^[A-Za-z0-9_.-]{1,64}$/)
  DEV_ACTOR_USER_ID = 'dev-user';

  @IsOptional() @Matches(/^[A-Za-z0-9_.-]{1,64}$/)
  DEV_ACTOR_PARTNERSHIP_ID = 'default';

  // --- Identity, access and audit (issue 4) ---

  /** The database role the application switches to (created by the migrations; may not change the audit log). Empty: none. */
  @IsOptional() @Matches(/^([a-z_][a-z0-9_]{0,62})?$/)
  DATABASE_APP_ROLE = 'referral_app';

  /** Issuer and audience of the access tokens (checked on every request). */
  @IsOptional() @IsString()
  AUTH_ISSUER = 'urn:referral-pathways';

  @IsOptional() @IsString()
  AUTH_AUDIENCE = 'urn:referral-pathways:api';

  /** Ed25519 private key (PKCS#8 PEM) that signs access tokens; empty: generated once under DATA_DIR/keys. */
  @IsOptional() @IsString()
  AUTH_SIGNING_KEY = '';

  /** Access-token lifetime (s), refresh-token lifetime (s), and how long a user's status is cached (ms). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(30) @Max(900)
  AUTH_ACCESS_TTL_SECONDS = 300;

  @IsOptional() @Transform(toInt) @IsInt() @Min(300)
  AUTH_REFRESH_TTL_SECONDS = 12 * 3600;

  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(30_000)
  AUTH_STATUS_CACHE_MS = 15_000;

  /** Login attempts per window (ms) per e-mail address and per client address, across api processes. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1)
  AUTH_LOGIN_LIMIT = 10;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1000)
  AUTH_LOGIN_WINDOW_MS = 60_000;

  /** Session cookies only over HTTPS (turn off for plain-HTTP local development). */
  @IsOptional() @IsIn(['true', 'false'])
  AUTH_COOKIE_SECURE: 'true' | 'false' = 'true';

  /**
   * OpenID Connect providers of partner agencies, as JSON: `[{ "id", "issuer", "clientId",
   * "clientSecret", "redirectUri", "partnershipId", "agencyId" }]`.
   */
  @IsOptional() @IsString()
  OIDC_PROVIDERS = '';

  /** Data keys for the encrypted case fields, `kid:base64key,…` (32-byte keys); empty: generated once under DATA_DIR/keys. */
  @IsOptional() @Matches(/^([A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=]{43,44})?(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=]{43,44})*$/, { message: 'DATA_ENCRYPTION_KEYS must be kid:base64key pairs separated by commas' })
  DATA_ENCRYPTION_KEYS = '';

  /** Which data key encrypts new values (default: the first). */
  @IsOptional() @Matches(/^([A-Za-z0-9_-]{1,32})?$/)
  DATA_ENCRYPTION_KEY_ID = '';

  /** Origins allowed by CORS, comma-separated (empty: same origin only). */
  @IsOptional() @IsString()
  CORS_ORIGINS = '';

  /** How long a break-glass grant lasts (minutes). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(480)
  BREAK_GLASS_MINUTES = 60;

  /** How often the worker looks for cases past their partnership's retention period (ms). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1000)
  RETENTION_INTERVAL_MS = 3_600_000;
}

export class ConfigError extends Error {
  constructor(readonly variables: string[], message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function describe(errors: ValidationError[]): { names: string[]; lines: string[] } {
  const names: string[] = [];
  const lines: string[] = [];
  for (const e of errors) {
    names.push(e.property);
    const reasons = Object.values(e.constraints ?? {}).join('; ');
    lines.push(`  ${e.property}: ${reasons} (got ${JSON.stringify(e.value)})`);
  }
  return { names, lines };
}

/** Parses and validates an environment. Throws a `ConfigError` naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const known = Object.keys(new AppConfig());
  const input: Record<string, string> = {};
  for (const key of [...known, 'DATABASE_URL', 'REDIS_URL']) {
    const v = env[key];
    if (v !== undefined && v !== '') input[key] = v;
  }
  const config = plainToInstance(AppConfig, input);
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length > 0) {
    const { names, lines } = describe(errors);
    throw new ConfigError(names, `Invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}
