import { Client } from 'pg';
import type { UnitOfWork } from '@app/application';
import type { LiveMessage } from '../notifications.types';
import { parseLiveMessage, type LiveFanout } from './live-fanout';

/** PostgreSQL LISTEN/NOTIFY: one NOTIFY per message (payloads stay far below the 8 kB limit). */
export class PgLiveFanout implements LiveFanout {
  private listener?: Client;
  private closed = false;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly databaseUrl: string,
    readonly channel: string,
    private readonly log: { warn(m: string): void },
  ) {}

  async publish(uow: UnitOfWork, messages: LiveMessage[]): Promise<void> {
    for (const m of messages) {
      await uow.client.query({ name: 'rp_ntf_notify_v1', text: 'SELECT pg_notify($1, $2)', values: [this.channel, JSON.stringify(m)] });
    }
  }

  async subscribe(onMessage: (m: LiveMessage) => void, onResync: () => void): Promise<void> {
    const connect = async (): Promise<void> => {
      const client = new Client({ connectionString: this.databaseUrl, application_name: 'referral-live' });
      client.on('notification', (n) => {
        const m = n.channel === this.channel && n.payload ? parseLiveMessage(n.payload) : undefined;
        if (m) onMessage(m);
      });
      const reconnect = (err?: Error) => {
        if (this.closed || this.listener !== client) return;
        this.listener = undefined;
        if (err) this.log.warn(`live notifications: LISTEN connection lost (${err.message}); reconnecting`);
        client.end().catch(() => undefined);
        this.retry = setTimeout(() => void connect().catch(() => reconnect()), 1000);
        this.retry.unref();
      };
      client.on('error', reconnect);
      client.on('end', () => reconnect());
      this.listener = client;
      try {
        await client.connect();
        await client.query(`LISTEN "${this.channel}"`);
      } catch (err) {
        reconnect(err as Error);
        throw err;
      }
      onResync();
    };
    await connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const l = this.listener;
    this.listener = undefined;
    await l?.end().catch(() => undefined);
  }
}
