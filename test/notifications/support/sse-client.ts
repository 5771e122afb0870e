import { request, type ClientRequest } from 'node:http';

export interface SseEvent {
  id: string | null;
  data: string;
  /** Real ms when the event was parsed (the benchmark's arrival time). */
  receivedAt: number;
}

/**
 * A minimal server-sent-events client over node:http (Node 20 has no EventSource): parses
 * `id:` and `data:`, ignores comments, and keeps every event in arrival order.
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  status = 0;
  private req?: ClientRequest;
  private waiters: (() => void)[] = [];
  onEvent?: (e: SseEvent) => void;

  constructor(private readonly url: string, private readonly headers: Record<string, string>) {}

  connect(lastEventId?: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const req = request(this.url, { headers: { accept: 'text/event-stream', ...this.headers, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) } }, (res) => {
        this.status = res.statusCode ?? 0;
        if (this.status !== 200) {
          res.resume();
          resolve();
          return;
        }
        res.setEncoding('utf8');
        let buffer = '';
        let opened = false;
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let idx: number;
          while ((idx = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, idx);
            buffer = buffer.slice(idx + 2);
            let id: string | null = null;
            const data: string[] = [];
            for (const line of block.split('\n')) {
              if (line.startsWith('id:')) id = line.slice(3).trim();
              else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
            }
            if (!opened) {
              // the first block (`retry:`) means the stream is registered
              opened = true;
              resolve();
            }
            if (data.length > 0) {
              const e = { id, data: data.join('\n'), receivedAt: performance.now() };
              this.events.push(e);
              this.onEvent?.(e);
              for (const w of this.waiters.splice(0)) w();
            }
          }
        });
      });
      req.on('error', (err) => (this.status ? undefined : reject(err)));
      req.end();
      this.req = req;
    });
  }

  json<T>(): T[] {
    return this.events.map((e) => JSON.parse(e.data) as T);
  }

  /** Waits until at least `n` events arrived (bounded). */
  async waitFor(n: number, timeoutMs = 20_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.events.length < n) {
      if (Date.now() > until) throw new Error(`expected ${n} events, got ${this.events.length}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, 100);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  close(): void {
    this.req?.destroy();
  }
}
