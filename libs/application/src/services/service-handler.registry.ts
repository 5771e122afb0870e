import type { Variables } from '@app/engine';

/** What a service handler receives: the call's ids and the task's input (loaded from PostgreSQL). */
export interface ServiceCall {
  instanceId: number;
  elementInstanceId: number;
  elementId: string;
  taskType: string;
  input: Variables;
  headers: Record<string, string>;
  /** 1 for the first try. */
  attempt: number;
}

/** Returns output variables, throws `BpmnError` for a business error, throws anything else to fail (and retry). */
export type ServiceHandler = (call: ServiceCall) => Promise<Variables | void>;

export const SERVICE_HANDLERS = Symbol('SERVICE_HANDLERS');

/** Service handlers by task type. */
export class ServiceHandlerRegistry {
  private readonly handlers = new Map<string, ServiceHandler>();

  register(taskType: string, handler: ServiceHandler): this {
    if (this.handlers.has(taskType)) throw new Error(`service task type ${taskType} has two handlers`);
    this.handlers.set(taskType, handler);
    return this;
  }

  get(taskType: string): ServiceHandler | undefined {
    return this.handlers.get(taskType);
  }

  types(): string[] {
    return [...this.handlers.keys()].sort();
  }
}

/** Handlers every deployment has: `noop` (does nothing; for drafts and benchmarks). */
export function registerBuiltInServiceHandlers(registry: ServiceHandlerRegistry): ServiceHandlerRegistry {
  registry.register('noop', async () => ({}));
  return registry;
}
