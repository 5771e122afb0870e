/**
 * bench:notifications — how long from a task's creation (its step's COMMIT) to the in-app event
 * on the user's live stream, on the real PostgreSQL and Redis of this machine. The path measured:
 * outbox relay → BullMQ → the plan job (recipients, exclusions, preferences, rows) → fan-out
 * (Redis pub/sub, or PostgreSQL NOTIFY on the embedded-style backend) → another api process's
 * hub → SSE. Two loads per backend: one task at a time (latency alone) and bursts of concurrent
 * starts. Prints p50/p90/p99/max per run.
 *
 *   npm run bench:notifications [-- --tasks 200 --concurrency 10 --backends redis,postgres]
 */
import 'reflect-metadata';
import { StartInstanceUseCase, systemActor } from '@app/application';
import { startNotificationsRuntime, PARTNERSHIP, type Backend } from '../../test/notifications/support/notifications-runtime';
import { SseClient } from '../../test/notifications/support/sse-client';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const TASKS = Number(arg('tasks', '200'));
const CONCURRENCY = Number(arg('concurrency', '10'));
const BACKENDS = arg('backends', 'redis,postgres').split(',') as Backend[];

const BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:referral="http://referral-pathways.org/schema/bpmn/referral/1.0" id="d" targetNamespace="http://referral-pathways.org/bench">
  <bpmn:process id="bench_notified" isExecutable="true">
    <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t" />
    <bpmn:userTask id="t" name="Contact the victim"><bpmn:extensionElements><referral:task agency="idva" role="idva" sla="P2D" /></bpmn:extensionElements></bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" /><bpmn:endEvent id="e" />
  </bpmn:process>
</bpmn:definitions>`;

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function report(label: string, delays: number[], wallMs: number): string {
  const s = [...delays].sort((a, b) => a - b);
  const f = (x: number) => x.toFixed(1).padStart(7);
  return `${label.padEnd(34)} n=${String(s.length).padStart(4)}  p50 ${f(pct(s, 50))} ms  p90 ${f(pct(s, 90))} ms  p99 ${f(pct(s, 99))} ms  max ${f(s[s.length - 1]!)} ms  (${((s.length / wallMs) * 1000).toFixed(0)} tasks/s)`;
}

async function run(backend: Backend): Promise<string[]> {
  const t = await startNotificationsRuntime(backend, { LOG_LEVEL: 'warn', SMTP_URL: '', DB_POOL_SIZE: '16', WORKER_CONCURRENCY: '16' });
  const lines: string[] = [];
  try {
    const http = (await import('supertest')).default;
    const dep = await http(t.app.getHttpServer()).post('/api/definitions').set(t.as('admin')).set('Content-Type', 'application/xml').send(BPMN);
    if (dep.status !== 201) throw new Error(`deploy failed: ${dep.status}`);
    const stream = new SseClient(`${t.api2Url}/api/notifications/stream`, t.as('idva-spoc'));
    const arrivals = new Map<string, number>();
    const waiting = new Map<string, () => void>();
    stream.onEvent = (e) => {
      const ref = (JSON.parse(e.data) as { caseReference?: string }).caseReference;
      if (!ref) return;
      arrivals.set(ref, e.receivedAt);
      waiting.get(ref)?.();
    };
    await stream.connect();
    const start = t.app.get(StartInstanceUseCase);
    const one = async (ref: string): Promise<number> => {
      const arrived = new Promise<void>((resolve) => waiting.set(ref, resolve));
      await start.execute({ actor: systemActor(PARTNERSHIP), key: 'bench_notified', businessKey: ref });
      const committed = performance.now();
      await Promise.race([arrived, new Promise((_, reject) => setTimeout(() => reject(new Error(`no event for ${ref} within 30 s`)), 30_000))]);
      waiting.delete(ref);
      return arrivals.get(ref)! - committed;
    };
    // Warm-up: connections, prepared statements, JIT.
    for (let i = 0; i < 20; i++) await one(`W-${backend}-${i}`);
    const sequential: number[] = [];
    let t0 = performance.now();
    for (let i = 0; i < TASKS; i++) sequential.push(await one(`S-${backend}-${i}`));
    lines.push(report(`${backend}: one task at a time`, sequential, performance.now() - t0));
    const burst: number[] = [];
    t0 = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < TASKS) {
        const i = next++;
        burst.push(await one(`B-${backend}-${i}`));
      }
    }));
    lines.push(report(`${backend}: ${CONCURRENCY} starts at once`, burst, performance.now() - t0));
    stream.close();
  } finally {
    await t.close();
  }
  return lines;
}

async function main(): Promise<void> {
  const out: string[] = [];
  for (const b of BACKENDS) out.push(...(await run(b)));
  process.stdout.write(`\nDelay from task creation (COMMIT) to the in-app event on the SSE stream of another api process\n`);
  process.stdout.write(`(${TASKS} tasks per run after 20 warm-up; recipients: the agency's SPOC and 2 IDVAs; e-mail off)\n\n${out.join('\n')}\n`);
  process.exit(0);
}

main().catch((err) => {
  process.stderr.write(`bench:notifications failed: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
