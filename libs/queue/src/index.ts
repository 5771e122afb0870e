export * from './queue-names';
export * from './job-handler.registry';
export * from './queue-connection';
export * from './job-queues';
export * from './retry-cycle.util';
