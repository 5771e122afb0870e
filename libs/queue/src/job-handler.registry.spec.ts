import { JobHandlerRegistry } from './job-handler.registry';
import { JobName } from './queue-names';

describe('JobHandlerRegistry', () => {
  it('refuses to start while a job name has no handler', () => {
    const r = new JobHandlerRegistry();
    r.register(JobName.TimerWake, async () => undefined);
    expect(() => r.assertComplete()).toThrow(/no handler for job\(s\): .*service\.invoke/);
  });

  it('refuses a second handler for the same job', () => {
    const r = new JobHandlerRegistry();
    r.register(JobName.TimerWake, async () => undefined);
    expect(() => r.register(JobName.TimerWake, async () => undefined)).toThrow(/two handlers/);
  });

  it('dispatches by name', async () => {
    const r = new JobHandlerRegistry();
    const seen: number[] = [];
    for (const n of Object.values(JobName)) r.register(n, async () => undefined);
    const r2 = new JobHandlerRegistry();
    for (const n of Object.values(JobName)) {
      if (n === JobName.TimerWake) r2.register(n, async (d) => void seen.push(d.second));
      else r2.register(n, async () => undefined);
    }
    expect(() => r.assertComplete()).not.toThrow();
    await r2.dispatch({ name: JobName.TimerWake, data: { second: 7 } }, { jobId: 'x', attemptsMade: 0, attempts: 1 });
    expect(seen).toEqual([7]);
  });
});
