/** Formats a walk's SLA events of one task as `kind[:to]@YYYY-MM-DDTHH:MM` (UTC) for compact assertions. */
import type { TemplateWalk } from './template-walk.util';

export function slaTrail(w: TemplateWalk, elementId: string): string[] {
  return w.sla.filter((s) => s.elementId === elementId).map((s) => `${s.kind}${s.to ? ':' + s.to : ''}@${s.at.slice(0, 16)}`);
}
