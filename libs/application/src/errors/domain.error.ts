/**
 * Domain errors carry a code; only the HTTP edge maps codes to status codes (and workers map
 * them to "no-op" or "retry"). The core never knows about HTTP.
 */
export enum ErrorCode {
  NotFound = 'not-found',
  InvalidInput = 'invalid-input',
  /** A task's output does not match what the task declares. */
  InvalidOutput = 'invalid-output',
  /** A BPMN file did not compile. */
  CompileFailed = 'compile-failed',
  /** The request conflicts with the current state (a task already completed, claimed by another). */
  Conflict = 'conflict',
  /** The instance has ended. */
  InstanceEnded = 'instance-ended',
  /** No instance waits for the message and no process starts with it. */
  NoSubscription = 'no-subscription',
  /** The database or the queue cannot be reached right now. */
  Unavailable = 'unavailable',
  Forbidden = 'forbidden',
  TooLarge = 'too-large',
}

export interface ProblemDetail {
  elementId?: string;
  message: string;
  severity?: string;
  field?: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems?: ProblemDetail[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
