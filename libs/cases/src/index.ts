/** libs/cases: referrals, cases and the people in them (encrypted, scoped), sharing, transfer, retention. */
export * from './case.types';
export * from './decision-data.util';
export * from './cases.service';
export * from './case-retention';
