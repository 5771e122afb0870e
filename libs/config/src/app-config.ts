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

  /**
   * DEVELOPMENT ONLY, replaced by the access layer (issue 4): the actor every request runs as
   * until authentication exists.
   */
  @IsOptional() @Matches(/^[A-Za-z0-9_.-]{1,64}$/)
  DEV_ACTOR_USER_ID = 'dev-user';

  @IsOptional() @Matches(/^[A-Za-z0-9_.-]{1,64}$/)
  DEV_ACTOR_PARTNERSHIP_ID = 'default';
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
