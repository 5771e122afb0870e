/** Exponential back-off of delivery retries: base, 2×base, 4×base, … (capped at a day). */
export function retryDelayMs(attempt: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 24 * 3600_000);
}
