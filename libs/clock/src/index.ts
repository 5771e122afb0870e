export { CLOCK, type Clock } from './clock.port';
export { SystemClock } from './system.clock';
export { OffsetRateClock } from './offset-rate.clock';
export { DatabaseClock } from './database.clock';
