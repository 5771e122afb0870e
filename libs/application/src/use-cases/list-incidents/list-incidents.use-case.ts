import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../../actor';
import { page, Page, RUNTIME, type RuntimeServices } from '../../runtime/runtime-services';

export interface IncidentView {
  id: number;
  instanceId: number;
  incidentId: number;
  elementInstanceId: number;
  elementId: string;
  kind: string;
  message: string;
  status: string;
  createdAt: string;
  resolvedAt: string | null;
}

export function toIncidentView(r: Record<string, unknown>): IncidentView {
  return {
    id: Number(r.id), instanceId: Number(r.instance_id), incidentId: Number(r.incident_id), elementInstanceId: Number(r.element_instance_id),
    elementId: String(r.element_id), kind: String(r.kind), message: String(r.message), status: String(r.status),
    createdAt: (r.created_at as Date).toISOString(), resolvedAt: r.resolved_at ? (r.resolved_at as Date).toISOString() : null,
  };
}

export const INCIDENT_COLUMNS = 'id, instance_id, incident_id, element_instance_id, element_id, kind, message, status, created_at, resolved_at';

/** Lists incidents (open by default) for operators. */
@Injectable()
export class ListIncidentsUseCase {
  constructor(@Inject(RUNTIME) private readonly rt: RuntimeServices) {}

  execute(q: { actor: Actor; status?: string; instanceId?: number; limit: number; offset: number }): Promise<Page<IncidentView>> {
    const where = ['partnership_id = $1'];
    const values: unknown[] = [q.actor.partnershipId];
    if (q.status) {
      values.push(q.status);
      where.push(`status = $${values.length}`);
    }
    if (q.instanceId !== undefined) {
      values.push(q.instanceId);
      where.push(`instance_id = $${values.length}`);
    }
    const w = where.join(' AND ');
    return page(this.rt.db.pool, `SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE ${w} ORDER BY id`, `SELECT count(*) AS total FROM incidents WHERE ${w}`, values, q.limit, q.offset, toIncidentView);
  }
}
