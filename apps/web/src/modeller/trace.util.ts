/** Where a simulation trace stands after `step` entries: the marker of each element. */
import type { TraceEntry } from '../api/api.types';

export type TraceMarker = 'sim-active' | 'sim-done' | 'sim-taken' | 'sim-incident';

export function markersAt(trace: TraceEntry[], step: number): Map<string, TraceMarker> {
  const markers = new Map<string, TraceMarker>();
  for (const entry of trace.slice(0, step)) {
    switch (entry.transition) {
      case 'activated':
        markers.set(entry.elementId, 'sim-active');
        break;
      case 'taken':
        markers.set(entry.elementId, 'sim-taken');
        break;
      case 'incident':
        markers.set(entry.elementId, 'sim-incident');
        break;
      case 'completed':
      case 'terminated':
      case 'triggered':
      case 'incident-resolved':
        markers.set(entry.elementId, 'sim-done');
        break;
      default:
        // SLA events do not move the token
        break;
    }
  }
  return markers;
}
