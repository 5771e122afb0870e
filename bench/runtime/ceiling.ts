/**
 * The bare ceiling: transactions of the same shape as an event (BEGIN; lock one row with
 * SELECT … FOR UPDATE; update it with a state of the same size; then as many single-row inserts
 * as an event writes rows on average; COMMIT; then as many queue operations as an event makes),
 * from Node on the same database, pool size and queue backend.
 */
import { Pool } from 'pg';
import type { Queue } from 'bullmq';

export async function runCeiling(url: string, poolSize: number, shape: { writes: number; queueOps: number; stateBytes: number }, seconds: number, queue: Queue): Promise<{ tps: number; latencies: number[] }> {
  const pool = new Pool({ connectionString: url, max: poolSize });
  await pool.query('DROP TABLE IF EXISTS ceiling_lock, ceiling_rows');
  await pool.query('CREATE TABLE ceiling_lock (id int PRIMARY KEY, version int NOT NULL, state jsonb NOT NULL)');
  await pool.query('CREATE TABLE ceiling_rows (id bigserial PRIMARY KEY, lock_id int NOT NULL, seq int NOT NULL, body jsonb NOT NULL)');
  const state = JSON.stringify({ blob: 'x'.repeat(Math.max(0, Math.round(shape.stateBytes) - 20)) });
  await pool.query(`INSERT INTO ceiling_lock SELECT g, 0, $1::jsonb FROM generate_series(1, 10000) g`, [state]);
  const extraWrites = Math.max(0, Math.round(shape.writes) - 1);
  let txs = 0;
  let queueCarry = 0;
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(Array.from({ length: poolSize }, async () => {
    while (performance.now() < until) {
      const id = 1 + Math.floor(Math.random() * 10000);
      const t = performance.now();
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query({ name: 'c_lock', text: 'SELECT version, state FROM ceiling_lock WHERE id = $1 FOR UPDATE', values: [id] });
        await client.query({ name: 'c_upd', text: 'UPDATE ceiling_lock SET version = version + 1, state = $2 WHERE id = $1', values: [id, state] });
        for (let i = 0; i < extraWrites; i++) {
          await client.query({ name: 'c_ins', text: 'INSERT INTO ceiling_rows (lock_id, seq, body) VALUES ($1, $2, $3)', values: [id, i, '{"elementId":"Task","transition":"completed"}'] });
        }
        await client.query('COMMIT');
      } finally {
        client.release();
      }
      queueCarry += shape.queueOps;
      while (queueCarry >= 1) {
        queueCarry -= 1;
        await queue.add('ceiling', { id }, { jobId: `ceiling-${txs}-${queueCarry.toFixed(3)}-${id}`, delay: 48 * 3600_000, removeOnComplete: true });
      }
      latencies.push(performance.now() - t);
      txs++;
    }
  }));
  await pool.end();
  return { tps: txs / seconds, latencies };
}

