import type { Queryable } from './database';

/** An instance row as the event transaction sees it after locking it. */
export interface InstanceRow {
  id: number;
  partnership_id: string;
  definition_id: number;
  process_id: string;
  business_key: string | null;
  status: string;
  state: unknown;
  version: number;
  history_seq: number;
  event_seq: number;
  parent_instance_id: number | null;
  parent_element_instance_id: number | null;
  started_by: string | null;
}

const LOCK_SQL = `SELECT id, partnership_id, definition_id, process_id, business_key, status, state, version, history_seq, event_seq,
  parent_instance_id, parent_element_instance_id, started_by FROM instances WHERE id = $1 FOR UPDATE`;

/** `SELECT … FOR UPDATE` of one instance: every event on it runs under this lock. */
export async function lockInstance(client: Queryable, id: number): Promise<InstanceRow | undefined> {
  const r = await client.query({ name: 'rp_lock_instance_v1', text: LOCK_SQL, values: [id] });
  return r.rows[0] as InstanceRow | undefined;
}

/** Instance ids from the sequence, fetched in blocks so a start costs no extra round trip. */
export class InstanceIdAllocator {
  private ids: number[] = [];
  private pending?: Promise<void>;
  constructor(private readonly block = 64) {}

  async next(client: Queryable): Promise<number> {
    while (this.ids.length === 0) {
      if (!this.pending) {
        this.pending = client
          .query({ name: 'rp_alloc_ids_v1', text: `SELECT nextval('instances_id_seq') AS id FROM generate_series(1, $1)`, values: [this.block] })
          .then((r) => {
            this.ids.push(...r.rows.map((x: { id: string | number }) => Number(x.id)));
          })
          .finally(() => {
            this.pending = undefined;
          });
      }
      await this.pending;
    }
    return this.ids.shift() as number;
  }
}

/** Locks several instances in id order (so two batches never deadlock on each other). */
export async function lockInstances(client: Queryable, ids: number[]): Promise<InstanceRow[]> {
  const r = await client.query({ name: 'rp_lock_instances_v1', text: LOCK_SQL.replace('WHERE id = $1', 'WHERE id = ANY($1::bigint[]) ORDER BY id'), values: [ids] });
  return r.rows as InstanceRow[];
}
