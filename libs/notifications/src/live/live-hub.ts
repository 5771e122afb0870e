/**
 * The live streams of one api process. Each connection knows the last position of its user's
 * stream it has written; a message that is the next position is written at once, one further
 * ahead means something was missed (a lost pub/sub message, a reconnect) and the gap is read from
 * the table, and an older one is a duplicate. Work on a connection is chained, so its events
 * leave in order. A sweep every few seconds compares each user's position with the table, which
 * bounds how late an event can be when a fan-out message is lost.
 */
import type { Database } from '@app/persistence';
import { InboxRepository } from '../inbox/inbox.repository';
import type { LiveMessage, LiveNotification } from '../notifications.types';
import type { LiveFanout } from './live-fanout';

/** Where a connection writes (an HTTP response, in the api). */
export interface LiveSink {
  write(chunk: string): void;
  /** Ends the stream (the process is stopping). */
  end?(): void;
}

export interface LiveConnection {
  readonly userId: string;
  close(): void;
}

interface Conn extends LiveConnection {
  sink: LiveSink;
  lastSeq: number;
  chain: Promise<void>;
  closed: boolean;
}

export interface LiveHubOptions {
  sweepMs: number;
  heartbeatMs: number;
  /** Most events replayed at a (re)connection. */
  replayLimit: number;
}

export function formatSse(seq: number, event: LiveNotification): string {
  return `id: ${seq}\ndata: ${JSON.stringify(event)}\n\n`;
}

export class LiveHub {
  private readonly byUser = new Map<string, Set<Conn>>();
  private readonly inbox = new InboxRepository();
  private timers: NodeJS.Timeout[] = [];
  private started = false;

  constructor(
    private readonly db: Database,
    private readonly fanout: LiveFanout,
    private readonly log: { warn(m: string): void },
    private readonly opts: LiveHubOptions = { sweepMs: 5_000, heartbeatMs: 15_000, replayLimit: 500 },
  ) {}

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.fanout.subscribe((m) => this.onMessage(m), () => void this.sweep());
    this.timers.push(setInterval(() => void this.sweep(), this.opts.sweepMs));
    this.timers.push(setInterval(() => this.heartbeat(), this.opts.heartbeatMs));
    for (const t of this.timers) t.unref();
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    for (const set of [...this.byUser.values()]) {
      for (const c of [...set]) {
        c.close();
        c.sink.end?.();
      }
    }
    await this.fanout.close();
  }

  get connections(): number {
    let n = 0;
    for (const s of this.byUser.values()) n += s.size;
    return n;
  }

  /**
   * Opens a stream for a user. With `lastEventId` (the SSE `Last-Event-ID`) everything after it is
   * replayed first; without, the stream starts at the user's current position.
   */
  async open(userId: string, lastEventId: number | null, sink: LiveSink): Promise<LiveConnection> {
    const conn: Conn = {
      userId, sink, lastSeq: Number.MAX_SAFE_INTEGER, chain: Promise.resolve(), closed: false,
      close: () => {
        conn.closed = true;
        const set = this.byUser.get(userId);
        set?.delete(conn);
        if (set?.size === 0) this.byUser.delete(userId);
      },
    };
    // Registered before reading the position, so nothing committed in between is lost: messages
    // wait on the chain behind the initial read.
    const set = this.byUser.get(userId) ?? new Set<Conn>();
    set.add(conn);
    this.byUser.set(userId, set);
    this.enqueue(conn, async () => {
      if (lastEventId === null) {
        conn.lastSeq = (await this.inbox.cursors(this.db.pool, [userId])).get(userId) ?? 0;
      } else {
        // An id from the future (another deployment, a forged header) restarts at the present.
        const current = (await this.inbox.cursors(this.db.pool, [userId])).get(userId) ?? 0;
        conn.lastSeq = Math.min(lastEventId, current);
        await this.catchUp(conn);
      }
    });
    await conn.chain;
    return conn;
  }

  private enqueue(conn: Conn, work: () => Promise<void>): void {
    conn.chain = conn.chain.then(async () => {
      if (conn.closed) return;
      try {
        await work();
      } catch (err) {
        this.log.warn(`live notifications: ${(err as Error).message}`);
      }
    });
  }

  private onMessage(m: LiveMessage): void {
    const set = this.byUser.get(m.userId);
    if (!set) return;
    for (const conn of set) {
      this.enqueue(conn, async () => {
        if (m.seq <= conn.lastSeq) return;
        if (m.seq === conn.lastSeq + 1) {
          conn.sink.write(formatSse(m.seq, m.event));
          conn.lastSeq = m.seq;
          return;
        }
        await this.catchUp(conn);
      });
    }
  }

  private async catchUp(conn: Conn): Promise<void> {
    for (let page = 0; page < Math.ceil(this.opts.replayLimit / 100); page++) {
      const missed = await this.inbox.since(this.db.pool, conn.userId, conn.lastSeq, 100);
      for (const m of missed) {
        if (conn.closed) return;
        conn.sink.write(formatSse(m.seq, m.event));
        conn.lastSeq = m.seq;
      }
      if (missed.length < 100) return;
    }
  }

  /** Compares every connected user's position with the table and fills any gap. */
  async sweep(): Promise<void> {
    const users = [...this.byUser.keys()];
    if (users.length === 0) return;
    try {
      const cursors = await this.inbox.cursors(this.db.pool, users);
      for (const u of users) {
        const last = cursors.get(u) ?? 0;
        for (const conn of this.byUser.get(u) ?? []) {
          this.enqueue(conn, async () => {
            if (conn.lastSeq < last) await this.catchUp(conn);
          });
        }
      }
    } catch (err) {
      this.log.warn(`live notifications: sweep failed (${(err as Error).message})`);
    }
  }

  private heartbeat(): void {
    for (const set of this.byUser.values()) for (const c of set) c.sink.write(': keep-alive\n\n');
  }
}
