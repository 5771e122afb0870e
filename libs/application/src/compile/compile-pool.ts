import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ExecutableModel, Problem } from '@app/engine';
import { DomainError, ErrorCode } from '../errors/domain.error';

export type CompileOutcome = { model: ExecutableModel } | { problems: Problem[] };

interface Pending {
  id: number;
  xml: string;
  resolve: (r: CompileOutcome) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  busy?: Pending;
  timer?: NodeJS.Timeout;
}

/**
 * Compiles BPMN off the event loop: a small pool of worker threads, each compile with a time
 * budget (a compile that overruns has its thread terminated and replaced). The model comes back
 * as plain data through postMessage.
 */
export class CompilePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly timeoutMs: number,
  ) {}

  private spawn(): Worker {
    const js = join(__dirname, 'compile.worker.js');
    const worker = existsSync(js)
      ? new Worker(js, { execArgv: ['--require', join(__dirname, '../../../../../scripts/register-dist.cjs')] })
      : new Worker(join(__dirname, 'compile.worker.ts'), { execArgv: ['--require', join(__dirname, '../../../../scripts/register-ts.cjs')] });
    worker.unref();
    return worker;
  }

  private slot(): Slot | undefined {
    const idle = this.slots.find((s) => !s.busy);
    if (idle) return idle;
    if (this.slots.length < this.size) {
      const s: Slot = { worker: this.spawn() };
      this.wire(s);
      this.slots.push(s);
      return s;
    }
    return undefined;
  }

  private wire(s: Slot): void {
    s.worker.on('message', (msg: { id: number; result?: CompileOutcome; error?: string }) => {
      const job = s.busy;
      if (!job || job.id !== msg.id) return;
      this.finish(s);
      if (msg.error) job.reject(new DomainError(ErrorCode.CompileFailed, msg.error, [{ message: msg.error, severity: 'error' }]));
      else job.resolve(msg.result as CompileOutcome);
    });
    s.worker.on('error', (err) => {
      const job = s.busy;
      this.replace(s);
      job?.reject(err);
    });
  }

  private finish(s: Slot): void {
    if (s.timer) clearTimeout(s.timer);
    s.busy = undefined;
    s.timer = undefined;
    this.pump();
  }

  private replace(s: Slot): void {
    if (s.timer) clearTimeout(s.timer);
    void s.worker.terminate();
    const i = this.slots.indexOf(s);
    if (i >= 0) this.slots.splice(i, 1);
    s.busy = undefined;
    this.pump();
  }

  private pump(): void {
    while (!this.closed && this.queue.length > 0) {
      const s = this.slot();
      if (!s) return;
      const job = this.queue.shift() as Pending;
      s.busy = job;
      s.timer = setTimeout(() => {
        this.replace(s);
        job.reject(new DomainError(ErrorCode.CompileFailed, `compiling took longer than ${this.timeoutMs} ms`, [{ message: 'compile timed out', severity: 'error' }]));
      }, this.timeoutMs);
      s.worker.ref();
      s.worker.postMessage({ id: job.id, xml: job.xml });
    }
    for (const s of this.slots) if (!s.busy) s.worker.unref();
  }

  compile(xml: string): Promise<CompileOutcome> {
    if (this.closed) return Promise.reject(new Error('compile pool closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, xml, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }
}
