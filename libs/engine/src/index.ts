/**
 * libs/engine: the BPMN core. Pure and deterministic: compile a model, then
 * `start` / `step` it as a function of (model, state, event, context).
 */
export * from './contract.types';
export type * from './model.types';
export { compile, parseDefinitions } from './compile/compile';
export { start, step } from './run/engine';
export { processStartTriggers, type StartTrigger } from './run/start-triggers';
export { computeTimerDue, addCalendarDuration } from './time/timers';
export { validateFormOutput } from './run/form-validation';
export { Simulator, type SimulationOptions, type SimulationResult } from './simulate/simulator';
export { REFERRAL_NS, referralSchema } from './compile/moddle';
