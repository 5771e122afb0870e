import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Redis } from 'ioredis';
import type { Clock } from '@app/clock';
import type { Queryable } from '@app/persistence';

/** What @nestjs/throttler needs from a store (its ThrottlerStorageRecord). */
export interface RateRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

/**
 * Login attempt counters shared by every api process: in Redis when REDIS_URL is set, in
 * PostgreSQL otherwise. A fixed window per key; past the limit the key is blocked for
 * `blockDuration` (or the rest of the window). Times in milliseconds, as the throttler gives them.
 */
export class PostgresRateLimitStorage implements ThrottlerStorage {
  constructor(
    private readonly db: Queryable,
    private readonly clock: Clock,
  ) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<RateRecord> {
    const now = this.clock.now();
    const k = `${throttlerName}:${key}`;
    const r = await this.db.query(
      `INSERT INTO rate_limits (key, hits, expires_at) VALUES ($1, 1, $2::timestamptz + ($3::bigint * interval '1 millisecond'))
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN rate_limits.expires_at <= $2 AND (rate_limits.blocked_until IS NULL OR rate_limits.blocked_until <= $2) THEN 1 ELSE rate_limits.hits + 1 END,
         expires_at = CASE WHEN rate_limits.expires_at <= $2 AND (rate_limits.blocked_until IS NULL OR rate_limits.blocked_until <= $2) THEN EXCLUDED.expires_at ELSE rate_limits.expires_at END,
         blocked_until = CASE WHEN rate_limits.blocked_until IS NOT NULL AND rate_limits.blocked_until <= $2 THEN NULL ELSE rate_limits.blocked_until END
       RETURNING hits, expires_at, blocked_until`,
      [k, now, ttl],
    );
    let row = r.rows[0] as { hits: number; expires_at: Date; blocked_until: Date | null };
    if (row.hits > limit && !row.blocked_until) {
      const until = new Date(now.getTime() + (blockDuration || Math.max(0, row.expires_at.getTime() - now.getTime())));
      const b = await this.db.query('UPDATE rate_limits SET blocked_until = $2 WHERE key = $1 RETURNING hits, expires_at, blocked_until', [k, until]);
      row = b.rows[0] as typeof row;
    }
    const blocked = Boolean(row.blocked_until && row.blocked_until > now);
    return {
      totalHits: Number(row.hits),
      timeToExpire: Math.max(0, Math.ceil((row.expires_at.getTime() - now.getTime()) / 1000)),
      isBlocked: blocked,
      timeToBlockExpire: blocked ? Math.ceil((row.blocked_until!.getTime() - now.getTime()) / 1000) : 0,
    };
  }
}

const SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
local blocked = redis.call('PTTL', KEYS[2])
if blocked < 0 and hits > tonumber(ARGV[2]) then
  local d = tonumber(ARGV[3])
  if d <= 0 then d = ttl end
  redis.call('SET', KEYS[2], '1', 'PX', d)
  blocked = d
end
return { hits, ttl, blocked }`;

export class RedisRateLimitStorage implements ThrottlerStorage {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<RateRecord> {
    const base = `${this.prefix}:rate:${throttlerName}:${key}`;
    const [hits, pttl, blocked] = (await this.redis.eval(SCRIPT, 2, `${base}:hits`, `${base}:blocked`, String(ttl), String(limit), String(blockDuration))) as [number, number, number];
    return {
      totalHits: hits,
      timeToExpire: Math.max(0, Math.ceil(pttl / 1000)),
      isBlocked: blocked > 0,
      timeToBlockExpire: blocked > 0 ? Math.ceil(blocked / 1000) : 0,
    };
  }
}
