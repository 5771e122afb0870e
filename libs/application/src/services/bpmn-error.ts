/**
 * Thrown by a service handler for a business outcome the model catches by code (an error
 * boundary event), as opposed to a technical failure, which is retried and then becomes an incident.
 */
export class BpmnError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message ?? code);
    this.name = 'BpmnError';
  }
}
