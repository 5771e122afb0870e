import type { Variables } from '@app/engine';
import type { Actor } from '../../actor';
import type { RuntimeServices } from '../../runtime/runtime-services';
import type { UnitOfWork } from '../../runtime/unit-of-work';

export type CorrelationResult = { kind: 'correlated'; instanceId: number } | { kind: 'started'; instanceId: number } | { kind: 'none' };

/**
 * Correlates a message inside a unit of work: to the oldest instance waiting for it (name and
 * correlation key), else to a message start event of the latest version of a deployed process.
 * Shared by the API's correlate and the engine's `publish-message`.
 */
export async function correlateMessage(
  rt: RuntimeServices,
  uow: UnitOfWork,
  actor: Actor,
  msg: { name: string; correlationKey?: string | null; variables?: Variables },
): Promise<CorrelationResult> {
  const subs = await uow.client.query(
    `SELECT instance_id FROM subscriptions WHERE partnership_id = $1 AND kind = 'message' AND name = $2 AND correlation_key IS NOT DISTINCT FROM $3
       AND status = 'open' ORDER BY created_at, instance_id LIMIT 5`,
    [actor.partnershipId, msg.name, msg.correlationKey ?? null],
  );
  for (const s of subs.rows) {
    const outcome = await rt.runtime.apply(
      uow, Number(s.instance_id),
      { type: 'message', name: msg.name, ...(msg.correlationKey ? { correlationKey: msg.correlationKey } : {}), variables: msg.variables ?? {} },
      { actor },
    );
    if (outcome.kind === 'applied') return { kind: 'correlated', instanceId: Number(s.instance_id) };
  }
  const starts = await uow.client.query(
    `SELECT d.id, t->>'startEventId' AS start_event_id, t->>'processId' AS process_id
       FROM definitions d, jsonb_array_elements(d.start_triggers) t
      WHERE d.partnership_id = $1 AND t->>'kind' = 'message' AND t->>'name' = $2
        AND d.version = (SELECT max(version) FROM definitions m WHERE m.partnership_id = d.partnership_id AND m.key = d.key)
      ORDER BY d.id LIMIT 1`,
    [actor.partnershipId, msg.name],
  );
  const start = starts.rows[0];
  if (!start) return { kind: 'none' };
  const { row } = await rt.runtime.start(
    uow,
    { id: Number(start.id), partnershipId: actor.partnershipId },
    { variables: msg.variables ?? {}, startEventId: String(start.start_event_id), processId: String(start.process_id), ...(msg.correlationKey ? { businessKey: msg.correlationKey } : {}) },
    { actor },
  );
  return { kind: 'started', instanceId: row.id };
}
