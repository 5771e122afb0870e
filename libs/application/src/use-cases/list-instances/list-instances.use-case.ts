import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../../actor';
import { page, Page, RUNTIME, type RuntimeServices } from '../../runtime/runtime-services';

export interface InstanceSummary {
  id: number;
  definitionId: number;
  processId: string;
  businessKey: string | null;
  status: string;
  version: number;
  parentInstanceId: number | null;
  startedAt: string;
  updatedAt: string;
  endedAt: string | null;
}

export function toInstanceSummary(r: Record<string, unknown>): InstanceSummary {
  return {
    id: Number(r.id), definitionId: Number(r.definition_id), processId: String(r.process_id), businessKey: (r.business_key as string | null) ?? null,
    status: String(r.status), version: Number(r.version), parentInstanceId: r.parent_instance_id === null ? null : Number(r.parent_instance_id),
    startedAt: (r.started_at as Date).toISOString(), updatedAt: (r.updated_at as Date).toISOString(), endedAt: r.ended_at ? (r.ended_at as Date).toISOString() : null,
  };
}

export interface ListInstancesQuery {
  actor: Actor;
  status?: string;
  definitionId?: number;
  processId?: string;
  businessKey?: string;
  limit: number;
  offset: number;
}

export const INSTANCE_COLUMNS = 'id, definition_id, process_id, business_key, status, version, parent_instance_id, started_at, updated_at, ended_at';

/** Lists instances of the actor's partnership, newest first. */
@Injectable()
export class ListInstancesUseCase {
  constructor(@Inject(RUNTIME) private readonly rt: RuntimeServices) {}

  execute(q: ListInstancesQuery): Promise<Page<InstanceSummary>> {
    const where = ['partnership_id = $1'];
    const values: unknown[] = [q.actor.partnershipId];
    const add = (col: string, v: unknown) => {
      values.push(v);
      where.push(`${col} = $${values.length}`);
    };
    if (q.status) add('status', q.status);
    if (q.definitionId !== undefined) add('definition_id', q.definitionId);
    if (q.processId) add('process_id', q.processId);
    if (q.businessKey) add('business_key', q.businessKey);
    const w = where.join(' AND ');
    return page(this.rt.db.pool, `SELECT ${INSTANCE_COLUMNS} FROM instances WHERE ${w} ORDER BY id DESC`, `SELECT count(*) AS total FROM instances WHERE ${w}`, values, q.limit, q.offset, toInstanceSummary);
  }
}
