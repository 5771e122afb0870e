/** libs/access: roles, the need-to-know matrix, and the one access layer over case data. */
export * from './roles';
export * from './need-to-know';
export * from './case-access.service';
export * from './task-access.service';
