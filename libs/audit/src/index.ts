/** libs/audit: the append-only audit log (write and search). */
export * from './audit-log';
