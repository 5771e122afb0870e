import { start as engineStart, step as engineStep, type EngineContext, type EngineEvent, type InstanceState, type StartOptions, type StepResult } from '@app/engine';
import type { Clock } from '@app/clock';
import { lockInstance, InstanceIdAllocator, type InstanceRow } from '@app/persistence';
import type { Actor } from '../actor';
import { DomainError, ErrorCode } from '../errors/domain.error';
import type { ModelCache } from './model-cache';
import { planStep } from './step-planner';
import type { UnitOfWork } from './unit-of-work';

export type ApplyOutcome =
  | { kind: 'applied'; row: InstanceRow; result: StepResult }
  /** The event no longer applies (stale, unknown, instance ended): an idempotent no-op. */
  | { kind: 'ignored'; reason: string }
  /** A timer job arrived before its due time (clock skew): it must be re-armed. */
  | { kind: 'early'; dueAt: Date };

export interface ApplyOptions {
  actor: Actor;
  /** The outbox row whose job this is: deleted in the same transaction (the job's fence). */
  consumeJobId?: string;
}

/**
 * Supplies what the engine context holds beyond `now` (calendars, partnership parameters) for an
 * instance of `processId` in a partnership (libs/application `PartnershipContextProvider`).
 */
export type EngineContextProvider = (partnershipId: string, now: Date, processId?: string) => EngineContext | Promise<EngineContext>;

const IGNORABLE = new Set(['stale', 'not-found', 'instance-ended']);

/**
 * Applies events to instances inside a unit of work: lock the instance, step the engine, plan
 * the rows. Nothing is written here; the caller's transaction flushes the unit of work.
 */
export class InstanceRuntime {
  private readonly ids = new InstanceIdAllocator();

  constructor(
    readonly models: ModelCache,
    readonly clock: Clock,
    private readonly contextFor: EngineContextProvider = (_p, now) => ({ now }),
    private readonly log: { debug(m: string): void } = { debug: () => undefined },
  ) {}

  /** Locks the instance (once per unit of work) and returns its current row. */
  async lock(uow: UnitOfWork, instanceId: number): Promise<InstanceRow | undefined> {
    const cached = uow.instances.get(instanceId);
    if (cached) return cached;
    const row = await lockInstance(uow.client, instanceId);
    if (row) uow.instances.set(instanceId, row);
    return row;
  }

  async apply(uow: UnitOfWork, instanceId: number, event: EngineEvent, opts: ApplyOptions): Promise<ApplyOutcome> {
    const row = await this.lock(uow, instanceId);
    const now = this.clock.now();
    if (row && row.status === 'active' && event.type === 'timer-fired') {
      const due = timerDue(row.state as InstanceState, event.timerId);
      // Not yet due (the producer's clock ran ahead): keep the outbox row, the caller re-arms.
      if (due && due.getTime() > now.getTime()) return { kind: 'early', dueAt: due };
    }
    if (opts.consumeJobId) uow.dropJob(opts.consumeJobId);
    if (!row) return { kind: 'ignored', reason: 'instance not found' };
    if (row.status !== 'active') return { kind: 'ignored', reason: 'instance ended' };
    const model = await this.models.get(row.definition_id, uow.client);
    const result = engineStep(model, row.state as InstanceState, event, await this.contextFor(row.partnership_id, now, row.process_id));
    if (result.rejection) {
      if (IGNORABLE.has(result.rejection.code)) {
        this.log.debug(`instance ${instanceId}: ${event.type} ignored (${result.rejection.code})`);
        if (event.type === 'timer-fired') uow.endTimer(instanceId, event.timerId, 'fired', now.toISOString());
        return { kind: 'ignored', reason: result.rejection.code };
      }
      if (result.rejection.code === 'invalid-output') throw new DomainError(ErrorCode.InvalidOutput, result.rejection.message);
      throw new DomainError(ErrorCode.InvalidInput, result.rejection.message);
    }
    const after = planStep(uow, { row, event, result, now, actor: opts.actor });
    return { kind: 'applied', row: after, result };
  }

  async start(
    uow: UnitOfWork,
    definition: { id: number; partnershipId: string },
    options: StartOptions,
    opts: ApplyOptions & { parent?: { instanceId: number; elementInstanceId: number } },
  ): Promise<{ row: InstanceRow; result: StepResult }> {
    if (opts.consumeJobId) uow.dropJob(opts.consumeJobId);
    const model = await this.models.get(definition.id, uow.client);
    const now = this.clock.now();
    const result = engineStart(model, options, await this.contextFor(definition.partnershipId, now, options.processId ?? model.mainProcessId));
    if (result.rejection) {
      throw new DomainError(result.rejection.code === 'invalid-output' ? ErrorCode.InvalidOutput : ErrorCode.InvalidInput, result.rejection.message);
    }
    const id = await this.ids.next(uow.client);
    const row: InstanceRow = {
      id, partnership_id: definition.partnershipId, definition_id: definition.id, process_id: result.state.processId,
      business_key: options.businessKey ?? null, status: 'active', state: null, version: 0, history_seq: 0, event_seq: 0,
      parent_instance_id: opts.parent?.instanceId ?? null, parent_element_instance_id: opts.parent?.elementInstanceId ?? null,
      started_by: opts.actor.userId,
    };
    const after = planStep(uow, { row, event: { type: 'start', options }, result, now, actor: opts.actor });
    return { row: after, result };
  }
}

/** The due time of a timer the state waits for (from its subscription), if the state says. */
export function timerDue(state: InstanceState, timerId: number): Date | undefined {
  const sub = state.subscriptions?.find((s) => s.id === timerId && (s.kind === 'timer' || s.kind === 'sla'));
  return sub?.due ? new Date(sub.due) : undefined;
}
