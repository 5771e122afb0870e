/**
 * The comparison baseline: bpmn-engine (npm) with its state written to PostgreSQL at every wait
 * state, which is how its users make it durable: per event, lock the row, recover the engine from
 * the stored state, resume, signal the waiting task, run to the next wait state, store the state.
 */
import { Pool } from 'pg';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Engine } = require('bpmn-engine') as { Engine: new (opts?: Record<string, unknown>) => BpmnEngine };

interface BpmnEngine {
  execute(opts?: Record<string, unknown>): Promise<BpmnExecution>;
  recover(state: unknown): BpmnEngine;
  resume(opts?: Record<string, unknown>): Promise<BpmnExecution>;
  getState(): Promise<unknown>;
  stop(): Promise<void>;
  once(event: string, cb: (...args: unknown[]) => void): void;
}
interface BpmnExecution {
  getPostponed(): { id: string; type: string }[];
  signal(message: { id: string }): void;
  state: string;
}

/** bpmn-engine evaluates JavaScript conditions, not FEEL: the same model with its condition in its dialect. */
export function toBpmnEngineXml(xml: string): string {
  return xml.replace(
    /<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=score &gt;= 14<\/bpmn:conditionExpression>/g,
    '<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="js">next(null, environment.variables.score &gt;= 14);</bpmn:conditionExpression>',
  );
}

function userTasks(ex: BpmnExecution): string[] {
  return ex.getPostponed().filter((a) => a.type === 'bpmn:UserTask').map((a) => a.id);
}

async function settle(engine: BpmnEngine): Promise<void> {
  // Execution continues synchronously to the next wait; yield once so listeners run.
  await new Promise((r) => setImmediate(r));
  void engine;
}

export interface BaselineResult {
  instances: number;
  events: number;
  seconds: number;
  latencies: number[];
}

export async function runBpmnEngineBaseline(pool: Pool, xml: string, instances: number, concurrency: number): Promise<BaselineResult> {
  const source = toBpmnEngineXml(xml);
  await pool.query('CREATE TABLE IF NOT EXISTS bpmn_engine_state (id bigserial PRIMARY KEY, state jsonb NOT NULL, done boolean NOT NULL DEFAULT false)');
  let next = 0;
  let events = 0;
  const latencies: number[] = [];
  const t0 = performance.now();

  async function runOne(): Promise<void> {
    // Start: run to the first wait state, store the state.
    const engine = new Engine({ name: 'bench', source });
    const ex = await engine.execute({ variables: { score: 20 } });
    await settle(engine);
    const state = await engine.getState();
    await engine.stop();
    const id = (await pool.query('INSERT INTO bpmn_engine_state (state) VALUES ($1) RETURNING id', [JSON.stringify(state)])).rows[0].id;
    events++;
    let waiting = userTasks(ex);
    while (waiting.length > 0) {
      const taskId = waiting[0] as string;
      const started = performance.now();
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const row = (await client.query('SELECT state FROM bpmn_engine_state WHERE id = $1 FOR UPDATE', [id])).rows[0];
        const recovered = new Engine({ name: 'bench', source }).recover(row.state);
        const execution = await recovered.resume();
        execution.signal({ id: taskId });
        await settle(recovered);
        waiting = userTasks(execution);
        const newState = await recovered.getState();
        // A completed engine never emits 'stop': stop only one that still waits.
        if (waiting.length > 0) await recovered.stop();
        await client.query('UPDATE bpmn_engine_state SET state = $2, done = $3 WHERE id = $1', [id, JSON.stringify(newState), waiting.length === 0]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      } finally {
        client.release();
      }
      latencies.push(performance.now() - started);
      events++;
    }
  }

  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < instances) {
        next++;
        await runOne();
      }
    }),
  );
  return { instances, events, seconds: (performance.now() - t0) / 1000, latencies };
}
