/**
 * The element-instance lifecycle, on one screen. Every element instance moves through these
 * states; the runner records each transition in the history and refuses any other.
 *
 *   activating ──▶ activated ──▶ completing ──▶ completed
 *        │             │              │
 *        └─────────────┴──────────────┴──▶ terminating ──▶ terminated
 *
 * `activated` is the only state an instance can be stored in between steps (a wait state);
 * the others are passed through within a step.
 */
export type LifecycleState = 'activating' | 'activated' | 'completing' | 'completed' | 'terminating' | 'terminated';

export const LIFECYCLE: Record<LifecycleState, readonly LifecycleState[]> = {
  activating: ['activated', 'terminating'],
  activated: ['completing', 'terminating'],
  completing: ['completed', 'terminating'],
  terminating: ['terminated'],
  completed: [],
  terminated: [],
};

export function canTransition(from: LifecycleState, to: LifecycleState): boolean {
  return LIFECYCLE[from].includes(to);
}
