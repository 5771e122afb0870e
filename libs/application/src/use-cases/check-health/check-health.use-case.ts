import { Inject, Injectable } from '@nestjs/common';
import { RUNTIME, type RuntimeServices } from '../../runtime/runtime-services';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  database: 'up' | 'down';
  queue: 'up' | 'down';
  queueBackend: string;
}

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, rej) => setTimeout(() => rej(new Error('timeout')), ms).unref())]);
}

/** Is the database reachable, and the queue? */
@Injectable()
export class CheckHealthUseCase {
  constructor(@Inject(RUNTIME) private readonly rt: RuntimeServices) {}

  async execute(): Promise<HealthReport> {
    const [db, queue] = await Promise.all([
      within(this.rt.db.ping(), 2_000).then(() => 'up' as const, () => 'down' as const),
      within(this.rt.queues.ping(), 2_000).then(() => 'up' as const, () => 'down' as const),
    ]);
    return { status: db === 'up' && queue === 'up' ? 'ok' : 'unavailable', database: db, queue, queueBackend: this.rt.queues.conn.kind };
  }
}
