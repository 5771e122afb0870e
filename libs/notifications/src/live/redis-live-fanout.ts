import IORedis from 'ioredis';
import type { UnitOfWork } from '@app/application';
import { redisOptionsFromUrl } from '@app/queue';
import type { LiveMessage } from '../notifications.types';
import { parseLiveMessage, type LiveFanout } from './live-fanout';

/** Redis pub/sub: published after COMMIT (a rolled-back transaction publishes nothing). */
export class RedisLiveFanout implements LiveFanout {
  private publisher?: IORedis;
  private subscriber?: IORedis;

  constructor(
    private readonly redisUrl: string,
    readonly channel: string,
    private readonly log: { warn(m: string): void },
  ) {}

  private pub(): IORedis {
    if (!this.publisher) {
      this.publisher = new IORedis({ ...redisOptionsFromUrl(this.redisUrl), maxRetriesPerRequest: 2 });
      this.publisher.on('error', (e) => this.log.warn(`live notifications: Redis publisher: ${e.message}`));
    }
    return this.publisher;
  }

  async publish(uow: UnitOfWork, messages: LiveMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const pub = this.pub();
    uow.afterCommit.push(() => {
      const pipe = pub.pipeline();
      for (const m of messages) pipe.publish(this.channel, JSON.stringify(m));
      pipe.exec().catch((e: Error) => this.log.warn(`live notifications: publish failed (${e.message}); streams catch up on their next sweep`));
    });
  }

  async subscribe(onMessage: (m: LiveMessage) => void, onResync: () => void): Promise<void> {
    const sub = new IORedis(redisOptionsFromUrl(this.redisUrl));
    this.subscriber = sub;
    sub.on('error', (e) => this.log.warn(`live notifications: Redis subscriber: ${e.message}`));
    sub.on('message', (channel: string, raw: string) => {
      const m = channel === this.channel ? parseLiveMessage(raw) : undefined;
      if (m) onMessage(m);
    });
    // ioredis re-subscribes after a reconnect; whatever was published meanwhile is read back.
    sub.on('ready', () => onResync());
    await sub.subscribe(this.channel);
  }

  async close(): Promise<void> {
    this.subscriber?.disconnect();
    this.publisher?.disconnect();
  }
}
