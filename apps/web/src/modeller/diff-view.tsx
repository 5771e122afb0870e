// Two versions side by side, coloured by what changed (bpmn-js-differ): removed on the left,
// added on the right, changed on both, moved on the right; and the same as a text list.
import { useEffect, useRef, useState } from 'react';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import { moddleExtensions } from './moddle-extensions';
import { computeDiff, type DiagramDiff } from './diff.util';

export interface DiffSide {
  label: string;
  xml: string;
}

function mark(viewer: NavigatedViewer, ids: string[], marker: string) {
  const canvas = viewer.get<Canvas>('canvas');
  const registry = viewer.get<ElementRegistry>('elementRegistry');
  for (const id of ids) if (registry.get(id)) canvas.addMarker(id, marker);
}

export function DiffView({ before, after }: { before: DiffSide; after: DiffSide }) {
  const left = useRef<HTMLDivElement>(null);
  const right = useRef<HTMLDivElement>(null);
  const [diff, setDiff] = useState<DiagramDiff | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    if (!left.current || !right.current) return;
    const oldViewer = new NavigatedViewer({ container: left.current, moddleExtensions });
    const newViewer = new NavigatedViewer({ container: right.current, moddleExtensions });
    let live = true;
    (async () => {
      try {
        await oldViewer.importXML(before.xml);
        await newViewer.importXML(after.xml);
        if (!live) return;
        const result = computeDiff(oldViewer.getDefinitions(), newViewer.getDefinitions());
        mark(oldViewer, result.removed, 'diff-removed');
        mark(newViewer, result.added, 'diff-added');
        const changed = result.changed.map((c) => c.id);
        mark(oldViewer, changed, 'diff-changed');
        mark(newViewer, changed, 'diff-changed');
        mark(newViewer, result.layoutChanged, 'diff-layout');
        oldViewer.get<Canvas>('canvas').zoom('fit-viewport');
        newViewer.get<Canvas>('canvas').zoom('fit-viewport');
        setDiff(result);
      } catch (e) {
        if (live) setError(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      live = false;
      oldViewer.destroy();
      newViewer.destroy();
    };
  }, [before.xml, after.xml]);

  return (
    <div className="diff-view">
      <ul className="legend" aria-label="Legend">
        <li><span className="swatch swatch-added" /> added</li>
        <li><span className="swatch swatch-removed" /> removed</li>
        <li><span className="swatch swatch-changed" /> changed</li>
        <li><span className="swatch swatch-layout" /> moved</li>
      </ul>
      <div className="diff-canvases">
        <figure>
          <figcaption>{before.label}</figcaption>
          <div ref={left} className="diff-canvas" data-testid="diff-before" />
        </figure>
        <figure>
          <figcaption>{after.label}</figcaption>
          <div ref={right} className="diff-canvas" data-testid="diff-after" />
        </figure>
      </div>
      {error && <p role="alert" className="note note-error">The versions could not be compared: {error}</p>}
      {diff && (
        <div className="diff-summary" data-testid="diff-summary">
          <h3>Changes</h3>
          {diff.added.length + diff.removed.length + diff.changed.length + diff.layoutChanged.length === 0 ? (
            <p>No differences.</p>
          ) : (
            <ul>
              {diff.added.map((id) => <li key={`a-${id}`}>Added {id}</li>)}
              {diff.removed.map((id) => <li key={`r-${id}`}>Removed {id}</li>)}
              {diff.changed.map((c) => <li key={`c-${c.id}`}>Changed {c.id}: {c.attributes.join(', ')}</li>)}
              {diff.layoutChanged.map((id) => <li key={`l-${id}`}>Moved {id}</li>)}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
