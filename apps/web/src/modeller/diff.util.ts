/** The visual diff's model: which element ids were added, removed, changed or moved. */
import { diff } from 'bpmn-js-differ';

export interface DiagramDiff {
  added: string[];
  removed: string[];
  changed: { id: string; attributes: string[] }[];
  layoutChanged: string[];
}

export function computeDiff(oldDefinitions: unknown, newDefinitions: unknown): DiagramDiff {
  const result = diff(oldDefinitions, newDefinitions);
  return {
    added: Object.keys(result._added).sort(),
    removed: Object.keys(result._removed).sort(),
    changed: Object.entries(result._changed)
      .map(([id, change]) => ({ id, attributes: Object.keys(change.attrs).sort() }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    layoutChanged: Object.keys(result._layoutChanged).filter((id) => !(id in result._changed)).sort(),
  };
}
